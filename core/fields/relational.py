"""Relational fields: many2one (a column), one2many (the inverse of a many2one), many2many."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.fields.base import Field, field_type
from core.fields.commands import normalize_commands

if TYPE_CHECKING:
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart


class Relational(Field):
    relational = True

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.comodel_name: str = self.attrs["comodel_name"]
        self.domain: list[Any] = list(self.attrs.get("domain") or [])
        self.context: dict[str, Any] = dict(self.attrs.get("context") or {})

    def _browse(self, record: ModelPart, ids: tuple[Any, ...]) -> BaseModel:
        # the hottest path of field access (every many2one read): the comodel's class is built
        # straight away instead of through an empty recordset of it
        env = record.env
        cls = env.registry.models.get(self.comodel_name) or type(env[self.comodel_name])
        return cls(env, ids, env.relational_prefetch(self, record._prefetch_ids))

    def _prefetch_ids(self, record: ModelPart) -> Any:
        """All comodel ids referenced by the records prefetched with ``record`` (lazy, cached)."""
        return record.env.relational_prefetch(self, record._prefetch_ids)


@field_type("many2one")
class Many2one(Relational):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.ondelete: str = self.attrs.get("ondelete") or ("restrict" if self.required else "set null")

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Integer()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False:
            return None
        if hasattr(value, "_ids"):
            if len(value._ids) > 1:
                raise self.error("Invalid value for field %(field)s: expected one record, got %(count)s.",
                                 count=len(value._ids))
            return value._ids[0] if value._ids else None
        if isinstance(value, (list, tuple)) and len(value) == 2:
            value = value[0]
        if isinstance(value, int) and not isinstance(value, bool) or getattr(value, "is_new_id", False):
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
        raise self.error(
            "Invalid value %(value)r for field %(field)s: expected the id of a %(comodel)s record.",
            value=value,
            comodel=self.comodel_name,
        )

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        return self._browse(record, (value,) if value is not None else ())

    def convert_to_read(self, value: Any, record: ModelPart, load: str | None = "_classic_read") -> Any:
        if value is None:
            return False
        if load == "_classic_read":
            target = self._browse(record, (value,))
            return (value, target.sudo().display_name)
        return value

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        # an empty recordset's id is 0, which is no record: write False to leave the field empty
        return (value.id or False) if hasattr(value, "_ids") else value


class X2many(Relational):
    falsy_value = ()

    def _default_copy(self) -> bool:
        return False

    def null_cache(self) -> Any:
        return ()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        """Commands: the write path applies them; the cache gets the resulting ids afterwards."""
        return normalize_commands(self, value)

    def convert_computed(self, value: Any, record: ModelPart) -> Any:
        """A computed x2many holds ids in the cache: a recordset, ids, or ``(6, 0, ids)`` become a tuple."""
        if hasattr(value, "_ids"):
            return tuple(value._ids)
        ids: list[Any] = []
        for command in normalize_commands(self, value):
            if command[0] == 6:
                ids = list(command[2])
            elif command[0] == 4 and command[1] not in ids:
                ids.append(command[1])
            elif command[0] == 5:
                ids = []
        return tuple(ids)

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        return self._browse(record, tuple(value or ()))

    def convert_to_read(self, value: Any, record: ModelPart, load: str | None = "_classic_read") -> Any:
        return [v for v in value or () if isinstance(v, int)]

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        return [(6, 0, list(value.ids))]


@field_type("one2many")
class One2many(X2many):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.inverse_name: str = self.attrs["inverse_name"]

    @property
    def column(self) -> bool:
        return False


@field_type("many2many")
class Many2many(X2many):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.relation: str = self.attrs.get("relation") or ""
        self.column1: str = self.attrs.get("column1") or ""
        self.column2: str = self.attrs.get("column2") or ""

    def _default_copy(self) -> bool:
        return not self.computed

    @property
    def column(self) -> bool:
        return False

    def setup_relation(self, table: str, cotable: str) -> None:
        """Default names of the relation table and its columns, as Odoo derives them."""
        if not self.relation:
            first, second = sorted((table, cotable))
            self.relation = f"{first}_{second}_rel"
        if not self.column1:
            self.column1 = f"{table}_id"
        if not self.column2:
            self.column2 = f"{cotable}_id" if cotable != table else f"{cotable}_related_id"
