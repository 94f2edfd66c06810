"""load, export_data, name_create and copy over XML-RPC and JSON-RPC, as ETL scripts call them."""
from __future__ import annotations

import re
import uuid

import pytest

from tests.exchange.rpc_client import RpcFault, is_user_error


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def test_load_answers_odoos_shape(rpc):
    result = rpc("res.partner", "load", ["name", "email"], [["Ana Ruiz", "ana@example.com"]])
    assert set(result) == {"ids", "messages", "nextrow"}
    assert result["messages"] == [] and result["nextrow"] == 0 and len(result["ids"]) == 1


def test_same_load_twice_updates_instead_of_duplicating(rpc):
    key = unique("ana")
    columns = ["id", "name", "email", "category_id/id"]
    first = rpc("res.partner", "load", columns, [[key, "Ana Ruiz", "ana@example.com",
                                                  "base.res_partner_category_customer"]])
    second = rpc("res.partner", "load", columns, [[key, "Ana Ruiz", "ana.ruiz@example.com",
                                                   "base.res_partner_category_customer"]])
    assert second["ids"] == first["ids"]
    assert rpc("res.partner", "search_count", [("name", "=", "Ana Ruiz"), ("id", "in", first["ids"])]) == 1
    assert rpc("res.partner", "read", first["ids"], ["email"])[0]["email"] == "ana.ruiz@example.com"


def test_one_bad_row_in_ten_thousand_writes_nothing(rpc):
    tag = unique("bulk")
    rows = [[f"{tag}_{i}", f"{tag} {i}", "contact"] for i in range(10_000)]
    rows[6543][2] = "bogus"
    result = rpc("res.partner", "load", ["id", "name", "type"], rows)
    assert result["ids"] is False
    assert result["messages"] == [{"type": "error", "field": "type", "field_name": "Address Type",
                                   "record": 6543, "rows": {"from": 6543, "to": 6543},
                                   "message": "Value 'bogus' not found in selection field 'Address Type'",
                                   "moreinfo": ["Contact", "Invoice Address", "Delivery Address",
                                                "Other Address", "Private Address"]}]
    assert rpc("res.partner", "search_count", [("name", "like", tag)]) == 0


def test_reference_not_found_tells_where_to_look_like_odoo(rpc):
    result = rpc("res.partner", "load", ["name", "parent_id/id", "country_id"],
                 [[unique("ref"), "base.no_such_partner", "Spain"], [unique("ref"), "", "Atlantis"]])
    assert result["ids"] is False
    by_row = {message["record"]: message for message in result["messages"]}
    assert by_row[0]["field"] == "parent_id" and by_row[0]["field_name"] == "Related Company"
    assert by_row[0]["moreinfo"]["res_model"] == "ir.model.data"
    assert by_row[0]["moreinfo"]["domain"] == [["model", "=", "res.partner"]]
    assert by_row[1]["field_name"] == "Country" and by_row[1]["moreinfo"]["res_model"] == "res.country"
    assert by_row[1]["moreinfo"]["type"] == "ir.actions.act_window"


def test_message_without_more_information_still_has_the_keys(rpc):
    result = rpc("res.partner", "load", ["name", "type"], [["", "contact"]])
    assert result["ids"] is False
    message = result["messages"][0]
    assert (message["field"], message["field_name"], message["moreinfo"]) == ("name", "Name", False)
    assert "needs a name" in message["message"]


def test_dry_run_from_the_context_writes_nothing(rpc):
    name = unique("dry")
    result = rpc("res.partner", "load", ["name"], [[name]], context={"import_dryrun": True})
    assert result["messages"] == []
    assert rpc("res.partner", "search_count", [("name", "=", name)]) == 0


def test_unknown_column_is_a_message_not_a_fault(rpc):
    result = rpc("res.partner", "load", ["name", "shoe_size"], [["Ana", "38"]])
    assert result["ids"] is False and result["messages"][0]["field"] == "shoe_size"


def test_export_data_paths(rpc):
    company = rpc("res.partner", "create", {"name": unique("Acme"), "is_company": True})
    contact = rpc("res.partner", "create", {"name": "Ana", "parent_id": company})
    datas = rpc("res.partner", "export_data", [contact], ["id", "name", "parent_id", "parent_id/id", ".id",
                                                          "category_id/id", "email"])["datas"]
    (xmlid, name, parent, parent_xmlid, dbid, tags, email), = datas
    assert re.fullmatch(rf"__export__\.res_partner_{contact}_[0-9a-f]{{8}}", xmlid)
    assert re.fullmatch(rf"__export__\.res_partner_{company}_[0-9a-f]{{8}}", parent_xmlid)
    assert (name, dbid, tags, email) == ("Ana", str(contact), "", "")
    assert parent.endswith("Acme") is False and parent.startswith("Acme")
    again = rpc("res.partner", "export_data", [contact], ["id", "parent_id/id"])["datas"]
    assert again == [[xmlid, parent_xmlid]]


def test_export_then_load_updates_the_same_records(rpc):
    partner = rpc("res.partner", "create", {"name": unique("Round"), "city": "Sevilla"})
    fields = ["id", "name", "city"]
    datas = rpc("res.partner", "export_data", [partner], fields)["datas"]
    datas[0][2] = "Cádiz"
    result = rpc("res.partner", "load", fields, datas)
    assert result["ids"] == [partner]
    assert rpc("res.partner", "read", [partner], ["city"])[0]["city"] == "Cádiz"


def test_name_create_fills_name_and_email(rpc):
    email = f"{unique('ana')}@example.com"
    record_id, display_name = rpc("res.partner", "name_create", f"Ana Ruiz <{email}>")
    assert display_name == "Ana Ruiz"
    assert rpc("res.partner", "read", [record_id], ["name", "email"])[0]["email"] == email


def test_copy_names_a_partner_copy(rpc):
    partner = rpc("res.partner", "create", {"name": "Copied Ltd", "email": "info@copied.example"})
    duplicate = rpc("res.partner", "copy", partner)
    assert rpc("res.partner", "read", [duplicate], ["name", "email"])[0] == {
        "id": duplicate, "name": "Copied Ltd (copy)", "email": "info@copied.example"}


def test_copy_with_default_values(rpc):
    partner = rpc("res.partner", "create", {"name": "Copied Ltd"})
    duplicate = rpc("res.partner", "copy", partner, {"name": "Other Ltd", "city": "Bilbao"})
    assert rpc("res.partner", "read", [duplicate], ["name", "city"])[0]["city"] == "Bilbao"


def test_export_data_of_an_unknown_field_is_a_user_fault(rpc):
    with pytest.raises(RpcFault) as caught:
        rpc("res.partner", "export_data", [1], ["name", "no_such_field"])
    assert is_user_error(caught.value) and "no_such_field" in caught.value.message


def test_load_messages_speak_the_users_language(rpc):
    result = rpc("res.partner", "load", ["name", "type"], [["Ana", "bogus"]], context={"lang": "es_ES"})
    message = result["messages"][0]["message"]
    assert message.startswith("No se encontró el valor 'bogus' en el campo de selección")


def test_partner_copy_is_named_in_the_users_language(rpc):
    partner = rpc("res.partner", "create", {"name": "Copiada SL"})
    duplicate = rpc("res.partner", "copy", partner, context={"lang": "es_ES"})
    assert rpc("res.partner", "read", [duplicate], ["name"])[0]["name"] == "Copiada SL (copia)"
