"""Odoo 19's JSON-2 API: bearer API keys, named parameters, HTTP statuses, per-database description."""

from __future__ import annotations

import pytest
import requests


@pytest.fixture(scope="module")
def api_key(server) -> str:
    import xmlrpc.client

    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    return models.execute_kw(server.db, 2, "admin", "res.users", "create_api_key", [[2], "json2 tests"])


def post(
    server, path: str, key: str | None, body: dict | None = None, db: str | None = None
) -> requests.Response:
    headers = {"X-Odoo-Database": db or server.db}
    if key:
        headers["Authorization"] = f"bearer {key}"
    return requests.post(f"{server.base}{path}", json=body or {}, headers=headers, timeout=30)


def test_search_read_with_named_parameters(server, api_key):
    response = post(
        server,
        "/json/2/res.partner/search_read",
        api_key,
        {"domain": [["is_company", "=", True]], "fields": ["name"], "limit": 2, "context": {"lang": "en_US"}},
    )
    assert response.status_code == 200
    assert len(response.json()) == 2 and set(response.json()[0]) == {"id", "name"}


def test_record_method_takes_ids(server, api_key):
    response = post(server, "/json/2/res.partner/read", api_key, {"ids": [3], "fields": ["name"]})
    assert response.json() == [{"id": 3, "name": "Administrator"}]


def test_create_and_write(server, api_key):
    pid = post(server, "/json/2/res.partner/create", api_key, {"vals_list": {"name": "Json Two"}}).json()
    assert isinstance(pid, int)
    assert (
        post(server, "/json/2/res.partner/write", api_key, {"ids": [pid], "vals": {"name": "Json 2"}}).json()
        is True
    )


def test_invalid_key_is_401(server):
    response = post(server, "/json/2/res.partner/search", "not-a-key", {"domain": []})
    assert response.status_code == 401
    assert response.json()["name"] == "odoo.exceptions.AccessDenied"


def test_missing_authorization_is_401(server):
    response = post(server, "/json/2/res.partner/search", None, {"domain": []})
    assert response.status_code == 401 and response.json()["name"] == "werkzeug.exceptions.Unauthorized"


def test_private_method_is_403(server, api_key):
    response = post(server, "/json/2/res.partner/_search", api_key, {})
    assert response.status_code == 403 and response.json()["message"].startswith("Private methods")


def test_unknown_model_is_404(server, api_key):
    assert post(server, "/json/2/no.model/search", api_key, {"domain": []}).status_code == 404


def test_validation_error_is_4xx_with_message(server, api_key):
    response = post(server, "/json/2/res.partner/create", api_key, {"vals_list": {"email": "bad"}})
    assert response.status_code == 400 and response.json()["message"]


def test_unknown_database_is_an_error(server, api_key):
    assert post(server, "/json/2/res.partner/search", api_key, {}, db="no_such_db").status_code == 400


def test_revoked_key_stops_working(server, api_key):
    import xmlrpc.client

    models = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/object")
    key = models.execute_kw(server.db, 2, "admin", "res.users", "create_api_key", [[2], "short lived"])
    assert post(server, "/json/2/res.users/context_get", key).status_code == 200
    key_ids = models.execute_kw(
        server.db, 2, "admin", "res.users.apikeys", "search", [[["name", "=", "short lived"]]]
    )
    models.execute_kw(server.db, 2, "admin", "res.users.apikeys", "action_revoke", [key_ids])
    assert post(server, "/json/2/res.users/context_get", key).status_code == 401


def test_index_describes_models(server, api_key):
    response = requests.get(
        f"{server.base}/doc-bearer/index.json", timeout=30, headers={"Authorization": f"bearer {api_key}"}
    )
    assert {"model": "res.partner", "name": "Contact"} in response.json()["models"]


def test_model_description_lists_fields_and_methods(server, api_key):
    doc = requests.get(
        f"{server.base}/doc-bearer/res.partner.json",
        timeout=30,
        headers={"Authorization": f"bearer {api_key}"},
    ).json()
    assert doc["fields"]["name"]["type"] == "char"
    methods = doc["methods"]
    assert methods["search_read"]["api"] == ["model"] and methods["write"]["api"] == []
    assert list(methods["write"]["parameters"]) == ["vals"]
    assert "address_get" in methods and "_search" not in methods


def test_odoo_client_lib_json2_connection(server, api_key):
    import odoolib

    host, port = server.base.removeprefix("http://").split(":")
    connection = odoolib.get_connection(
        hostname=host, port=int(port), protocol="json2", database=server.db, password=api_key
    )
    assert connection.check_login() is True
    partners = connection.get_model("res.partner")
    ids = partners.search([["is_company", "=", True]], limit=2)
    assert len(ids) == 2
    assert partners.read(ids[0], ["name"])["name"]
