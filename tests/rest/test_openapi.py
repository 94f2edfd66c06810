"""The OpenAPI document generated from the metadata, and the interactive docs served locally."""

from __future__ import annotations

import re

import requests


def spec_of(server) -> dict:
    return requests.get(f"{server.base}/api/v1/openapi.json", timeout=60).json()


def test_document_is_openapi_3_with_every_model(server):
    spec = spec_of(server)
    assert spec["openapi"].startswith("3.")
    assert {"/api/v1/res.partner", "/api/v1/res.partner/{id}"} <= set(spec["paths"])
    assert set(spec["paths"]["/api/v1/res.partner"]) == {"get", "post"}
    assert set(spec["paths"]["/api/v1/res.partner/{id}"]) >= {"get", "patch", "delete"}


def test_schemas_follow_field_types(server):
    partner = spec_of(server)["components"]["schemas"]["res.partner"]["properties"]
    assert partner["name"]["type"] == "string"
    assert partner["is_company"]["type"] == "boolean"
    assert partner["country_id"]["properties"]["display_name"]["type"] == "string"
    assert partner["category_id"]["type"] == "array"
    assert partner["create_date"]["format"] == "date-time" and partner["create_date"]["readOnly"] is True
    assert None in partner["type"]["enum"] and "contact" in partner["type"]["enum"]


def test_input_schema_lists_writable_fields_and_required_ones(server):
    schemas = spec_of(server)["components"]["schemas"]
    assert "create_date" not in schemas["res.partner.input"]["properties"]
    assert (
        schemas["res.users.input"]["required"] == ["login"]
        or "login" in schemas["res.users.input"]["required"]
    )
    assert schemas["res.partner.input"]["properties"]["country_id"]["type"] == "integer"


def test_security_schemes_are_bearer_and_session(server):
    schemes = spec_of(server)["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["scheme"] == "bearer" and schemes["sessionCookie"]["name"] == "session_id"


def test_operations_document_error_statuses(server):
    post = spec_of(server)["paths"]["/api/v1/res.partner"]["post"]["responses"]
    assert {"201", "400", "401", "403", "409", "422", "429"} <= set(post)


def test_docs_page_uses_vendored_swagger_ui_under_a_strict_csp(server):
    response = requests.get(f"{server.base}/api/v1/docs", timeout=30)
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert sources and all(source.startswith("/") for source in sources)
    assert "<script>" not in response.text and "style=" not in response.text
    for source in sources:
        assert requests.get(f"{server.base}{source}", timeout=30).status_code == 200
