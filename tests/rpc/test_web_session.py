"""The web client's JSON routes that client libraries use: session, call_kw, version, databases."""

from __future__ import annotations

from typing import Any

import pytest
import requests


def call(http: requests.Session, server, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    response = http.post(
        f"{server.base}{path}",
        json={"jsonrpc": "2.0", "method": "call", "params": params or {}, "id": 7},
        timeout=30,
    )
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def http() -> requests.Session:
    return requests.Session()


@pytest.fixture
def logged_in(http, server) -> requests.Session:
    body = call(
        http, server, "/web/session/authenticate", {"db": server.db, "login": "admin", "password": "admin"}
    )
    assert body["result"]["uid"] == 2
    return http


def test_authenticate_sets_session_id_cookie_and_answers_session_info(http, server):
    body = call(
        http, server, "/web/session/authenticate", {"db": server.db, "login": "admin", "password": "admin"}
    )
    info = body["result"]
    assert "session_id" in http.cookies
    assert info["user_context"] == {"lang": "en_US", "tz": False, "uid": 2}
    assert info["db"] == server.db and info["username"] == "admin" and info["is_admin"] is True
    assert info["server_version_info"][:2] == [17, 0]
    assert {"name", "partner_id", "company_id", "user_companies"} <= set(info)


def test_authenticate_with_wrong_password_sets_no_cookie(http, server):
    body = call(
        http, server, "/web/session/authenticate", {"db": server.db, "login": "admin", "password": "x"}
    )
    assert body["error"]["data"]["name"] == "odoo.exceptions.AccessDenied"
    assert "session_id" not in http.cookies


def test_call_kw_uses_the_session(logged_in, server):
    body = call(
        logged_in,
        server,
        "/web/dataset/call_kw",
        {"model": "res.partner", "method": "search_count", "args": [[]], "kwargs": {}},
    )
    assert body["result"] > 0


def test_call_kw_with_model_and_method_in_the_path(logged_in, server):
    body = call(
        logged_in,
        server,
        "/web/dataset/call_kw/res.partner/read",
        {"model": "res.partner", "method": "read", "args": [[3], ["name"]], "kwargs": {}},
    )
    assert body["result"] == [{"id": 3, "name": "Administrator"}]


def test_call_kw_without_session_is_code_100(http, server):
    error = call(
        http,
        server,
        "/web/dataset/call_kw",
        {"model": "res.partner", "method": "search", "args": [[]], "kwargs": {}},
    )["error"]
    assert error["code"] == 100 and error["message"] == "Odoo Session Expired"
    assert error["data"]["name"] == "odoo.http.SessionExpiredException"


def test_get_session_info_without_session_is_code_100(http, server):
    assert call(http, server, "/web/session/get_session_info")["error"]["code"] == 100


def test_get_session_info_with_session(logged_in, server):
    assert call(logged_in, server, "/web/session/get_session_info")["result"]["uid"] == 2


def test_destroy_ends_the_session(logged_in, server):
    body = call(logged_in, server, "/web/session/destroy")
    assert "result" not in body and "error" not in body
    assert call(logged_in, server, "/web/session/get_session_info")["error"]["code"] == 100


def test_version_info_is_version(http, server):
    assert call(http, server, "/web/webclient/version_info")["result"]["server_version"] == "17.0"


def test_database_list(http, server):
    assert server.db in call(http, server, "/web/database/list")["result"]


def test_unknown_web_route_is_json_404(http, server):
    error = call(http, server, "/web/dataset/no_such_route")["error"]
    assert error["code"] == 404


def test_session_cookie_route_requires_json_content_type(logged_in, server):
    response = logged_in.post(
        f"{server.base}/web/dataset/call_kw",
        timeout=10,
        data='{"params": {"model": "res.partner", "method": "unlink", "args": [[3]]}}',
        headers={"Content-Type": "text/plain"},
    )
    assert response.status_code == 400
    assert call(
        logged_in,
        server,
        "/web/dataset/call_kw",
        {"model": "res.partner", "method": "exists", "args": [[3]], "kwargs": {}},
    )["result"] == [3]


def test_session_cookie_is_httponly_and_samesite(server):
    response = requests.post(
        f"{server.base}/web/session/authenticate",
        timeout=30,
        json={"jsonrpc": "2.0", "params": {"db": server.db, "login": "demo", "password": "demo"}},
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session_id=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_password_change_ends_the_session(http, server, admin):
    uid = admin("res.users", "create", {"name": "Sess", "login": "sess_user", "password": "pass1234"})
    assert (
        call(
            http,
            server,
            "/web/session/authenticate",
            {"db": server.db, "login": "sess_user", "password": "pass1234"},
        )["result"]["uid"]
        == uid
    )
    admin("res.users", "write", [uid], {"password": "other1234"})
    assert call(http, server, "/web/session/get_session_info")["error"]["code"] == 100
