"""Knowing without a query whether another process may have changed the registry signal.

Reading ``ir_registry_signal`` on every request costs a round trip per call. Instead each process
keeps one watch per database:

- PostgreSQL: a connection of its own that ``LISTEN``s on the channel ``bump_signal`` notifies at
  commit. Before a request the watch reads, without blocking and without a statement, whatever
  notification already reached its socket; only then is the table read. A lost or broken listening
  connection makes every check read the table until it is back.
- SQLite: the modification stamp of the database file and of its write-ahead log; the table is read
  only when one of them changed (any commit of any process changes them).

The watch hands out a *generation* that changes when something may have changed; a registry reads
the table when the generation differs from the one it last read with, and at least once every
``POLL_SECONDS`` in any case (a bounded fallback if a notification were ever missed).
"""
from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa

_logger = logging.getLogger(__name__)

CHANNEL = "erp_registry_signal"
POLL_SECONDS = 5.0
_lock = threading.Lock()
_watches: dict[str, SignalWatch] = {}
_inherited: list[Any] = []  # listening connections of a parent process: never closed from a child


class SignalWatch:
    """Changes of the signal counters of one database, as seen from this process."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._local = 0  # bumped by this process's own commits that changed the signal

    def generation(self) -> Any:
        """A value that differs from the last one whenever the signal may have changed; None when the
        watch cannot tell (the table must be read)."""
        return self._local

    def touch(self) -> None:
        """This process committed a change of the signal: every registry of the database re-reads it."""
        with self._lock:
            self._local += 1

    def close(self) -> None:
        """Release what the watch holds."""


class PostgresWatch(SignalWatch):
    def __init__(self, engine: sa.Engine) -> None:
        super().__init__(engine)
        self._conn: Any = None
        self._pid = 0
        self._notified = 0

    def _listen(self) -> Any:
        import psycopg

        args, kwargs = self.engine.dialect.create_connect_args(self.engine.url)
        conn = psycopg.connect(*args, **{**kwargs, "autocommit": True})
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def generation(self) -> Any:
        with self._lock:
            if self._conn is not None and self._pid != os.getpid():
                _inherited.append(self._conn)  # the parent's socket: closing it here would cut the parent off
                self._conn = None
            if self._conn is None:
                try:
                    self._conn = self._listen()
                    self._pid = os.getpid()
                except _errors() as error:  # the database is down or refuses: read the table meanwhile
                    _logger.warning("cannot listen for registry signals: %s", error)
                    return None
                self._notified += 1  # what happened before we listened is unknown
                return (self._local, self._notified)
            try:
                pgconn = self._conn.pgconn
                pgconn.consume_input()  # what already reached the socket; never waits
                while pgconn.notifies() is not None:
                    self._notified += 1
            except _errors() as error:
                _logger.warning("lost the registry signal listener: %s", error)
                self._drop()
                return None
            return (self._local, self._notified)

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(*_errors()):  # already broken
                conn.close()

    def close(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                self._drop()
            self._conn = None


class SqliteWatch(SignalWatch):
    def __init__(self, engine: sa.Engine, path: Path) -> None:
        super().__init__(engine)
        self.files = (path, Path(f"{path}-wal"))

    def generation(self) -> Any:
        stamps: list[Any] = [self._local]
        for file in self.files:
            try:
                stat = file.stat()
            except OSError:
                stamps.append(None)
                continue
            stamps.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        return tuple(stamps)


def _errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (psycopg.Error, OSError)


def watch_for(engine: sa.Engine) -> SignalWatch:
    """The process's watch of the database of ``engine`` (made on first use)."""
    url = engine.url.render_as_string(hide_password=False)
    with _lock:
        watch = _watches.get(url)
        if watch is None:
            watch = _watches[url] = _make(engine)
        return watch


def forget_watch(engine: sa.Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    with _lock:
        watch = _watches.pop(url, None)
    if watch is not None:
        watch.close()


def _make(engine: sa.Engine) -> SignalWatch:
    if engine.dialect.name == "postgresql":
        return PostgresWatch(engine)
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:" \
            and not database.startswith("file:"):
        return SqliteWatch(engine, Path(database).resolve())
    return _Unwatched(engine)


class _Unwatched(SignalWatch):
    def generation(self) -> Any:
        return None
