"""No door hands out a secret: the password hash (and the other write-only fields) read as "" over
XML-RPC, /jsonrpc, the web client's call_kw and JSON-2, for the demo salesperson and the administrator,
whatever the verb (read, search_read, export_data, read_group), and a domain on them never filters."""

from __future__ import annotations

import xmlrpc.client
from typing import Any

import pytest
import requests

HASH = "$argon2"


@pytest.fixture(params=["demo", "admin"])
def caller(request, admin, demo):
    return admin if request.param == "admin" else demo


def _no_hash(value: Any) -> None:
    assert HASH not in repr(value), value


def test_read_and_search_read_over_xmlrpc(caller):
    rows = caller("res.users", "search_read", [], fields=["login", "password", "new_password"])
    assert rows and all(row["password"] == "" and row["new_password"] == "" for row in rows)
    _no_hash(caller("res.users", "read", [2], ["password"]))
    _no_hash(caller("res.users", "read", [2]))


def test_export_data_over_xmlrpc(caller):
    ids = caller("res.users", "search", [])
    rows = caller("res.users", "export_data", ids, ["login", "password"])["datas"]
    assert rows and all(password == "" for _login, password in rows)


def test_read_group_over_xmlrpc_refuses_the_password(caller):
    with pytest.raises(xmlrpc.client.Fault) as error:
        caller("res.users", "read_group", [], ["login"], ["password"])
    assert "secret" in error.value.faultString
    with pytest.raises(xmlrpc.client.Fault):
        caller("res.users", "read_group", [], ["password:max"], ["company_id"])
    _no_hash(caller("res.users", "read_group", [], ["password"], ["company_id"]))


@pytest.mark.parametrize("leaf", [["password", "=", "admin"], ["password", "like", "$argon2id"],
                                  ["password", "=", False], ["new_password", "=", "x"]])
def test_a_domain_on_the_password_does_not_filter(caller, leaf):
    everyone = caller("res.users", "search", [])
    assert caller("res.users", "search", [leaf]) == everyone
    assert caller("res.users", "search", ["!", leaf]) == everyone


def test_jsonrpc_search_read(jsonrpc, server):
    uid = jsonrpc("common", "login", server.db, "demo", "demo")["result"]
    body = jsonrpc("object", "execute_kw", server.db, uid, "demo", "res.users", "search_read", [[]],
                   {"fields": ["password"]})
    assert body["result"] and all(row["password"] == "" for row in body["result"])


def test_web_call_kw_search_read(server):
    http = requests.Session()
    http.post(f"{server.base}/web/session/authenticate", timeout=30,
              json={"jsonrpc": "2.0", "params": {"db": server.db, "login": "admin", "password": "admin"}})
    params = {"model": "res.users", "method": "search_read", "args": [[]], "kwargs": {"fields": ["password"]}}
    body = http.post(f"{server.base}/web/dataset/call_kw", timeout=30,
                     json={"jsonrpc": "2.0", "params": params}).json()
    assert body["result"] and all(row["password"] == "" for row in body["result"])


def test_json2_read_and_search_read(server, admin):
    key = admin("res.users", "create_api_key", [2], "secret doors")
    headers = {"X-Odoo-Database": server.db, "Authorization": f"bearer {key}"}
    for path, body in (("/json/2/res.users/search_read", {"domain": [], "fields": ["login", "password"]}),
                       ("/json/2/res.users/read", {"ids": [2, 3], "fields": ["password"]})):
        rows = requests.post(f"{server.base}{path}", json=body, headers=headers, timeout=30).json()
        assert rows and all(row["password"] == "" for row in rows)


def test_api_key_hashes_and_webhook_secrets_read_empty(admin):
    admin("res.users", "create_api_key", [2], "hash check")
    rows = admin("res.users.apikeys", "search_read", [], fields=["key_hash", "key_prefix"])
    assert rows and all(row["key_hash"] == "" for row in rows)
    hook = admin("ir.webhook", "create", {"name": "Doors", "model_name": "res.partner",
                                          "url": "http://127.0.0.1:9/hook", "secret": "sign-with-this"})
    try:
        assert admin("ir.webhook", "read", [hook], ["secret"])[0]["secret"] == ""
        assert admin("ir.webhook", "search", [["secret", "=", "wrong"], ["id", "=", hook]]) == [hook]
        assert admin("ir.webhook", "export_data", [hook], ["secret"])["datas"] == [[""]]
    finally:
        admin("ir.webhook", "unlink", [hook])


def test_smtp_password_reads_empty_for_the_administrator(admin):
    server_id = admin("ir.mail_server", "create", {"name": "Relay", "smtp_host": "smtp.example.com",
                                                   "smtp_user": "me", "smtp_pass": "hunter2"})
    try:
        assert admin("ir.mail_server", "read", [server_id], ["smtp_pass"])[0]["smtp_pass"] == ""
        domain = [["smtp_pass", "=", "nope"], ["id", "=", server_id]]
        assert admin("ir.mail_server", "search_count", domain) == 1
    finally:
        admin("ir.mail_server", "unlink", [server_id])


def test_new_password_sets_the_password_over_xmlrpc(admin, common, server):
    uid = admin("res.users", "create", {"name": "Ines", "login": "ines_np", "new_password": "first-pass"})
    assert common.login(server.db, "ines_np", "first-pass") == uid
    admin("res.users", "write", [uid], {"new_password": "second-pass"})
    assert common.login(server.db, "ines_np", "second-pass") == uid
    assert common.login(server.db, "ines_np", "first-pass") is False
    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("res.users", "write", [uid], {"new_password": "x"})
    assert "at least" in error.value.faultString
