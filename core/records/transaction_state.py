"""What the record API keeps for one transaction: the field cache, the computed values waiting for
their columns, and the queue of stored computed fields to recompute.

``core/db`` knows a connection in a transaction and nothing of records; ``RecordCursor`` (below) is
the cursor the registry hands out, the same ``env.cr`` Odoo code expects (``execute``, ``commit``,
``rollback``, ``savepoint``), carrying a ``TransactionState`` whose parts are named and typed.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from dataclasses import field as part
from typing import TYPE_CHECKING, Any

from core.db.transaction import Cursor

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.registry.registry import Registry


class SecretValues(dict):
    """The cache of a stored secret field: whatever is put in (a fetched column, a written value) is
    kept as "", so no read, export or Python attribute can hand the stored value out."""

    __slots__ = ()

    def __setitem__(self, key: Any, value: Any) -> None:
        dict.__setitem__(self, key, "")

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key in dict(*args, **kwargs):
            dict.__setitem__(self, key, "")

    def setdefault(self, key: Any, default: Any = None) -> Any:
        return dict.setdefault(self, key, "")


class _ValuesByField(dict):
    """Field → {id: value}, made on first use (the dict of a stored secret field blanks its values)."""

    __slots__ = ()

    def __missing__(self, field: Field) -> dict[Any, Any]:
        values: dict[Any, Any] = SecretValues() if field.secret and field.store else {}
        self[field] = values
        return values


class Cache:
    """Field values of records read or written in this transaction, keyed by field then id."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data: dict[Field, dict[Any, Any]] = _ValuesByField()

    def field_values(self, field: Field) -> dict[Any, Any]:
        return self._data[field]

    def get(self, field: Field, record_id: Any, default: Any = None) -> Any:
        return self._data[field].get(record_id, default)

    def contains(self, field: Field, record_id: Any) -> bool:
        return record_id in self._data[field]

    def set(self, field: Field, record_id: Any, value: Any) -> None:
        self._data[field][record_id] = value

    def missing(self, field: Field, ids: Any) -> list[Any]:
        values = self._data[field]
        return [i for i in ids if i not in values]

    def invalidate(self, fields: Any = None, ids: Any = None) -> None:
        if fields is None:
            if ids is None:
                self._data.clear()
                return
            fields = list(self._data)
        for field in fields:
            values = self._data.get(field)
            if not values:
                continue
            if ids is None:
                values.clear()
            else:
                for record_id in ids:
                    values.pop(record_id, None)


class ToWrite:
    """Computed values assigned in the cache that still have to reach their columns."""

    __slots__ = ("_dirty",)

    def __init__(self) -> None:
        self._dirty: defaultdict[Field, set[int]] = defaultdict(set)

    def mark(self, field: Field, record_id: int) -> None:
        self._dirty[field].add(record_id)

    def discard(self, field: Field, record_id: int) -> None:
        ids = self._dirty.get(field)
        if ids:
            ids.discard(record_id)

    def dirty_ids(self, field: Field) -> set[int]:
        return set(self._dirty.get(field, ()))

    def has_any(self, fields: Any) -> bool:
        """Whether one of ``fields`` has values waiting for their column."""
        dirty = self._dirty
        return bool(dirty) and any(dirty.get(field) for field in fields)

    def __bool__(self) -> bool:
        return any(self._dirty.values())

    def pop_all(self) -> dict[Field, set[int]]:
        dirty = {f: ids for f, ids in self._dirty.items() if ids}
        self._dirty = defaultdict(set)
        return dirty

    def clear(self) -> None:
        self._dirty.clear()


@dataclass(slots=True)
class TransactionState:
    """The record API's part of a transaction. The cache outlives a commit (the rows are the
    committed ones); the rest describes work in progress and ends with the transaction."""

    cache: Cache = part(default_factory=Cache)
    # computed values assigned in the cache that still have to reach their columns
    towrite: ToWrite = part(default_factory=ToWrite)
    # field -> ids whose values are being computed right now: assigning them is not a change
    protected: dict[Field, set[Any]] = part(default_factory=dict)
    # (field, prefetch ids) -> the comodel's prefetch ids, see Environment.relational_prefetch
    prefetch: dict[tuple[Any, int], tuple[Any, Any]] = part(default_factory=dict)
    # the recompute queue: stored computed field -> ids waiting for their values
    tocompute: dict[Field, set[int]] = part(default_factory=dict)
    # how often each field was recomputed since the queue was last empty (a loop shows here)
    recomputed: Counter[Field] = part(default_factory=Counter)
    # field -> ids just inserted with NULL in the column, their computed value still to come
    fresh_null: dict[Field, set[int]] = part(default_factory=dict)
    # field -> ids whose computed value was given on create: a recomputation keeps it
    given_computed: dict[Field, set[int]] = part(default_factory=dict)
    # models some record of which was deleted (or cascaded to): pending ids may be gone
    unlinked: set[str] = part(default_factory=set)
    # how many ``Environment.holding_recompute`` blocks are open: writes leave their computations queued
    recompute_holds: int = 0

    def queue_done(self) -> None:
        """The recompute queue ran dry: forget what only mattered while it held work."""
        self.fresh_null.clear()
        self.recomputed.clear()
        self.given_computed.clear()
        self.unlinked.clear()

    def forget_values(self) -> None:
        """Database rows were rolled back: nothing cached can be trusted."""
        self.towrite.clear()
        self.cache.invalidate()
        self.prefetch.clear()

    def end(self) -> None:
        """The transaction ended (committed or rolled back): its work in progress goes."""
        self.tocompute.clear()
        self.queue_done()


class RecordCursor(Cursor):
    """The cursor of a registry: a transaction (``core.db``) plus the record API's state of it."""

    def __init__(self, registry: Registry, readonly: bool = False) -> None:
        super().__init__(registry.engine, readonly=readonly)
        self.registry = registry
        self.state = TransactionState()

    def flush(self) -> None:
        """Write pending computed values to their columns."""
        if self.state.towrite:
            from core.records.flush import flush_towrite

            flush_towrite(self)

    def _commit(self, reopen: bool) -> None:
        # computations still queued (a hold left by an error, then caught) are done before the
        # commit, and again after the precommit callbacks, whose writes may queue more
        self._compute_queued()
        self.precommit.append(self._compute_queued)
        super()._commit(reopen)

    def _compute_queued(self) -> None:
        if self.state.tocompute:
            from core.records.compute import recompute_pending
            from core.records.environment import Environment

            recompute_pending(Environment(self)[next(iter(self.state.tocompute)).model_name])

    def _ended(self, committed: bool) -> None:
        if not committed:
            self.state.forget_values()
        self.state.end()

    def _savepoint_undone(self) -> None:
        self.state.forget_values()
        # records inserted in the savepoint may still be queued: they are checked for existence
        self.state.unlinked.update(field.model_name for field in self.state.tocompute)
