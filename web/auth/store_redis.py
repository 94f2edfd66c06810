"""Web sessions in Redis (``ERP_REDIS_URL``): one hash per session, which Redis deletes when its idle
timeout or lifetime passes (a TTL renewed with the activity), and one set per user of their sessions'
keys, so a user's sessions are found and ended together without scanning the others.

Unlike the login throttle, a Redis that does not answer is an error here: counting in this process
would do, but a session only this process knows would log the user out on every other worker.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import redis

from core import clock
from web.auth.store import SERIALIZER, StoredSession

PREFIX = "erp:session:"
USER_PREFIX = "erp:user-sessions:"


def _ttl(expiry: dt.datetime) -> int:
    return max(1, math.ceil((expiry - clock.utcnow()).total_seconds()))


def _user_key(db: str, uid: int) -> str:
    return f"{USER_PREFIX}{db}:{uid}"


class RedisStore:
    def __init__(self, redis_url: str) -> None:
        self.redis = redis.Redis.from_url(redis_url, socket_timeout=5, socket_connect_timeout=5)

    def load(self, key: str) -> StoredSession | None:
        values = self.redis.hgetall(PREFIX + key)
        return _stored(values) if values else None

    def save(self, key: str, session: StoredSession, expiry: dt.datetime) -> None:
        mapping = {
            "data": SERIALIZER.dumps(session.data),
            "started": session.started.isoformat(),
            "last": session.last_activity.isoformat(),
            "user_agent": session.user_agent[:300],
            "remote_addr": session.remote_addr[:64],
        }
        with self.redis.pipeline() as pipe:
            pipe.hset(PREFIX + key, mapping=mapping)
            pipe.expire(PREFIX + key, _ttl(expiry))
            if session.db and session.uid:
                user_key = _user_key(session.db, session.uid)
                pipe.sadd(user_key, key)
                # the set outlives each of its sessions; members whose hash is gone are dropped on reading
                pipe.expire(user_key, _ttl(expiry) + 86400, gt=True)
                pipe.expire(user_key, _ttl(expiry) + 86400, nx=True)
            pipe.execute()

    def touch(self, key: str, session: StoredSession, expiry: dt.datetime) -> None:
        with self.redis.pipeline() as pipe:
            pipe.hset(PREFIX + key, "last", session.last_activity.isoformat())
            pipe.expire(PREFIX + key, _ttl(expiry))
            pipe.execute()

    def delete(self, key: str) -> None:
        raw = self.redis.hget(PREFIX + key, "data")
        self.redis.delete(PREFIX + key)
        data = _data(raw) if raw else {}
        db, uid = data.get("db"), data.get("uid")
        if isinstance(db, str) and isinstance(uid, int):
            self.redis.srem(_user_key(db, uid), key)

    def delete_user(self, db: str, uid: int, keep: str | None = None) -> int:
        user_key = _user_key(db, uid)
        keys = [k.decode() for k in self.redis.smembers(user_key)]
        ended = [k for k in keys if k != keep]
        if not ended:
            return 0
        with self.redis.pipeline() as pipe:
            for key in ended:
                pipe.exists(PREFIX + key)
            alive = pipe.execute()
            pipe.delete(*(PREFIX + key for key in ended))
            pipe.srem(user_key, *ended)
            pipe.execute()
        return sum(1 for found in alive if found)

    def user_sessions(self, db: str, uid: int) -> list[tuple[str, StoredSession]]:
        user_key = _user_key(db, uid)
        keys = [k.decode() for k in self.redis.smembers(user_key)]
        with self.redis.pipeline() as pipe:
            for key in keys:
                pipe.hgetall(PREFIX + key)
            rows = pipe.execute()
        gone = [key for key, values in zip(keys, rows) if not values]
        if gone:
            self.redis.srem(user_key, *gone)
        return [(key, _stored(values)) for key, values in zip(keys, rows) if values]


def _data(text: Any) -> dict[str, Any]:
    try:
        data = SERIALIZER.loads(text.decode() if isinstance(text, bytes) else text)
    except ValueError:
        return {}  # unreadable: the session holds nothing (its user logs in again)
    return data if isinstance(data, dict) else {}


def _stored(values: dict[bytes, bytes]) -> StoredSession:
    text = {k.decode(): v.decode() for k, v in values.items()}
    return StoredSession(
        data=_data(text.get("data", "")),
        started=dt.datetime.fromisoformat(text["started"]),
        last_activity=dt.datetime.fromisoformat(text["last"]),
        user_agent=text.get("user_agent", ""),
        remote_addr=text.get("remote_addr", ""),
    )
