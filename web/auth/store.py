"""Where web sessions live on the server, and for how long.

The cookie holds a random id only; a store keeps what the session holds under the id's SHA-256 (so a
copy of the store, or a log of its keys, opens no session). Two stores share one interface: Redis when
``ERP_REDIS_URL`` is set (expiry by TTL), else the server's own database (``ir.session``, cleaned by a
scheduled action). Either way every gunicorn worker and every host behind a load balancer sees the same
sessions, and the sessions of one user can be found and ended together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from flask import Flask
from flask.json.tag import TaggedJSONSerializer

DEFAULT_IDLE_TIMEOUT = dt.timedelta(days=1)
DEFAULT_LIFETIME = dt.timedelta(days=7)
TOUCH_EVERY = dt.timedelta(seconds=60)  # last activity is written at most this often
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
# the values of a session as text, with Flask's tags (tuples, bytes, datetimes and markup survive)
SERIALIZER = TaggedJSONSerializer()


def session_key(sid: str) -> str:
    """The store's key of session id ``sid``: its SHA-256, never the id itself."""
    return hashlib.sha256(sid.encode()).hexdigest()


@dataclass
class StoredSession:
    """One session as a store keeps it: the Flask session's values and its times (naive UTC)."""

    data: dict[str, Any]
    started: dt.datetime
    last_activity: dt.datetime
    user_agent: str = ""
    remote_addr: str = ""
    ref: Any = field(default=None, compare=False)  # the store's handle (a row id), when it has one

    @property
    def db(self) -> str | None:
        return self.data.get("db") if isinstance(self.data.get("db"), str) else None

    @property
    def uid(self) -> int | None:
        uid = self.data.get("uid")
        return uid if isinstance(uid, int) and not isinstance(uid, bool) else None


class SessionStore(Protocol):
    """What the session interface needs from a store (keys are ``session_key`` digests)."""

    def load(self, key: str) -> StoredSession | None: ...

    def save(self, key: str, session: StoredSession, expiry: dt.datetime) -> None: ...

    def touch(self, key: str, session: StoredSession, expiry: dt.datetime) -> None: ...

    def delete(self, key: str) -> None: ...

    def delete_user(self, db: str, uid: int, keep: str | None = None) -> int: ...

    def user_sessions(self, db: str, uid: int) -> list[tuple[str, StoredSession]]: ...


@dataclass(frozen=True)
class SessionTimes:
    """The idle timeout and the absolute lifetime of a session."""

    idle: dt.timedelta = DEFAULT_IDLE_TIMEOUT
    lifetime: dt.timedelta = DEFAULT_LIFETIME

    def expiry(self, session: StoredSession) -> dt.datetime:
        """When ``session`` ends unless it is used again before (never after its lifetime)."""
        return min(session.last_activity + self.idle, session.started + self.lifetime)

    def deadline(self, session: StoredSession) -> dt.datetime:
        """When ``session`` ends however much it is used."""
        return session.started + self.lifetime

    def expired(self, session: StoredSession, now: dt.datetime) -> bool:
        return now >= self.expiry(session)

    def touch_due(self, session: StoredSession, now: dt.datetime) -> bool:
        return now - session.last_activity >= min(TOUCH_EVERY, self.idle / 20)


def parse_duration(name: str, value: Any) -> dt.timedelta:
    """A duration setting: seconds, or a number with a unit (``90s``, ``30m``, ``8h``, ``7d``)."""
    if isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int) and not isinstance(value, bool):
        seconds = value
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"{name}={value!r}: expected seconds or a number with a unit s, m, h or d "
                             "(for example 30m or 8h)")
        seconds = int(match.group(1)) * _UNITS[match.group(2)]
    if seconds <= 0:
        raise ValueError(f"{name}={value!r}: a session needs a duration above zero")
    return dt.timedelta(seconds=seconds)


def _setting(app: Flask, name: str) -> Any:
    return app.config.get(name) or os.environ.get(name) or None


def session_times(app: Flask) -> SessionTimes:
    """The timeouts of ``app``: its config, else the environment, else one day idle and seven days in all."""
    idle, lifetime = _setting(app, "ERP_SESSION_IDLE_TIMEOUT"), _setting(app, "ERP_SESSION_LIFETIME")
    return SessionTimes(
        parse_duration("ERP_SESSION_IDLE_TIMEOUT", idle) if idle else DEFAULT_IDLE_TIMEOUT,
        parse_duration("ERP_SESSION_LIFETIME", lifetime) if lifetime else DEFAULT_LIFETIME,
    )


def make_store(app: Flask) -> SessionStore:
    """Redis when ``ERP_REDIS_URL`` is set (in the app's config or the environment), else the database."""
    redis_url = _setting(app, "ERP_REDIS_URL")
    if redis_url:
        from web.auth.store_redis import RedisStore

        return RedisStore(redis_url)
    from web.auth.store_db import DatabaseStore

    return DatabaseStore(app.config["ERP_DB_URL"])
