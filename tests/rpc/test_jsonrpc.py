"""JSON-RPC 2.0 at /jsonrpc: the same services, Odoo's error envelope."""

from __future__ import annotations

import requests


def test_common_version(jsonrpc):
    assert jsonrpc("common", "version")["result"]["server_serie"] == "17.0"


def test_login_then_execute_kw(jsonrpc, server):
    uid = jsonrpc("common", "login", server.db, "admin", "admin")["result"]
    body = jsonrpc(
        "object",
        "execute_kw",
        server.db,
        uid,
        "admin",
        "res.partner",
        "search_read",
        [[["is_company", "=", True]]],
        {"fields": ["name"], "limit": 2},
    )
    assert len(body["result"]) == 2 and set(body["result"][0]) == {"id", "name"}


def test_access_error_envelope(jsonrpc, server):
    body = jsonrpc("object", "execute_kw", server.db, 2, "admin", "res.partner", "_search", [[]])
    error = body["error"]
    assert error["code"] == 200 and error["message"] == "Odoo Server Error"
    assert error["data"]["name"] == "odoo.exceptions.AccessError"
    assert error["data"]["message"] == "Private methods (such as _search) cannot be called remotely."
    assert error["data"]["arguments"] == [error["data"]["message"]]
    assert error["data"]["context"] == {}
    assert "result" not in body


def test_wrong_password_is_access_denied(jsonrpc, server):
    error = jsonrpc("object", "execute_kw", server.db, 2, "wrong", "res.partner", "search", [[]])["error"]
    assert error["data"]["name"] == "odoo.exceptions.AccessDenied"
    assert error["data"]["message"] == "Access Denied"


def test_user_error_names(jsonrpc, server):
    error = jsonrpc("object", "execute_kw", server.db, 2, "admin", "res.partner", "write", [[999999], {}])[
        "error"
    ]
    assert error["data"]["name"] == "odoo.exceptions.MissingError"
    error = jsonrpc(
        "object", "execute_kw", server.db, 2, "admin", "res.partner", "create", [{"email": "bad"}]
    )["error"]
    assert error["data"]["name"] == "odoo.exceptions.ValidationError" and error["data"]["message"]


def test_control_characters_round_trip(jsonrpc, server):
    pid = jsonrpc(
        "object", "execute_kw", server.db, 2, "admin", "res.partner", "create", [{"name": "Tab\tBell\x07"}]
    )["result"]
    rows = jsonrpc("object", "execute_kw", server.db, 2, "admin", "res.partner", "read", [[pid], ["name"]])
    assert rows["result"][0]["name"] == "Tab\tBell\x07"


def test_body_that_is_not_json_is_400(server):
    response = requests.post(
        f"{server.base}/jsonrpc", data=b"{not json", timeout=10, headers={"Content-Type": "application/json"}
    )
    assert (response.status_code, response.text) == (400, "Invalid JSON data")


def test_json_array_body_is_400(server):
    response = requests.post(f"{server.base}/jsonrpc", json=[1, 2], timeout=10)
    assert (response.status_code, response.text) == (400, "Invalid JSON-RPC data")


def test_unknown_service_is_an_error(jsonrpc):
    assert jsonrpc("nope", "version")["error"]["data"]["message"]


def test_id_is_echoed_even_on_errors(server):
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "id": "abc-1",
        "params": {"service": "object", "method": "nope", "args": []},
    }
    body = requests.post(f"{server.base}/jsonrpc", json=payload, timeout=10).json()
    assert body["id"] == "abc-1" and body["error"]["data"]["message"]
