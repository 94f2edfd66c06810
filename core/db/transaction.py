"""One transaction of work: a connection, callbacks around its end, retries on conflicts.

Layers above keep their own state of a transaction by subclassing Cursor (the record API's
``RecordCursor``): ``flush`` writes what they hold back, ``_ended`` and ``_savepoint_undone`` tell
them the transaction or a savepoint ended.
"""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

_logger = logging.getLogger(__name__)
T = TypeVar("T")
RETRYABLE_PGCODES = {"40001", "40P01", "55P03"}  # serialization failure, deadlock, lock not available
MAX_TRIES = 5


class Cursor:
    """A connection in one transaction, with callbacks run around its end."""

    def __init__(self, engine: sa.Engine, readonly: bool = False) -> None:
        self.readonly = readonly
        self.connection = engine.connect()
        if readonly and engine.dialect.name == "sqlite":
            self.connection = self.connection.execution_options(sqlite_begin="DEFERRED")
        self.transaction = self.connection.begin()
        self.sql_count = 0
        self.precommit: list[Callable[[], None]] = []
        self.postcommit: list[Callable[[], None]] = []
        self.postrollback: list[Callable[[], None]] = []
        self.data: dict[str, Any] = {}  # per-transaction scratch space of features (xml ids, tracking...)
        self.closed = False

    @property
    def dialect(self) -> str:
        return self.connection.dialect.name

    def execute(self, statement: Any, params: Any = None) -> sa.CursorResult[*tuple[Any, ...]]:
        """Run a statement (SQLAlchemy Core, or SQL text with named parameters)."""
        self.sql_count += 1
        if isinstance(statement, str):
            statement = sa.text(statement)
        if params is None:
            return self.connection.execute(statement)
        return self.connection.execute(statement, params)

    def flush(self) -> None:
        """Write what the layers above hold back (nothing here)."""

    def _ended(self, committed: bool) -> None:
        """The transaction was committed or rolled back: layers above drop their work in progress."""

    def _savepoint_undone(self) -> None:
        """A savepoint was rolled back: layers above drop what they cached since."""

    def commit(self) -> None:
        self._commit(reopen=True)

    def _commit(self, reopen: bool) -> None:
        """Commit; the next transaction begins at once unless the cursor is about to close (on SQLite
        a BEGIN is a statement of its own, wasted on a cursor that closes)."""
        self.flush()
        for callback in self._drain(self.precommit):
            callback()
        self.flush()
        self.transaction.commit()
        for callback in self._drain(self.postcommit):
            callback()
        self.postrollback.clear()
        self.data.clear()
        self._ended(committed=True)
        if reopen:
            self.transaction = self.connection.begin()

    def rollback(self) -> None:
        self.precommit.clear()
        self.postcommit.clear()
        for callback in self._drain(self.postrollback):
            callback()
        self._ended(committed=False)
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
            self._savepoint_undone()
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

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._commit(reopen=False)
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
