"""Consistent JSON errors with HTTP statuses: 400, 401, 403, 404, 405, 409, 415, 422."""

from __future__ import annotations

import pytest
import requests

from tests.rest.conftest import Api


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["status"] == status and body["message"]
    return body


def test_no_credentials_is_401(server):
    body = error_of(Api(server, None).get("/res.partner"), 401)
    assert body["code"] == "unauthorized"


def test_invalid_key_is_401(server):
    response = Api(server, "0" * 40).get("/res.partner")
    error_of(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_basic_authorization_is_refused(server):
    response = requests.get(f"{server.base}/api/v1/res.partner", auth=("admin", "admin"), timeout=10)
    error_of(response, 401)


def test_access_error_is_403(demo_api):
    error_of(demo_api.post("/res.groups", json={"name": "Not mine to create"}), 403)


def test_unknown_model_is_404(api):
    error_of(api.get("/no.such.model"), 404)


def test_unknown_record_is_404(api):
    error_of(api.get("/res.partner/99999999"), 404)


def test_non_numeric_id_is_404(api):
    error_of(api.get("/res.partner/abc"), 404)


def test_put_is_405(api):
    error_of(api.put("/res.partner/3", json={"name": "x"}), 405)


def test_invalid_value_is_400_naming_the_field(api):
    body = error_of(api.post("/res.partner", json={"name": "Bad", "type": "bogus"}), 400)
    assert body["field"] == "type"


def test_unknown_field_is_400(api):
    assert error_of(api.post("/res.partner", json={"nope": 1}), 400)["field"] == "nope"


def test_readonly_field_is_400(api):
    assert (
        error_of(api.patch("/res.partner/3", json={"create_date": "2020-01-01"}), 400)["field"]
        == "create_date"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"domain": "not json"},
        {"domain": '{"a": 1}'},
        {"limit": "x"},
        {"limit": -1},
        {"offset": "-3"},
        {"fields": "nope"},
        {"domain": '[["nope", "=", 1]]'},
        {"order": "name; drop table x"},
    ],
)
def test_bad_list_parameters_are_400(api, params):
    error_of(api.get("/res.partner", params=params), 400)


def test_body_that_is_not_json_is_400(api):
    error_of(api.post("/res.partner", data="{bad", headers={"Content-Type": "application/json"}), 400)


def test_body_of_another_type_is_415(api):
    error_of(
        api.post(
            "/res.partner", data="name=x", headers={"Content-Type": "application/x-www-form-urlencoded"}
        ),
        415,
    )


def test_business_rule_refusal_is_422(api):
    domain = '[["model", "=", "res.partner"], ["name", "=", "name"]]'
    field = api.get("/ir.model.fields", params={"domain": domain, "fields": "name"}).json()["data"][0]
    body = error_of(api.delete(f"/ir.model.fields/{field['id']}"), 422)
    assert body["code"] == "unprocessable"
    assert api.get(f"/ir.model.fields/{field['id']}").status_code == 200


def test_record_rule_hides_other_company_records_from_demo(api, demo_api):
    company_2 = api.get("/res.company", params={"domain": '[["name", "=", "Sucursal Norte S.L."]]'}).json()
    pid = api.post(
        "/res.partner", json={"name": "Branch Secret", "company_id": company_2["data"][0]["id"]}
    ).json()
    error_of(demo_api.get(f"/res.partner/{pid['data']['id']}"), 403)
