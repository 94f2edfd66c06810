"""The field descriptor: metadata of one field and the conversions between its forms.

A value lives in four forms: what callers write (``vals``), what the per-transaction cache holds,
what Python code gets from ``record.field``, and what ``read()`` answers. Each field family
converts between them; the record API never special-cases a type elsewhere.
"""
from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa

from core.exceptions import MissingError, ValidationError
from core.i18n import _

if TYPE_CHECKING:
    from core.loader.defs import FieldDef
    from core.records.model import BaseModel
    from core.records.model_part import ModelPart

MISSING = object()


class Field:
    """Base of all field types. Instances are built by the registry from a FieldDef."""

    type: ClassVar[str] = ""
    relational: ClassVar[bool] = False
    # the default aggregate of read_group for this type (None: not aggregated)
    default_aggregator: ClassVar[str | None] = None
    # read() value of an empty field
    falsy_value: ClassVar[Any] = False
    # the ``validate:`` check of text fields (email, phone, vat...), run by the record API
    format_check: str | None = None

    def __init__(self, model_name: str, name: str, attrs: dict[str, Any], definition: FieldDef | None = None):
        self.model_name = model_name
        self.name = name
        self.definition = definition
        self.attrs = attrs
        self.string: str = attrs.get("string") or name.replace("_", " ").strip().capitalize().replace(
            " id", ""
        )
        if name.endswith("_ids") and not attrs.get("string"):
            self.string = name[:-4].replace("_", " ").capitalize()
        self.help: str | None = attrs.get("help")
        self.required: bool = bool(attrs.get("required"))
        self.index: bool = bool(attrs.get("index"))
        self.unique: bool = bool(attrs.get("unique"))
        self.tracking = attrs.get("tracking") or False
        self.groups: str | None = attrs.get("groups")
        self.translate: bool = bool(attrs.get("translate"))
        self.compute: str | None = attrs.get("compute")
        self.inverse: str | None = attrs.get("inverse")
        self.search_method: str | None = attrs.get("search")
        self.related: str | None = attrs.get("related")
        self.related_path: list[str] = self.related.split(".") if self.related else []
        self.depends: tuple[str, ...] = tuple(
            attrs.get("depends") or ([self.related] if self.related else [])
        )
        self.computed = bool(self.compute or self.related)
        self.store: bool = bool(attrs.get("store", not self.computed))
        self.readonly: bool = bool(
            attrs.get("readonly", self.computed and not self.inverse and not self.related)
        )
        self.copy: bool = bool(attrs.get("copy", self._default_copy() and not attrs.get("secret")))
        self.default = attrs.get("default", MISSING)
        self.aggregator: str | None = attrs.get("aggregator", self.default_aggregator)
        self.group_expand = attrs.get("group_expand")
        self.rename_from: str | None = attrs.get("rename_from")
        self.manual: bool = bool(attrs.get("manual"))
        # write-only: reads answer "" whoever asks; domains, sorting and grouping ignore or refuse it
        self.secret: bool = bool(attrs.get("secret"))
        # filled by the registry
        self.model_class: type[BaseModel] | None = None
        self.column_name = name
        self.needs_from_column = type(self).convert_from_column is not Field.convert_from_column

    # -- shape ------------------------------------------------------------------------------
    def _default_copy(self) -> bool:
        # as in Odoo, a computed field (stored or not) is recomputed on the copy, not copied
        return not self.computed

    @property
    def column(self) -> bool:
        """Whether the field has a column in its model's table."""
        return self.store

    @property
    def searchable(self) -> bool:
        return not self.secret and (self.store or bool(self.search_method) or bool(self.related))

    @property
    def sortable(self) -> bool:
        return self.column and not self.secret

    def sql_type(self) -> sa.types.TypeEngine:
        raise NotImplementedError(f"{type(self).__name__} has no column type")

    def __repr__(self) -> str:
        return f"{self.model_name}.{self.name}"

    def label(self) -> str:
        """The user-facing name in messages: ``'Customer' (partner_id)``."""
        from core.i18n import translate

        return f"'{translate(self.string)}' ({self.name})"

    def where(self) -> str:
        if self.definition and self.definition.sources:
            return str(self.definition.sources[-1])
        return "database"

    # -- conversions ------------------------------------------------------------------------
    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        """A value written by a caller, checked and in cache form. Raises ValidationError."""
        return value

    def convert_to_search(self, value: Any, record: ModelPart) -> Any:
        """The database value a domain compares this field with: coerced as far as SQL needs, never
        checked against the rules a written value must follow (a search only compares)."""
        return self.convert_to_column(self.convert_to_cache(value, record))

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        """What ``record.field`` returns for a cache value."""
        return self.falsy_value if value is None else value

    def convert_to_read(self, value: Any, record: ModelPart, load: str | None = "_classic_read") -> Any:
        """What ``read()`` returns for a cache value."""
        return self.falsy_value if value is None else value

    def convert_to_column(self, value: Any) -> Any:
        """The database value of a cache value."""
        return value

    def convert_from_column(self, value: Any) -> Any:
        """The cache value of a database value."""
        return value

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        """A record-form value turned into something ``write`` accepts (used by copy/onchange)."""
        return value

    def convert_computed(self, value: Any, record: ModelPart) -> Any:
        """The cache value of what a compute method assigns."""
        return self.convert_to_cache(value, record)

    def null_cache(self) -> Any:
        return None

    def null(self, record: ModelPart) -> Any:
        return self.convert_to_record(self.null_cache(), record)

    def error(self, message: str, **params: Any) -> ValidationError:
        return ValidationError(
            _(message, field=self.label(), model=self.model_name, **params), field=self.name
        )

    # -- descriptor -------------------------------------------------------------------------
    def __get__(self, record: ModelPart | None, owner: builtins.type | None = None) -> Any:
        if record is None:
            return self
        ids = record._ids
        if len(ids) != 1:
            if not ids:
                return self.null(record)
            raise ValueError(f"Expected singleton: {record!r} (reading field '{self.name}')")
        record_id = ids[0]
        values = record.env.cache.field_values(self)
        try:
            value = values[record_id]
        except KeyError:
            record._fetch_field(self)
            value = values.get(record_id, MISSING)
            if value is MISSING:
                raise MissingError(_("Record does not exist or has been deleted.")
                                   + f" ({record._name}({record_id},), field {self.name})") from None
        return self.convert_to_record(value, record)

    def __set__(self, record: ModelPart, value: Any) -> None:
        protected = record.env.protected.get(self)
        if protected is not None and all(i in protected for i in record._ids):
            # a compute method assigning its result
            cache_value = self.convert_computed(value, record)
            for record_id in record._ids:
                record.env.cache.set(self, record_id, cache_value)
                if self.store and isinstance(record_id, int):
                    record.env.towrite.mark(self, record_id)
            return
        record.write({self.name: value})


FieldFactory = Callable[[str, str, dict[str, Any], "FieldDef | None"], Field]
FIELD_TYPES: dict[str, type[Field]] = {}


def field_type(name: str) -> Callable[[type[Field]], type[Field]]:
    """Register a Field subclass under its metadata type name."""

    def register(cls: type[Field]) -> type[Field]:
        cls.type = name
        FIELD_TYPES[name] = cls
        return cls

    return register


def make_field(
    model_name: str, name: str, attrs: dict[str, Any], definition: FieldDef | None = None
) -> Field:
    return FIELD_TYPES[attrs["type"]](model_name, name, attrs, definition)
