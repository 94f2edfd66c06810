"""One transaction of work: a connection, the record cache, and deferred writes of computed values."""
from __future__ import annotations

import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.registry.registry import Registry

_logger = logging.getLogger(__name__)
T = TypeVar("T")
RETRYABLE_PGCODES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
MAX_TRIES = 5


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


class Cursor:
    """A connection in one transaction, with what the record API keeps for its duration."""

    def __init__(self, registry: Registry, readonly: bool = False) -> None:
        self.registry = registry
        self.readonly = readonly
        self.connection = registry.engine.connect()
        if readonly and registry.engine.dialect.name == "sqlite":
            self.connection = self.connection.execution_options(sqlite_begin="DEFERRED")
        self.transaction = self.connection.begin()
        self.sql_count = 0
        self.cache = Cache()
        self.towrite = ToWrite()
        self.protected: dict[Field, set[Any]] = {}
        self.prefetch_cache: dict[tuple[Any, int], tuple[Any, Any]] = {}
        self.precommit: list[Callable[[], None]] = []
        self.postcommit: list[Callable[[], None]] = []
        self.postrollback: list[Callable[[], None]] = []
        self.data: dict[str, Any] = {}  # per-transaction scratch space of features (tracking, ...)
        self.closed = False

    @property
    def dialect(self) -> str:
        return self.connection.dialect.name

    def execute(self, statement: Any, params: Any = None) -> sa.CursorResult[Any]:
        """Run a statement (SQLAlchemy Core, or SQL text with named parameters)."""
        self.sql_count += 1
        if isinstance(statement, str):
            statement = sa.text(statement)
        if params is None:
            return self.connection.execute(statement)
        return self.connection.execute(statement, params)

    def flush(self) -> None:
        """Write pending computed values to their columns."""
        if self.towrite:
            from core.records.flush import flush_towrite

            flush_towrite(self)

    def commit(self) -> None:
        self.flush()
        for callback in self._drain(self.precommit):
            callback()
        self.flush()
        self.transaction.commit()
        for callback in self._drain(self.postcommit):
            callback()
        self.postrollback.clear()
        self.data.clear()
        self.transaction = self.connection.begin()

    def rollback(self) -> None:
        self.precommit.clear()
        self.postcommit.clear()
        for callback in self._drain(self.postrollback):
            callback()
        self.towrite.clear()
        self.cache.invalidate()
        self.prefetch_cache.clear()
        self.data.clear()
        if self.transaction.is_active:
            self.transaction.rollback()
        self.transaction = self.connection.begin()

    @staticmethod
    def _drain(callbacks: list[Callable[[], None]]) -> Iterator[Callable[[], None]]:
        while callbacks:
            yield callbacks.pop(0)

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: an error inside undoes only its own work."""
        self.flush()
        nested = self.connection.begin_nested()
        try:
            yield
            self.flush()
        except BaseException:
            if nested.is_active:
                nested.rollback()
            self.towrite.clear()
            self.cache.invalidate()
            self.prefetch_cache.clear()
            raise
        else:
            if nested.is_active:
                nested.commit()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            if self.transaction.is_active:
                self.transaction.rollback()
                for callback in self._drain(self.postrollback):
                    callback()
        finally:
            self.connection.close()

    def __enter__(self) -> Cursor:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self.commit()
            else:
                self.rollback()
        finally:
            self.close()


def is_retryable(error: BaseException) -> bool:
    """A serialization failure or deadlock (PostgreSQL), or a busy database (SQLite)."""
    if isinstance(error, DBAPIError):
        code = getattr(getattr(error.orig, "diag", None), "sqlstate", None) or getattr(
            error.orig, "sqlstate", None
        )
        if code in RETRYABLE_PGCODES:
            return True
        if isinstance(error, OperationalError) and "database is locked" in str(error.orig):
            return True
    return False


def run_with_retry(work: Callable[[], T], tries: int = MAX_TRIES) -> T:
    """Run ``work`` (which opens and commits its own transaction), retrying on conflicts."""
    for attempt in range(1, tries + 1):
        try:
            return work()
        except DBAPIError as error:
            if not is_retryable(error) or attempt == tries:
                raise
            delay = random.uniform(0.0, min(1.0, 0.05 * 2 ** attempt))
            _logger.info("transaction conflict (%s), retry %d/%d in %.3fs", error.orig, attempt, tries, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")
