"""Which databases this server answers for, and running a request's work in one of them.

One server serves the database it was started with (``--db``) and, on the same PostgreSQL server or
in the same SQLite folder, any other database initialised by the suite that a client names.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app

from core.db.engine import database_name, normalize_url
from core.db.transaction import run_with_retry
from core.i18n import use_lang
from core.records.environment import Environment
from core.registry.registry import Registry

T = TypeVar("T")


def default_url() -> str:
    return current_app.config["ERP_DB_URL"]


def default_db() -> str:
    return database_name(default_url())


@functools.lru_cache(maxsize=16)
def _own_database(url: str) -> tuple[str, str]:
    """(name, full URL) of the server's database: worked out once, asked on every call."""
    base = normalize_url(url)
    return database_name(base), base.render_as_string(hide_password=False)


def url_for_db(name: str | None) -> str | None:
    """The URL of database ``name`` (None when there is no such database of the suite)."""
    own_name, own_url = _own_database(default_url())
    if not name or name == own_name:
        return own_url
    base = normalize_url(default_url())
    if not all(c.isalnum() or c in "_-." for c in name):
        return None
    if base.get_backend_name() == "sqlite":
        path = Path(base.database or "").parent / f"{name}.sqlite"
        return f"sqlite:///{path}" if path.is_file() else None
    return base.set(database=name).render_as_string(hide_password=False) if name in list_databases() else None


_LISTED: dict[str, tuple[float, list[str]]] = {}
LIST_TTL = 3.0  # seconds: clients list databases and then name one; PostgreSQL is asked once for both


def list_databases() -> list[str]:
    """Databases of the suite this server can open (remembered for a few seconds)."""
    key = default_url()
    cached = _LISTED.get(key)
    if cached is not None and time.monotonic() - cached[0] < LIST_TTL:
        return list(cached[1])
    names = _list_databases()
    _LISTED[key] = (time.monotonic(), names)
    return list(names)


def _list_databases() -> list[str]:
    base = normalize_url(default_url())
    if base.get_backend_name() == "sqlite":
        folder = Path(base.database or "").parent
        names = {database_name(base)}
        for path in folder.glob("*.sqlite"):
            names.add(path.stem) if _sqlite_is_ours(path) else None
        return sorted(names)
    engine = sa.create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            names = [
                row[0]
                for row in conn.execute(
                    sa.text(
                        "SELECT datname FROM pg_database "
                        "WHERE NOT datistemplate AND datname NOT IN ('postgres')"
                    )
                )
            ]
    finally:
        engine.dispose()
    mine = database_name(base)
    return sorted({mine} | {n for n in names if n == mine or _pg_is_ours(base.set(database=n))})


def _sqlite_is_ours(path: Path) -> bool:
    import sqlite3

    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'ir_module_module'").fetchone()
            return bool(found)
    except sqlite3.Error:
        return False


def _pg_is_ours(url: Any) -> bool:
    engine = sa.create_engine(url, pool_size=1)
    try:
        with engine.connect() as conn:
            return sa.inspect(conn).has_table("ir_module_module")
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


def registry_for(name: str | None = None) -> Registry:
    """The up-to-date registry of database ``name`` (default: the server's); ValueError if unknown."""
    url = url_for_db(name or default_db())
    if url is None:
        raise LookupError(f"database {name!r} does not exist")
    return Registry.get(url).check_signals()


def run_in_env(
    registry: Registry,
    uid: int,
    context: dict[str, Any] | None,
    work: Callable[[Environment], T],
    readonly: bool = False,
) -> T:
    """Run ``work(env)`` in one transaction, committed on success; retried on serialization conflicts."""
    context = dict(context or {})

    def attempt() -> T:
        with registry.cursor(readonly=readonly) as cr, use_lang(context.get("lang")):
            return work(Environment(cr, uid, context))

    return run_with_retry(attempt)
