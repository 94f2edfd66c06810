"""API keys (created and revoked by their user, stored hashed), session auth, rate limiting."""

from __future__ import annotations

from types import SimpleNamespace

import requests

from tests.rest.conftest import Api, new_key


def test_key_is_stored_hashed(server, admin_key):
    import xmlrpc.client

    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    rows = models.execute_kw(
        server.db,
        2,
        "admin",
        "res.users.apikeys",
        "search_read",
        [[]],
        {"fields": ["key_prefix", "key_hash"]},
    )
    assert rows and all(row["key_hash"] == "" for row in rows)  # the hash is write-only too
    with server.fresh_registry().environment() as env:
        hashes = env["res.users.apikeys"].search([])._secret_values("key_hash")
    assert hashes and all(h.startswith("$argon2") and admin_key not in h for h in hashes.values())


def test_revoked_key_is_refused(server):
    import xmlrpc.client

    key = new_key(server, name="to revoke")
    api = Api(server, key)
    assert api.get("/res.partner", params={"limit": 1}).status_code == 200
    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    ids = models.execute_kw(
        server.db, 2, "admin", "res.users.apikeys", "search", [[["name", "=", "to revoke"]]]
    )
    models.execute_kw(server.db, 2, "admin", "res.users.apikeys", "action_revoke", [ids])
    assert api.get("/res.partner", params={"limit": 1}).status_code == 401


def test_session_cookie_authenticates(server):
    http = requests.Session()
    http.post(
        f"{server.base}/web/session/authenticate",
        timeout=30,
        json={"jsonrpc": "2.0", "params": {"db": server.db, "login": "admin", "password": "admin"}},
    )
    assert http.get(f"{server.base}/api/v1/res.partner", params={"limit": 1}, timeout=30).status_code == 200


def test_session_cookie_write_requires_a_json_body(server):
    http = requests.Session()
    http.post(
        f"{server.base}/web/session/authenticate",
        timeout=30,
        json={"jsonrpc": "2.0", "params": {"db": server.db, "login": "admin", "password": "admin"}},
    )
    form = http.post(f"{server.base}/api/v1/res.partner", data={"name": "Cross-site"}, timeout=30)
    assert form.status_code == 415
    assert (
        http.post(f"{server.base}/api/v1/res.partner", json={"name": "Same site"}, timeout=30).status_code
        == 201
    )


def test_rate_limit_answers_429_with_retry_after(server, monkeypatch):
    from web.rest import auth as rest_auth
    from web.rest.ratelimit import RateLimiter

    limiter = RateLimiter(3)
    # one fixed instant: the five requests never straddle two one-minute windows
    monkeypatch.setattr("web.rest.ratelimit.time", SimpleNamespace(time=lambda: 1_800_000_030.0))
    monkeypatch.setattr(rest_auth, "rate_limit", lambda creds: limiter.hit(creds.client))
    api = Api(server, new_key(server, name="limited"))
    statuses = [api.get("/res.partner", params={"limit": 1}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = api.get("/res.partner", params={"limit": 1})
    assert int(limited.headers["Retry-After"]) == 30 and limited.headers["X-RateLimit-Remaining"] == "0"


def test_rate_limit_is_per_key(server):
    from web.rest.ratelimit import RateLimiter

    limiter = RateLimiter(1)
    assert limiter.hit("key:a").allowed and limiter.hit("key:b").allowed
    assert not limiter.hit("key:a").allowed


def test_rate_limit_counts_in_redis_across_limiters():
    import uuid

    import pytest

    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    from web.rest.ratelimit import RateLimiter

    client = f"key:{uuid.uuid4().hex}"
    first, second = RateLimiter(2, "redis://127.0.0.1:6379/0"), RateLimiter(2, "redis://127.0.0.1:6379/0")
    assert first.hit(client).allowed and second.hit(client).allowed
    assert not first.hit(client).allowed
