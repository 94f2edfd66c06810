"""Recordsets: an ordered set of ids of one model in one environment, with Odoo's operations."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa

from core.db.sql import in_ids
from core.exceptions import ValidationError, invalid_field
from core.i18n import _
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.loader.defs import ModelDef
    from core.records.environment import Environment
    from core.registry.registry import Registry

PREFETCH_MAX = 1000


class NewId:
    """Id of a record that exists only in memory (forms being edited, onchange)."""

    __slots__ = ("origin", "ref")
    is_new_id = True

    def __init__(self, origin: int | None = None, ref: Any = None) -> None:
        self.origin, self.ref = origin, ref

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NewId) and (
            self is other or bool(self.origin and self.origin == other.origin)
        )

    def __hash__(self) -> int:
        return hash(self.origin) if self.origin else id(self)

    def __repr__(self) -> str:
        return f"<NewId origin={self.origin!r}>"


class RecordsetBase(ModelPart):
    """Identity and set operations of recordsets. Model classes derive from BaseModel."""

    __slots__ = ("env", "_ids", "_prefetch_ids")

    # class attributes set by the registry for each model
    _name: ClassVar[str] = ""
    _description: ClassVar[str] = ""
    _table: ClassVar[sa.Table]
    _fields: ClassVar[dict[str, Field]] = {}
    _order: ClassVar[str] = "id"
    _rec_name: ClassVar[str | None] = None
    _parent_name: ClassVar[str | None] = None
    _abstract: ClassVar[bool] = False
    _transient: ClassVar[bool] = False
    _def: ClassVar[ModelDef]
    _registry: ClassVar[Registry]
    _hook_stack: ClassVar[tuple[type, ...]] = ()

    def __init__(self, env: Environment, ids: tuple[Any, ...] = (), prefetch_ids: Any = None) -> None:
        self.env = env
        self._ids = ids
        self._prefetch_ids = ids if prefetch_ids is None else prefetch_ids

    # -- identity --------------------------------------------------------------------------
    @property
    def ids(self) -> list[int]:
        return [i for i in self._ids if isinstance(i, int)]

    @property
    def _origin(self) -> RecordsetBase:
        ids = tuple(i.origin if isinstance(i, NewId) else i for i in self._ids)
        return self.browse([i for i in ids if i])

    def __iter__(self) -> Iterator[Any]:
        cls, env, prefetch = type(self), self.env, self._prefetch_ids
        for record_id in self._ids:
            yield cls(env, (record_id,), prefetch)

    def __reversed__(self) -> Iterator[Any]:
        cls, env, prefetch = type(self), self.env, self._prefetch_ids
        for record_id in reversed(self._ids):
            yield cls(env, (record_id,), prefetch)

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __contains__(self, item: Any) -> bool:
        if isinstance(item, RecordsetBase):
            if item._name != self._name:
                raise TypeError(f"inconsistent models in: {item} in {self}")
            return len(item._ids) == 1 and item._ids[0] in self._ids
        if isinstance(item, str):
            return item in self._fields
        raise TypeError(f"unsupported operand type in: {item!r} in {self}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordsetBase):
            return NotImplemented
        return self._name == other._name and set(self._ids) == set(other._ids)

    def __hash__(self) -> int:
        return hash((self._name, frozenset(self._ids)))

    def __repr__(self) -> str:
        return f"{self._name}{self._ids!r}"

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return self._fields[key].__get__(self, type(self)) if key in self._fields else getattr(self, key)
        if isinstance(key, slice):
            return type(self)(self.env, self._ids[key], self._prefetch_ids)
        return type(self)(self.env, (self._ids[key],), self._prefetch_ids)

    def __setitem__(self, key: str, value: Any) -> None:
        setattr(self, key, value)

    def _check_same(self, other: Any) -> None:
        if not isinstance(other, RecordsetBase) or other._name != self._name:
            raise TypeError(f"inconsistent models: {self} and {other}")

    def __or__(self, other: Any) -> Any:
        self._check_same(other)
        return self.browse(tuple(dict.fromkeys(self._ids + other._ids)))

    def __and__(self, other: Any) -> Any:
        self._check_same(other)
        keep = set(other._ids)
        return self.browse(tuple(i for i in dict.fromkeys(self._ids) if i in keep))

    def __sub__(self, other: Any) -> Any:
        self._check_same(other)
        drop = set(other._ids)
        return self.browse(tuple(i for i in self._ids if i not in drop))

    def __add__(self, other: Any) -> Any:
        self._check_same(other)
        return self.browse(self._ids + other._ids)

    def union(self, *others: Any) -> Any:
        result = self
        for other in others:
            result = result | other
        return result

    # -- construction ----------------------------------------------------------------------
    def browse(self, ids: Any = ()) -> Any:
        """Records of this model with ``ids`` (an id, a list of ids, or nothing)."""
        if ids is None or ids is False:
            ids = ()
        elif isinstance(ids, (int, NewId)) and not isinstance(ids, bool):
            ids = (ids,)
        elif isinstance(ids, RecordsetBase):
            ids = ids._ids
        else:
            try:
                ids = tuple(ids)
            except TypeError:
                raise ValidationError(
                    _("Invalid ids %(ids)r for %(model)s", ids=ids, model=self._name)
                ) from None
            for record_id in ids:
                if isinstance(record_id, bool) or not isinstance(record_id, (int, NewId)):
                    raise ValidationError(_("Invalid id %(id)r for %(model)s: ids are integers", id=record_id,
                                            model=self._name))
        return type(self)(self.env, ids, ids)

    def _browse_prefetched(self, ids: tuple[Any, ...], prefetch_ids: Any) -> Any:
        return type(self)(self.env, ids, prefetch_ids)

    def with_env(self, env: Environment) -> Any:
        return type(self)(env, self._ids, self._prefetch_ids)

    def sudo(self, flag: bool = True) -> Any:
        if self.env.su == flag:
            return self
        return self.with_env(self.env.sudo(flag))

    def with_user(self, user: Any) -> Any:
        return self.with_env(self.env(user=user, su=False))

    def with_context(self, *args: Any, **kwargs: Any) -> Any:
        context = dict(args[0] if args else self.env.context)
        context.update(kwargs)
        return self.with_env(self.env(context=context))

    def with_company(self, company: Any) -> Any:
        company_id = company.id if hasattr(company, "_ids") else int(company)
        allowed = list(self.env.context.get("allowed_company_ids") or self.env.user.company_ids.ids)
        allowed = [company_id] + [c for c in allowed if c != company_id]
        return self.with_context(allowed_company_ids=allowed)

    # -- helpers ---------------------------------------------------------------------------
    def ensure_one(self) -> Any:
        if len(self._ids) != 1:
            raise ValueError(f"Expected singleton: {self!r}")
        return self

    def exists(self) -> Any:
        """The records of this set that are still in the database."""
        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return self.browse([i for i in self._ids if isinstance(i, NewId)])
        self.env.cr.flush()
        table = self._table
        found: set[int] = set()
        for chunk in split_every(ids, PREFETCH_MAX * 10):
            rows = self.env.cr.execute(
                sa.select(table.c.id).where(in_ids(table.c.id, chunk, self.env.cr.dialect))
            )
            found.update(row[0] for row in rows)
        return self.browse([i for i in self._ids if i in found or isinstance(i, NewId)])

    def mapped(self, func: str | Callable[[Any], Any]) -> Any:
        """Values of a field path (``"partner_id.name"``) or of a function, over the records."""
        if callable(func):
            values = [func(record) for record in self]
            if values and all(isinstance(v, RecordsetBase) for v in values):
                return values[0].union(*values[1:]) if values else self.browse()
            return values
        records: Any = self
        for name in func.split("."):
            field = records._fields.get(name)
            if field is None:
                raise invalid_field(name, records._name)
            if field.relational:
                ids: dict[Any, None] = {}
                for record in records:
                    ids.update(dict.fromkeys(record[name]._ids))
                records = records.env[field.comodel_name].browse(tuple(ids))
                continue
            return [record[name] for record in records]
        return records

    def filtered(self, func: str | Callable[[Any], Any]) -> Any:
        if isinstance(func, str):
            path = func
            func = lambda record: any(record.mapped(path))
        return self.browse([record._ids[0] for record in self if func(record)])

    def filtered_domain(self, domain: list[Any]) -> Any:
        if not domain or not self:
            return self
        matching = set(self.search([("id", "in", self.ids)] + list(domain))._ids)
        return self.browse([i for i in self._ids if i in matching])

    def sorted(self, key: str | Callable[[Any], Any] | None = None, reverse: bool = False) -> Any:
        if key is None:
            ordered = self.search([("id", "in", self.ids)], order=self._order)._ids
            ids = tuple(reversed(ordered)) if reverse else ordered
            return self.browse(ids)
        if isinstance(key, str):
            name = key
            key = lambda record: record[name]
        return self.browse([record._ids[0] for record in sorted(self, key=key, reverse=reverse)])

    def grouped(self, key: str | Callable[[Any], Any]) -> dict[Any, Any]:
        groups: dict[Any, list[Any]] = {}
        getter = (lambda record: record[key]) if isinstance(key, str) else key
        for record in self:
            groups.setdefault(getter(record), []).append(record._ids[0])
        return {k: self.browse(v) for k, v in groups.items()}

    @property
    def _model_name(self) -> str:
        return self._name


def split_every(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
