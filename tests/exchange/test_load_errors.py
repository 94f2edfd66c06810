"""load(fields, rows) with bad input: ids False, a message per problem (row, field), nothing written."""
from __future__ import annotations

import pytest

MESSAGE_KEYS = {"type", "message", "field", "record", "rows"}


def partner_count(env):
    return env["res.partner"].with_context(active_test=False).search_count([])


def only_error(result):
    assert result["ids"] is False
    assert len(result["messages"]) == 1, result["messages"]
    message = result["messages"][0]
    assert message["type"] == "error" and set(message) >= MESSAGE_KEYS
    return message


def test_bad_selection_value_uses_odoos_message(env):
    message = only_error(env["res.partner"].load(["name", "type"], [["Ana", "contact"], ["Bruno", "bogus"]]))
    assert message["message"] == "Value 'bogus' not found in selection field 'Address Type'"
    assert message["field"] == "type" and message["rows"] == {"from": 1, "to": 1} and message["record"] == 1


def test_unresolved_external_id_uses_odoos_message(env):
    message = only_error(env["res.partner"].load(["name", "parent_id/id"], [["Ana", "nowhere.acme"]]))
    assert message["message"] == ("No matching record found for external id 'nowhere.acme' in field "
                                  "'Related Company'")
    assert message["field"] == "parent_id"


def test_unresolved_name_names_the_value_and_field(env):
    message = only_error(env["res.partner"].load(["name", "country_id"], [["Ana", "Atlantis"]]))
    assert message["message"] == "No matching record found for name 'Atlantis' in field 'Country'"


def test_empty_required_cell_uses_odoos_message(tenv):
    message = only_error(tenv["test.record"].load(["name", "amount"], [["A", "1"], ["", "2"]]))
    assert message["message"] == "Missing required value for the field 'Name' (name)"
    assert message["rows"] == {"from": 1, "to": 1}


def test_missing_required_column_is_one_message_for_the_rows_it_concerns(tenv):
    message = only_error(tenv["test.record"].load(["amount"], [["1"], ["2"], ["3"]]))
    assert message["message"] == "Missing required value for the field 'Name' (name)"
    assert message["rows"] == {"from": 0, "to": 2}


def test_unknown_column_is_named_and_nothing_is_written(env):
    before = partner_count(env)
    message = only_error(env["res.partner"].load(["name", "favourite_colour"], [["Ana", "blue"]]))
    assert "favourite_colour" in message["message"] and message["field"] == "favourite_colour"
    assert partner_count(env) == before


def test_sub_field_of_a_many2one_is_refused(env):
    message = only_error(env["res.partner"].load(["name", "country_id/code"], [["Ana", "ES"]]))
    assert "country_id/code" in message["message"]


def test_column_given_twice_is_refused(env):
    message = only_error(env["res.partner"].load(["name", "name"], [["Ana", "Ana"]]))
    assert "appears twice" in message["message"]


def test_row_with_too_few_cells_is_named(env):
    message = only_error(env["res.partner"].load(["name", "email"], [["Ana", "a@example.com"], ["Bruno"]]))
    assert message["rows"] == {"from": 1, "to": 1}
    assert "1 cells" in message["message"] and "2 columns" in message["message"]


@pytest.mark.parametrize(("column", "value", "text"), [
    ("date", "2024-13-45", "'2024-13-45' does not seem to be a valid date for field 'Date'"),
    ("moment", "yesterday", "'yesterday' does not seem to be a valid datetime for field 'Moment'"),
    ("sequence", "ten", "'ten' does not seem to be an integer for field 'Sequence'"),
    ("sequence", "1.5", "'1.5' does not seem to be an integer for field 'Sequence'"),
    ("amount", "12abc", "'12abc' does not seem to be a number for field 'Amount'"),
    ("active", "maybe", "Unknown value 'maybe' for boolean field 'Active'"),
    ("data", "not base64!", "Invalid base64 data for field 'Data'"),
])
def test_bad_scalar_cell_is_named(tenv, column, value, text):
    message = only_error(tenv["test.record"].load(["name", column], [["A", value]]))
    assert message["message"] == text and message["field"] == column


def test_invalid_database_id_is_named(env):
    message = only_error(env["res.partner"].load([".id", "name"], [["999999", "Ghost"]]))
    assert "999999" in message["message"] and message["field"] == "id"


def test_external_id_of_another_model_is_refused(env):
    message = only_error(env["res.partner"].load(["id", "name"], [["base.es", "Spain as a partner"]]))
    assert "res.country" in message["message"] and message["field"] == "id"
    assert env.ref("base.es").name == "Spain"


def test_reference_to_a_later_row_says_to_reorder(env):
    message = only_error(env["res.partner"].load(["id", "name", "parent_id/id"], [
        ["ana", "Ana", "acme"], ["acme", "Acme", ""]]))
    assert message["rows"]["from"] == 0 and "later row" in message["message"]


def test_each_problem_of_a_row_is_a_message_of_its_own(tenv):
    result = tenv["test.record"].load(["name", "state", "amount"], [["A", "bogus", "abc"]])
    assert result["ids"] is False
    assert sorted(m["field"] for m in result["messages"]) == ["amount", "state"]


def test_value_the_database_refuses_names_its_row(tenv):
    rows = [[f"R{i}", "1"] for i in range(5)]
    rows[3][1] = "-5"  # breaks CHECK (amount >= 0)
    message = only_error(tenv["test.record"].load(["name", "amount"], rows))
    assert message["rows"] == {"from": 3, "to": 3}
    assert "negative" in message["message"]
    assert tenv["test.record"].search_count([("name", "like", "R")]) == 0


def test_email_odoo_stores_is_loaded_as_given(env):
    result = env["res.partner"].load(["name", "email"],
                                     [["Ana", "ana@example.com"], ["Bruno", "not an email"]])
    assert result["messages"] == [] and len(result["ids"]) == 2
    assert env["res.partner"].browse(result["ids"]).mapped("email") == ["ana@example.com", "not an email"]


def test_field_check_refuses_a_row(env):
    env.company.strict_contact_checks = True  # emails are checked on every path
    message = only_error(env["res.partner"].load(["name", "email"], [["Ana", "ana@example.com"],
                                                                     ["Bruno", "not an email"]]))
    assert message["rows"]["from"] == 1 and message["field"] == "email"


def test_one_bad_row_in_ten_thousand_writes_nothing_and_names_row_and_field(env):
    before = partner_count(env)
    rows = [[f"bulk_{i}", f"Bulk {i}", "contact"] for i in range(10_000)]
    rows[7321][2] = "bogus"
    message = only_error(env["res.partner"].load(["id", "name", "type"], rows))
    assert message["rows"] == {"from": 7321, "to": 7321} and message["field"] == "type"
    assert partner_count(env) == before
    assert env.ref("__import__.bulk_0", raise_if_not_found=False) is None


def test_row_refused_by_the_database_among_ten_thousand_writes_nothing(env):
    env.company.strict_contact_checks = True
    before = partner_count(env)
    rows = [[f"Bulk {i}", f"bulk{i}@example.com"] for i in range(10_000)]
    rows[8888][1] = "bulk at example dot com"
    message = only_error(env["res.partner"].load(["name", "email"], rows))
    assert message["rows"] == {"from": 8888, "to": 8888} and message["field"] == "email"
    assert partner_count(env) == before


def test_dry_run_reports_every_bad_row(env):
    env.company.strict_contact_checks = True
    rows = [[f"Bulk {i}", f"bulk{i}@example.com"] for i in range(2500)]
    for bad in (10, 1500, 2400):
        rows[bad][1] = "broken address"
    result = env["res.partner"].load(["name", "email"], rows, dryrun=True)
    assert result["ids"] is False
    assert [m["rows"]["from"] for m in result["messages"]] == [10, 1500, 2400]


def test_user_without_create_right_gets_an_error_message(as_user):
    result = as_user("demo")["res.groups"].load(["name"], [["New group"]])
    assert result["ids"] is False
    assert result["messages"][0]["type"] == "error"


def test_column_names_must_be_texts(env):
    message = only_error(env["res.partner"].load(["name", 7], [["Ana", "x"]]))
    assert "7" in message["message"] and message["field"] is None


def test_reporting_stops_after_a_thousand_problems(env):
    result = env["res.partner"].load(["name", "type"], [[f"P{i}", "bogus"] for i in range(1500)])
    assert result["ids"] is False and len(result["messages"]) == 1001
    assert result["messages"][-1]["message"].startswith("Too many problems")
