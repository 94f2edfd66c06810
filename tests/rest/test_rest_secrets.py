"""Secret fields over REST: never in an answer (the hash reads as "" when named, and is left out of the
default fields and of the OpenAPI record schemas), written through the input schemas, and ignored by
domains."""

from __future__ import annotations

import json
import xmlrpc.client

import pytest

HASH = "$argon2"


@pytest.fixture(params=["demo", "admin"])
def caller(request, api, demo_api):
    return api if request.param == "admin" else demo_api


def test_default_fields_leave_the_password_out(caller):
    response = caller.get("/res.users/2")
    assert response.status_code == 200
    body = response.json()["data"]
    assert "password" not in body and "new_password" not in body and HASH not in response.text


def test_named_password_reads_empty(caller):
    response = caller.get("/res.users", params={"fields": "login,password"})
    assert response.status_code == 200 and HASH not in response.text
    assert all(row["password"] == "" for row in response.json()["data"])
    assert caller.get("/res.users/2", params={"fields": "password"}).json()["data"]["password"] == ""


def test_a_domain_on_the_password_does_not_filter(caller):
    everyone = caller.get("/res.users", params={"fields": "id"}).json()["count"]
    domain = json.dumps([["password", "like", "$argon2id"]])
    assert caller.get("/res.users", params={"fields": "id", "domain": domain}).json()["count"] == everyone


def test_sorting_on_the_password_is_refused(caller):
    assert caller.get("/res.users", params={"fields": "id", "order": "password"}).status_code == 400


def test_new_password_is_written_through_rest(api, server):
    created = api.post("/res.users", json={"login": "rita_rest", "new_password": "rita-pass"})
    assert created.status_code == 201, created.text
    uid = created.json()["data"]["id"]
    assert HASH not in created.text
    common = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/common")
    assert common.login(server.db, "rita_rest", "rita-pass") == uid
    assert api.patch(f"/res.users/{uid}", json={"new_password": "rita-new"}).status_code == 200
    assert common.login(server.db, "rita_rest", "rita-new") == uid


def test_openapi_describes_secrets_as_write_only_input(server):
    import requests

    schemas = requests.get(f"{server.base}/api/v1/openapi.json", timeout=60).json()["components"]["schemas"]
    answer, given = schemas["res.users"]["properties"], schemas["res.users.input"]["properties"]
    assert "login" in answer and "password" not in answer and "new_password" not in answer
    for name in ("password", "new_password"):
        assert given[name]["writeOnly"] is True and given[name]["format"] == "password"
    assert "key_hash" not in schemas["res.users.apikeys"]["properties"]
    assert "secret" not in schemas["ir.webhook"]["properties"]
