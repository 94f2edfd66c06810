"""The session stores: settings read from the config or the environment (bad ones named), expired
sessions cleaned (a scheduled action in the database, a TTL in Redis), a user's sessions found and
ended together."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from core import clock
from web.app import create_app
from web.auth.store import SessionTimes, StoredSession, parse_duration, session_key
from web.auth.store_db import DatabaseStore
from web.auth.store_redis import PREFIX, RedisStore

REDIS_URL = "redis://127.0.0.1:6379/0"
T0 = dt.datetime(2031, 5, 6, 8, 0, 0)


@pytest.mark.parametrize(("value", "seconds"), [("90", 90), (90, 90), ("30m", 1800), ("8h", 28800),
                                                ("7d", 604800), (dt.timedelta(minutes=5), 300)])
def test_durations(value, seconds):
    assert parse_duration("ERP_SESSION_LIFETIME", value) == dt.timedelta(seconds=seconds)


@pytest.mark.parametrize("value", ["soon", "10 weeks", "-5", "0", "1.5h"])
def test_a_bad_duration_names_the_setting(value):
    with pytest.raises(ValueError, match="ERP_SESSION_IDLE_TIMEOUT"):
        parse_duration("ERP_SESSION_IDLE_TIMEOUT", value)


def test_the_environment_sets_the_timeouts(web_registry, monkeypatch):
    monkeypatch.setenv("ERP_SESSION_IDLE_TIMEOUT", "45m")
    monkeypatch.setenv("ERP_SESSION_LIFETIME", "12h")
    times = create_app(web_registry.url, {"TESTING": True}).session_interface.times
    assert times == SessionTimes(dt.timedelta(minutes=45), dt.timedelta(hours=12))


def test_an_app_with_a_bad_timeout_does_not_start(web_registry):
    with pytest.raises(ValueError, match="ERP_SESSION_LIFETIME='forever'"):
        create_app(web_registry.url, {"TESTING": True, "ERP_SESSION_LIFETIME": "forever"})


def test_expiry_is_the_idle_timeout_never_past_the_lifetime():
    times = SessionTimes(dt.timedelta(hours=1), dt.timedelta(hours=8))
    fresh = StoredSession({}, started=T0, last_activity=T0)
    assert times.expiry(fresh) == T0 + dt.timedelta(hours=1)
    late = StoredSession({}, started=T0, last_activity=T0 + dt.timedelta(hours=7, minutes=30))
    assert times.expiry(late) == T0 + dt.timedelta(hours=8)


def _session(uid: int, db: str, moment: dt.datetime) -> StoredSession:
    return StoredSession({"db": db, "uid": uid, "login": "demo", "token": "t"}, started=moment,
                         last_activity=moment, user_agent="pytest", remote_addr="127.0.0.1")


def test_the_scheduled_action_deletes_expired_database_sessions(web_registry, in_db):
    store = DatabaseStore(web_registry.url)
    with clock.frozen(T0):
        store.save("a" * 64, _session(3, "x", T0), T0 + dt.timedelta(hours=1))
        store.save("b" * 64, _session(3, "x", T0), T0 + dt.timedelta(hours=3))
    assert in_db(lambda env: env.ref("base.ir_cron_session_gc").method) == "_gc_expired"
    with clock.frozen(T0 + dt.timedelta(hours=2)):
        in_db(lambda env: env["ir.session"]._gc_expired())
    assert store.load("a" * 64) is None and store.load("b" * 64) is not None


def test_database_sessions_of_a_user(web_registry):
    store = DatabaseStore(web_registry.url)
    now = clock.utcnow()
    for key, uid in (("c" * 64, 3), ("d" * 64, 3), ("e" * 64, 2)):
        store.save(key, _session(uid, "x", now), now + dt.timedelta(hours=1))
    assert sorted(key for key, _s in store.user_sessions("x", 3)) == ["c" * 64, "d" * 64]
    assert store.delete_user("x", 3, keep="c" * 64) == 1
    assert [key for key, _s in store.user_sessions("x", 3)] == ["c" * 64]
    assert [key for key, _s in store.user_sessions("x", 2)] == ["e" * 64]


def test_redis_sessions_expire_by_ttl_and_are_found_by_user():
    store = RedisStore(REDIS_URL)
    db = f"test_{uuid.uuid4().hex[:8]}"
    now = clock.utcnow()
    keys = [session_key(uuid.uuid4().hex * 2) for _i in range(3)]
    for key in keys:
        store.save(key, _session(7, db, now), now + dt.timedelta(minutes=30))
    ttl = store.redis.ttl(PREFIX + keys[0])
    assert 1700 < ttl <= 1800
    store.touch(keys[0], _session(7, db, now), now + dt.timedelta(minutes=50))
    assert store.redis.ttl(PREFIX + keys[0]) > 2900
    assert sorted(key for key, _s in store.user_sessions(db, 7)) == sorted(keys)
    assert store.delete_user(db, 7, keep=keys[0]) == 2
    assert [key for key, _s in store.user_sessions(db, 7)] == [keys[0]]
    store.delete(keys[0])
    assert store.load(keys[0]) is None and store.user_sessions(db, 7) == []
