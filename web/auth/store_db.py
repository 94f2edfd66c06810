"""Web sessions in the server's own database (``ir.session`` of the base addon), when no Redis is set.

Every call is a short transaction of its own, as the superuser, through the record API: sessions of any
database this server opens live in the database it was started with, so a session can be found from
its cookie alone. Expired rows are deleted by the scheduled action ``base.ir_cron_session_gc``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from core import clock
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from web.auth.store import SERIALIZER, StoredSession
from web.databases import run_in_env

T = TypeVar("T")
MODEL = "ir.session"
FIELDS = ["session_hash", "data", "user_agent", "remote_addr", "date_start", "date_last_activity"]


class DatabaseStore:
    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def _run(self, work: Callable[[Any], T], readonly: bool = False) -> T:
        def in_env(env: Environment) -> T:
            if MODEL not in env:
                raise RuntimeError(f"The database {env.registry.db_name!r} has no table of web sessions: "
                                   "upgrade it with `erp upgrade base`.")
            return work(env[MODEL])

        return run_in_env(Registry.get(self.db_url), SUPERUSER_ID, {}, in_env, readonly=readonly)

    def load(self, key: str) -> StoredSession | None:
        def work(model: Any) -> StoredSession | None:
            found = model.search_fetch([("session_hash", "=", key)], FIELDS, limit=1)
            return _stored(found) if found else None

        return self._run(work, readonly=True)

    def save(self, key: str, session: StoredSession, expiry: dt.datetime) -> None:
        vals = {
            "data": SERIALIZER.dumps(session.data),
            "db_name": session.db or False,
            "uid": session.uid or False,
            "login": session.data.get("login") or False,
            "date_last_activity": session.last_activity,
            "date_expiry": expiry,
        }

        def work(model: Any) -> None:
            found = model.search([("session_hash", "=", key)], limit=1)
            if found:
                found.write(vals)
                session.ref = found.id
                return
            created = model.create({**vals, "session_hash": key, "date_start": session.started,
                                    "user_agent": session.user_agent[:300] or False,
                                    "remote_addr": session.remote_addr[:64] or False})
            session.ref = created.id

        self._run(work)

    def touch(self, key: str, session: StoredSession, expiry: dt.datetime) -> None:
        self._run(lambda model: model.search([("session_hash", "=", key)]).write(
            {"date_last_activity": session.last_activity, "date_expiry": expiry}))

    def delete(self, key: str) -> None:
        self._run(lambda model: model.search([("session_hash", "=", key)]).unlink())

    def delete_user(self, db: str, uid: int, keep: str | None = None) -> int:
        def work(model: Any) -> int:
            domain = [("db_name", "=", db), ("uid", "=", uid)]
            found = model.search(domain + ([("session_hash", "!=", keep)] if keep else []))
            found.unlink()
            return len(found)

        return self._run(work)

    def user_sessions(self, db: str, uid: int) -> list[tuple[str, StoredSession]]:
        def work(model: Any) -> list[tuple[str, StoredSession]]:
            domain = [("db_name", "=", db), ("uid", "=", uid), ("date_expiry", ">", clock.utcnow())]
            return [(record.session_hash, _stored(record)) for record in model.search_fetch(domain, FIELDS)]

        return self._run(work, readonly=True)


def _stored(record: Any) -> StoredSession:
    try:
        data = SERIALIZER.loads(record.data) if record.data else {}
    except ValueError:
        data = {}  # unreadable: the session holds nothing (its user logs in again)
    return StoredSession(
        data=data if isinstance(data, dict) else {},
        started=record.date_start,
        last_activity=record.date_last_activity,
        user_agent=record.user_agent or "",
        remote_addr=record.remote_addr or "",
        ref=record.id,
    )
