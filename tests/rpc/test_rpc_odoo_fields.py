"""Odoo fields and domain semantics that scripts read and write over RPC: sequences' next number, the
activity type of a feedback message, menus' action reference, hierarchies on the parent field, and
domain values that are compared, never validated."""

from __future__ import annotations

import pytest


@pytest.fixture
def jcall(jsonrpc, server):
    """``jcall(model, method, *args, **kwargs)`` over JSON-RPC as admin; the result (no error expected)."""

    def call(model, method, *args, **kwargs):
        body = jsonrpc("object", "execute_kw", server.db, 2, "admin", model, method, list(args), kwargs)
        assert "error" not in body, body["error"]["data"]["message"]
        return body.get("result")

    return call


def xmlid(call, name):
    module, _dot, ref = name.partition(".")
    return call("ir.model.data", "check_object_reference", module, ref)[1]


# -- ir.sequence ------------------------------------------------------------------------------------
def test_number_next_actual_over_xmlrpc(admin):
    sequence = admin("ir.sequence", "create", {"name": "Scripts", "code": "rpc.scripts", "prefix": "S/",
                                               "padding": 3})
    assert admin("ir.sequence", "read", [sequence], ["number_next_actual"])[0]["number_next_actual"] == 1
    assert admin("ir.sequence", "next_by_code", "rpc.scripts") == "S/001"
    assert admin("ir.sequence", "read", [sequence], ["number_next_actual"])[0]["number_next_actual"] == 2
    assert admin("ir.sequence", "write", [sequence], {"number_next_actual": 70}) is True
    assert admin("ir.sequence", "next_by_code", "rpc.scripts") == "S/070"
    assert admin("ir.sequence", "read", [sequence], ["number_next"])[0]["number_next"] == 71


def test_number_next_actual_of_a_date_range_over_jsonrpc(jcall):
    sequence = jcall("ir.sequence", "create", {"name": "Yearly", "code": "rpc.yearly", "padding": 2,
                                               "prefix": "%(range_year)s-", "use_date_range": True})
    assert jcall("ir.sequence", "next_by_code", "rpc.yearly", "2024-06-01") == "2024-01"
    (date_range,) = jcall("ir.sequence.date_range", "search_read", [["sequence_id", "=", sequence]],
                          fields=["number_next_actual"])
    assert date_range["number_next_actual"] == 2
    assert jcall("ir.sequence.date_range", "write", [date_range["id"]], {"number_next_actual": 40}) is True
    assert jcall("ir.sequence", "next_by_code", "rpc.yearly", "2024-07-01") == "2024-40"


# -- mail.message.mail_activity_type_id ----------------------------------------------------------------
def test_the_feedback_message_carries_the_activity_type(jcall):
    partner = jcall("res.partner", "create", {"name": "Called back"})
    call_type = xmlid(jcall, "mail.mail_activity_data_call")
    activity = jcall("mail.activity", "create", {
        "res_model_id": jcall("ir.model", "search", [["model", "=", "res.partner"]])[0], "res_id": partner,
        "activity_type_id": call_type, "user_id": 2, "summary": "Call"})
    message = jcall("mail.activity", "action_feedback", [activity], feedback="Done")
    row = jcall("mail.message", "read", [message], ["mail_activity_type_id"])[0]
    assert row["mail_activity_type_id"][0] == call_type
    domain = [["mail_activity_type_id", "=", call_type], ["res_id", "=", partner],
              ["model", "=", "res.partner"]]
    assert jcall("mail.message", "search", domain) == [message]


# -- ir.ui.menu.action -------------------------------------------------------------------------------
def test_menu_action_reference_over_xmlrpc(admin):
    action = admin("ir.actions.act_window", "create", {"name": "Scripted", "res_model": "res.partner"})
    reference = f"ir.actions.act_window,{action}"
    menu = admin("ir.ui.menu", "create", {"name": "Scripted menu", "action": reference})
    row = admin("ir.ui.menu", "read", [menu], ["action", "action_id"])[0]
    assert row["action"] == reference and row["action_id"][0] == action
    assert admin("ir.ui.menu", "search", [["action", "=", reference]]) == [menu]
    assert admin("ir.ui.menu", "write", [menu], {"action": False}) is True
    assert admin("ir.ui.menu", "read", [menu], ["action_id"])[0]["action_id"] is False


# -- hierarchies on the parent field --------------------------------------------------------------------
def test_child_of_and_parent_of_on_the_parent_field(admin, jcall):
    company = admin("res.partner", "create", {"name": "Holding", "is_company": True})
    branch = admin("res.partner", "create", {"name": "Branch", "is_company": True, "parent_id": company})
    person = admin("res.partner", "create", {"name": "Employee", "parent_id": branch})
    found = admin("res.partner", "search", [["parent_id", "child_of", company]])
    assert sorted(found) == sorted([company, branch, person])
    found = jcall("res.partner", "search", [["parent_id", "parent_of", person]])
    assert sorted(found) == sorted([company, branch, person])


# -- domain values are compared ---------------------------------------------------------------------------
@pytest.mark.parametrize(("field", "value"), [("phone", "(441)-695-2334"), ("vat", "US12345672"),
                                              ("email", "x"), ("mobile", "abc")])
def test_search_values_a_write_would_refuse_match_nothing(admin, jcall, field, value):
    assert admin("res.partner", "search", [[field, "=", value]]) == []
    assert jcall("res.partner", "search_count", [[field, "=", value]]) == 0


def test_a_stored_value_is_found_as_written(admin):
    partner = admin("res.partner", "create", {"name": "Phoned", "phone": "+1 441-695-2334"})
    assert admin("res.partner", "search", [["phone", "=", "+1 441-695-2334"]]) == [partner]
