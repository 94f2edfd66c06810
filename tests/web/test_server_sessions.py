"""Sessions kept on the server (the database, or Redis when configured): the cookie holds a random id; a
copy taken before logout opens nothing after it; login renews the id; idle timeout and absolute lifetime
(with a frozen clock); a user's sessions end together; "Log out my other sessions" keeps the current one."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from core import clock
from core.db.engine import database_name
from core.registry.registry import Registry
from core.security.throttle import configure as configure_throttle
from tests.fixtures.web_client import csrf_token, log_in, text
from web.app import create_app

REDIS_URL = "redis://127.0.0.1:6379/0"
IDLE, LIFETIME = dt.timedelta(hours=2), dt.timedelta(hours=10)
T0 = dt.datetime(2031, 5, 6, 8, 0, 0)


@pytest.fixture(params=["database", "redis"])
def app(request, web_registry: Registry) -> Iterator[Flask]:
    """The web client with sessions in the database, then in Redis; 2 hours idle, 10 hours in all."""
    config: dict[str, Any] = {"TESTING": True, "ERP_SESSION_IDLE_TIMEOUT": "2h",
                              "ERP_SESSION_LIFETIME": "10h"}
    if request.param == "redis":
        config["ERP_REDIS_URL"] = REDIS_URL
    app = create_app(web_registry.url, config)
    configure_throttle(os.environ.get("ERP_REDIS_URL"))  # login counts stay this process's own
    yield app


def _sid(client: FlaskClient) -> str:
    cookie = client.get_cookie("session_id")
    assert cookie is not None, "no session_id cookie"
    return cookie.value


def _copy(app: Flask, sid: str) -> FlaskClient:
    """Another browser holding a copy of the cookie ``sid``."""
    other = app.test_client()
    other.set_cookie("session_id", sid)
    return other


def _logged_in(client: FlaskClient) -> bool:
    return client.get("/web").status_code == 200


def _login(app: Flask, login: str = "demo") -> FlaskClient:
    client = app.test_client()
    assert log_in(client, login, login).status_code == 302
    return client


def test_a_cookie_copied_before_logout_is_refused_after_it(app):
    client = _login(app)
    copy = _copy(app, _sid(client))
    assert _logged_in(copy)
    assert client.post("/web/logout", data={"csrf_token": csrf_token(client, "/web")}).status_code == 302
    assert not _logged_in(client)
    assert not _logged_in(copy)


def test_the_cookie_holds_a_random_id_and_the_store_its_digest(app, in_db):
    client = _login(app)
    sid = _sid(client)
    assert len(sid) >= 40 and "demo" not in sid
    digest = hashlib.sha256(sid.encode()).hexdigest()
    store = app.session_interface.store
    assert store.load(sid) is None and store.load(digest).data["uid"] == in_db(
        lambda env: env.ref("base.user_demo").id)


def test_login_renews_the_session_id(app):
    client = app.test_client()
    csrf_token(client)  # the login page opens a visitor's session (its CSRF token)
    before = _sid(client)
    assert log_in(client, "demo", "demo").status_code == 302
    after = _sid(client)
    assert after != before
    assert not _logged_in(_copy(app, before))  # the visitor's id opens nothing
    assert _logged_in(_copy(app, after))


def test_a_cookie_naming_no_session_is_not_taken_over(app):
    chosen = "A" * 43  # an id an attacker would plant before the victim logs in
    client = _copy(app, chosen)
    assert log_in(client, "demo", "demo").status_code == 302
    assert _sid(client) != chosen and not _logged_in(_copy(app, chosen))


def test_idle_timeout(app):
    with clock.frozen(T0):
        client = _login(app)
    with clock.frozen(T0 + IDLE - dt.timedelta(minutes=1)):
        assert _logged_in(client)  # in use: the idle timeout starts again
    with clock.frozen(T0 + 2 * IDLE - dt.timedelta(minutes=2)):
        assert _logged_in(client)
    with clock.frozen(T0 + 3 * IDLE):
        assert not _logged_in(client)


def test_absolute_lifetime(app):
    with clock.frozen(T0):
        client = _login(app)
    moment = T0
    while moment + IDLE / 2 < T0 + LIFETIME:
        moment += IDLE / 2
        with clock.frozen(moment):
            assert _logged_in(client), moment  # used every hour: the idle timeout never passes
    with clock.frozen(T0 + LIFETIME + dt.timedelta(seconds=1)):
        assert not _logged_in(client)


def test_logging_in_again_over_an_expired_session(app):
    with clock.frozen(T0):
        client = _login(app)
        stale = _sid(client)
    with clock.frozen(T0 + 3 * IDLE):
        body = client.post("/web/session/authenticate", json={"jsonrpc": "2.0", "params": {
            "db": database_name(app.config["ERP_DB_URL"]), "login": "demo", "password": "demo"}}).get_json()
        assert body["result"]["username"] == "demo"
        assert _sid(client) != stale and _logged_in(client)
    key = hashlib.sha256(stale.encode()).hexdigest()
    assert app.session_interface.store.load(key) is None  # the expired one was deleted


def test_a_password_changed_by_an_administrator_ends_the_users_sessions(app, in_db):
    first, second, admin = _login(app), _login(app), _login(app, "admin")
    in_db(lambda env: env.ref("base.user_demo").write({"password": "changed-by-admin"}))
    assert not _logged_in(first) and not _logged_in(second)
    assert _logged_in(admin)


def test_deactivating_a_user_ends_their_sessions(app, in_db):
    client = _login(app)
    in_db(lambda env: env.ref("base.user_demo").write({"active": False}))
    assert not _logged_in(client)


def test_log_out_my_other_sessions_keeps_the_current_one(app):
    current, other_device, other_browser, admin = _login(app), _login(app), _login(app), _login(app, "admin")
    page = text(current.get("/web/preferences"))
    assert page.count('class="session-row') == 3 and "This session" in page
    response = current.post("/web/preferences/sessions/end-others",
                            data={"csrf_token": csrf_token(current, "/web/preferences")})
    assert response.status_code == 302
    assert "Your other sessions have been logged out (2)" in text(current.get("/web/preferences"))
    assert _logged_in(current) and not _logged_in(other_device) and not _logged_in(other_browser)
    assert _logged_in(admin)  # another user's sessions are theirs


def test_one_other_session_is_logged_out_from_the_list(app):
    current, other = _login(app), _login(app)
    page = text(current.get("/web/preferences"))
    (ref,) = re.findall(r'/web/preferences/sessions/([0-9a-f]+)/end', page)
    token = csrf_token(current, "/web/preferences")
    current.post(f"/web/preferences/sessions/{ref}/end", data={"csrf_token": token})
    assert _logged_in(current) and not _logged_in(other)


def test_changing_ones_password_logs_out_the_other_sessions_from_the_store(app, in_db):
    current, other = _login(app), _login(app)
    other_sid = _sid(other)
    response = current.post("/web/password", data={
        "csrf_token": csrf_token(current, "/web/password"), "old_password": "demo",
        "new_password": "secret-2", "confirm": "secret-2"})
    assert response.status_code == 302 and _logged_in(current)
    assert app.session_interface.store.load(hashlib.sha256(other_sid.encode()).hexdigest()) is None


def test_the_json_routes_use_the_same_sessions(app):
    client = app.test_client()
    body = client.post("/web/session/authenticate", json={"jsonrpc": "2.0", "params": {
        "db": database_name(app.config["ERP_DB_URL"]),
        "login": "demo", "password": "demo"}}).get_json()
    assert body["result"]["username"] == "demo"
    sid = _sid(client)
    assert _logged_in(_copy(app, sid))  # a session of the JSON routes opens the web client
    info = client.post("/web/session/get_session_info", json={"jsonrpc": "2.0", "params": {}}).get_json()
    assert info["result"]["uid"] == body["result"]["uid"]
    client.post("/web/session/destroy", json={"jsonrpc": "2.0", "params": {}})
    copy = _copy(app, sid)
    assert copy.post("/web/session/get_session_info", json={"params": {}}).get_json()["error"]["code"] == 100
    assert not _logged_in(copy)


def test_static_files_do_not_read_the_store(app, monkeypatch):
    client = _login(app)
    calls: list[str] = []
    store = app.session_interface.store
    monkeypatch.setattr(store, "load", lambda key: calls.append(key))
    assert client.get("/static/css/app.css").status_code == 200
    assert calls == []
