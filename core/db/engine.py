"""Engines for SQLite (the embedded default) and PostgreSQL (production)."""
from __future__ import annotations

import datetime as dt
import functools
import os
import select
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from sqlalchemy.engine import URL, Engine, make_url

DEFAULT_SQLITE = "sqlite:///var/erp.sqlite"


@functools.lru_cache(maxsize=256)
def normalize_url(url: str | URL | None) -> URL:
    """A SQLAlchemy URL; plain ``postgresql://`` gets the psycopg 3 driver (parsed once per text: every
    request names its database)."""
    parsed = make_url(url or DEFAULT_SQLITE)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def database_name(url: str | URL) -> str:
    """The name RPC clients use: the PostgreSQL database, or the SQLite file's stem."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Path(parsed.database or "memory").stem
    return parsed.database or ""


def make_engine(url: str | URL, **options: Any) -> Engine:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **options)
    options.setdefault("pool_size", _env_int("ERP_DB_POOL_SIZE", 5))
    options.setdefault("max_overflow", _env_int("ERP_DB_MAX_OVERFLOW", 10))
    timeout_ms = _env_int("ERP_STATEMENT_TIMEOUT_MS", 0)
    if timeout_ms > 0:
        # set at connection start-up: no statement of its own per request
        connect_args = options.setdefault("connect_args", {})
        extra = f"-c statement_timeout={timeout_ms}"
        connect_args["options"] = f"{connect_args.get('options', '')} {extra}".strip()
    engine = sa.create_engine(parsed, isolation_level="READ COMMITTED", **options)
    if not options.get("pool_pre_ping"):
        sa.event.listen(engine, "checkout", _refuse_dead_connection)
    return engine


def _refuse_dead_connection(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Check a pooled connection before lending it, without a round trip (a ping would cost one per call).

    An idle connection has nothing to read: PostgreSQL restarting, or ending the session (idle timeout,
    ``pg_terminate_backend``), leaves an error message or the end of the stream on its socket. Such a
    connection is refused and the pool opens another; a stray notice only costs a new connection."""
    if dbapi_connection.closed or dbapi_connection.broken:
        raise sa.exc.DisconnectionError("the pooled connection is closed")
    poller = select.poll()  # not select.select: it fails on descriptors above 1023
    poller.register(dbapi_connection.fileno(), select.POLLIN)
    if poller.poll(0):
        raise sa.exc.DisconnectionError("the server ended the pooled connection")


def _env_int(name: str, default: int) -> int:
    """A whole number from the environment (set by ``erp serve`` for its workers), else ``default``."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name}={text!r}: expected a whole number") from None
    if value < 0:
        raise ValueError(f"{name}={text!r}: must not be negative")
    return value


def _sqlite_engine(url: URL, **options: Any) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 60}, **options)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # manage transactions ourselves: pysqlite's implicit BEGIN would defer the write lock
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=60000",
                       "case_sensitive_like=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()
        dbapi_connection.create_function("erp_local_time", 2, local_time, deterministic=True)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def local_time(value: str | None, zone: str) -> str | None:
    """SQLite's ``erp_local_time(utc_text, zone)``: a stored UTC datetime as the wall-clock time of
    ``zone`` (what PostgreSQL's ``timezone(zone, timezone('UTC', column))`` gives)."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M:%S}"
    except (ValueError, ZoneInfoNotFoundError):
        return value


def is_sqlite(engine_or_connection: Engine | sa.Connection) -> bool:
    return engine_or_connection.dialect.name == "sqlite"


def create_database(url: str | URL) -> None:
    """Create the PostgreSQL database of ``url`` (SQLite files are created on first use)."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": parsed.database}).scalar()
            if not exists:
                conn.exec_driver_sql(
                    f"CREATE DATABASE \"{parsed.database}\" ENCODING 'UTF8' TEMPLATE template0"
                )
    finally:
        admin.dispose()


def drop_database(url: str | URL) -> None:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{parsed.database}{suffix}")
            if parsed.database and path.exists():
                path.unlink()
        return
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    finally:
        admin.dispose()


def copy_database(source: str | URL, target: str | URL) -> None:
    """Clone a database (a file copy for SQLite, TEMPLATE for PostgreSQL)."""
    src, dst = normalize_url(source), normalize_url(target)
    if src.get_backend_name() == "sqlite":
        import sqlite3

        if not src.database or not dst.database:
            raise ValueError(f"Only SQLite databases in files can be copied, not {src} to {dst}")
        Path(dst.database).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(src.database) as from_db, sqlite3.connect(dst.database) as to_db:
            from_db.backup(to_db)
        return
    admin = sa.create_engine(src.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{dst.database}" TEMPLATE "{src.database}"')
    finally:
        admin.dispose()


def database_exists(url: str | URL) -> bool:
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return bool(parsed.database and Path(parsed.database).exists())
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return bool(conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                     {"n": parsed.database}).scalar())
    finally:
        admin.dispose()
