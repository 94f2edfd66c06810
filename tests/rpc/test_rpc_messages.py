"""Messages and statuses clients depend on, the same over XML-RPC and JSON-RPC: a JSON-RPC body that is
not sent as JSON is HTTP 400; access errors, missing required values and unknown fields name the
technical model; unknown service methods are named."""

from __future__ import annotations

import json
import xmlrpc.client

import pytest
import requests


def fault_of(call, *args, **kwargs) -> xmlrpc.client.Fault:
    with pytest.raises(xmlrpc.client.Fault) as error:
        call(*args, **kwargs)
    return error.value


def json_error(jsonrpc, server, login, password, model, method, *args, **kwargs):
    uid = jsonrpc("common", "login", server.db, login, password)["result"]
    body = jsonrpc("object", "execute_kw", server.db, uid, password, model, method, list(args), kwargs)
    assert "result" not in body
    return body["error"]["data"]


# -- the content type of a JSON-RPC body -----------------------------------------------------------
def _post(server, path, content_type, payload=None):
    payload = payload or {"jsonrpc": "2.0", "method": "call", "id": 1,
                          "params": {"service": "common", "method": "version", "args": []}}
    return requests.post(f"{server.base}{path}", data=json.dumps(payload), timeout=10,
                         headers={"Content-Type": content_type})


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "text/xml"])
def test_a_body_not_sent_as_json_is_http_400(server, content_type):
    response = _post(server, "/jsonrpc", content_type)
    assert response.status_code == 400
    assert "application/json" in response.text and "KeyError" not in response.text


def test_json_and_json_rpc_content_types_are_served(server):
    for content_type in ("application/json", "application/json; charset=utf-8", "application/json-rpc"):
        response = _post(server, "/jsonrpc", content_type)
        assert response.status_code == 200 and response.json()["result"]["server_serie"] == "17.0"


def test_web_routes_refuse_text_plain_too(server):
    response = _post(server, "/web/webclient/version_info", "text/plain", {"jsonrpc": "2.0", "params": {}})
    assert response.status_code == 400


# -- unknown service methods -----------------------------------------------------------------------
@pytest.mark.parametrize("service", ["common", "db", "object"])
def test_an_unknown_method_is_named_over_jsonrpc(jsonrpc, service):
    data = jsonrpc(service, "no_such_call")["error"]["data"]
    assert data["message"] == "Method not available no_such_call"


@pytest.mark.parametrize("service", ["common", "db", "object"])
def test_an_unknown_method_is_named_over_xmlrpc(server, service):
    proxy = xmlrpc.client.ServerProxy(f"{server.base}/xmlrpc/2/{service}")
    fault = fault_of(proxy.no_such_call)
    assert (fault.faultCode, fault.faultString) == (1, "Method not available no_such_call")


def test_an_unknown_service_is_named(jsonrpc):
    data = jsonrpc("nope", "version")["error"]["data"]
    assert data["message"].startswith("Unknown service 'nope'") and "common" in data["message"]


# -- access errors name the technical model ----------------------------------------------------------
def test_a_refused_model_is_named_over_xmlrpc(demo):
    fault = fault_of(demo, "ir.config_parameter", "search_read", [])
    assert fault.faultCode == 4 and "(ir.config_parameter)" in fault.faultString


def test_a_record_rule_refusal_names_the_model(admin, demo, jsonrpc, server):
    lead = admin("crm.lead", "create", {"name": "Someone else's lead", "user_id": 2})
    fault = fault_of(demo, "crm.lead", "read", [lead], ["name"])
    assert fault.faultCode == 4 and "(crm.lead)" in fault.faultString
    data = json_error(jsonrpc, server, "demo", "demo", "crm.lead", "write", [lead], {"name": "x"})
    assert data["name"] == "odoo.exceptions.AccessError" and "(crm.lead)" in data["message"]


# -- missing required values ------------------------------------------------------------------------
def test_a_missing_required_value_names_the_model_and_the_field(admin, jsonrpc, server):
    fault = fault_of(admin, "crm.lead", "create", {"probability": 10})
    assert fault.faultCode == 2
    assert fault.faultString == ("Missing required value for the field 'Opportunity' (name) of "
                                 "Lead/Opportunity (crm.lead)")
    data = json_error(jsonrpc, server, "admin", "admin", "res.partner.category", "create", {"color": 2})
    assert data["message"] == "Missing required value for the field 'Tag Name' (name) of Partner Tags " \
                              "(res.partner.category)"


def test_emptying_a_required_field_names_the_model(admin):
    lead = admin("crm.lead", "create", {"name": "Required on write"})
    fault = fault_of(admin, "crm.lead", "write", [lead], {"name": False})
    assert fault.faultCode == 2 and "'Opportunity' (name) of Lead/Opportunity (crm.lead)" in fault.faultString


# -- unknown fields, everywhere the same words --------------------------------------------------------
def test_an_unknown_field_in_order_is_invalid_field(admin, jsonrpc, server):
    fault = fault_of(admin, "res.partner", "search", [], order="x_nope desc")
    assert (fault.faultCode, fault.faultString) == (2, "Invalid field 'x_nope' on model 'res.partner'")
    data = json_error(jsonrpc, server, "admin", "admin", "res.partner", "search_read", [], order="nope")
    assert data["message"] == "Invalid field 'nope' on model 'res.partner'"


@pytest.mark.parametrize(("method", "args", "kwargs"), [
    ("search_read", [[]], {"fields": ["nope"]}),
    ("read", [[1], ["nope"]], {}),
    ("create", [{"name": "A", "nope": 1}], {}),
    ("write", [[1], {"nope": 1}], {}),
    ("read_group", [[], ["nope"], ["nope"]], {}),
    ("default_get", [["nope"]], {}),
    ("search", [[]], {"order": "nope"}),
])
def test_an_unknown_field_has_one_message_in_every_method(admin, method, args, kwargs):
    fault = fault_of(admin, "res.partner", method, *args, **kwargs)
    assert (fault.faultCode, fault.faultString) == (2, "Invalid field 'nope' on model 'res.partner'")
