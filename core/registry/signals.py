"""The registry signal: two counters in the database that every process compares with its own, to
know when another process changed the definitions (``registry``) or access rights (``cache``).
Processes read them only when their watch (``core/registry/watch.py``) says they may have changed."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from core.registry.watch import CHANNEL, watch_for

if TYPE_CHECKING:
    from core.db.transaction import Cursor

SIGNAL_TABLE = "ir_registry_signal"


def ensure_signal_table(conn: sa.Connection) -> None:
    if not sa.inspect(conn).has_table(SIGNAL_TABLE):
        conn.execute(
            sa.text(f"CREATE TABLE {SIGNAL_TABLE} (name VARCHAR(32) PRIMARY KEY, version INTEGER NOT NULL)")
        )
        conn.execute(
            sa.text(f"INSERT INTO {SIGNAL_TABLE} (name, version) VALUES ('registry', 1), ('cache', 1)")
        )


def read_signals(conn: sa.Connection) -> tuple[int, int]:
    try:
        rows: dict[str, int] = dict(conn.execute(sa.text(f"SELECT name, version FROM {SIGNAL_TABLE}")).all())
    except sa.exc.DBAPIError:
        conn.rollback()
        return 0, 0
    return int(rows.get("registry", 0)), int(rows.get("cache", 0))


def bump_signal(cr: Cursor, name: str) -> None:
    """Count a change of ``name``; on PostgreSQL the listening processes are notified at commit (in the
    same statement: the notification is part of the transaction and is dropped if it rolls back)."""
    # this process's registries of the database learn it at commit, without waiting for a notification
    watch = watch_for(cr.connection.engine)
    if watch.touch not in cr.postcommit:
        cr.postcommit.append(watch.touch)
    bump = f"UPDATE {SIGNAL_TABLE} SET version = version + 1 WHERE name = :n"
    if cr.dialect == "postgresql":
        cr.execute(sa.text(f"WITH bumped AS ({bump} RETURNING version) "
                           f"SELECT pg_notify('{CHANNEL}', :n) FROM bumped"), {"n": name})
        return
    cr.execute(sa.text(bump), {"n": name})
