"""Deleting custom fields and models over RPC, as Odoo's scripts do: they go with their values, which are
saved first in a CSV file that ``load`` takes back (the way to undo the deletion)."""

from __future__ import annotations

import base64
import csv
import io
import xmlrpc.client

import pytest
import sqlalchemy as sa


def saved_csv(admin, domain):
    (row,) = admin("ir.attachment", "search_read", domain, fields=["name", "datas", "mimetype"])
    assert row["mimetype"] == "text/csv"
    return list(csv.reader(io.StringIO(base64.b64decode(row["datas"]).decode())))


def columns(server, table):
    return {column["name"] for column in sa.inspect(server.fresh_registry().engine).get_columns(table)}


def test_a_custom_field_with_values_deleted_over_xmlrpc_is_gone_and_saved(admin, server):
    partner_model = admin("ir.model", "search", [["model", "=", "res.partner"]])[0]
    field = admin("ir.model.fields", "create", {"model_id": partner_model, "name": "x_loyalty_level",
                                                "ttype": "selection", "selection": "[('gold', 'Gold')]"})
    gold = admin("res.partner", "create", {"name": "Gold customer", "x_loyalty_level": "gold"})
    assert admin("ir.model.fields", "unlink", [field]) is True
    assert "x_loyalty_level" not in admin("res.partner", "fields_get", [], attributes=["type"])
    assert "x_loyalty_level" not in columns(server, "res_partner")
    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("res.partner", "read", [gold], ["x_loyalty_level"])
    assert "Invalid field 'x_loyalty_level'" in error.value.faultString
    rows = saved_csv(admin, [["res_model", "=", "ir.model"], ["res_id", "=", partner_model],
                             ["name", "like", "res.partner.x_loyalty_level-"]])
    assert rows == [[".id", "x_loyalty_level"], [str(gold), "Gold"]]
    (line,) = admin("ir.schema.migration", "search_read", [["operation", "=", "save_values"],
                                                          ["column_name", "=", "x_loyalty_level"]],
                    fields=["name", "details"])
    assert "res_partner.x_loyalty_level: 1 rows saved" in line["name"] and "import" in line["details"]

    # undo: the same field again, then the file imported
    admin("ir.model.fields", "create", {"model_id": partner_model, "name": "x_loyalty_level",
                                        "ttype": "selection", "selection": "[('gold', 'Gold')]"})
    result = admin("res.partner", "load", rows[0], rows[1:])
    assert result["messages"] == [] and result["ids"] == [gold]
    assert admin("res.partner", "read", [gold], ["x_loyalty_level"])[0]["x_loyalty_level"] == "gold"


def test_a_custom_model_deleted_over_jsonrpc_comes_back_by_import(jsonrpc, server, admin):
    def call(model, method, *args, **kwargs):
        body = jsonrpc("object", "execute_kw", server.db, 2, "admin", model, method, list(args), kwargs)
        assert "error" not in body, body["error"]["data"]["message"]
        return body.get("result")

    model_id = call("ir.model", "create", {"name": "Inspection", "model": "x_inspection", "field_id": [
        (0, 0, {"name": "x_name", "ttype": "char"}),
        (0, 0, {"name": "x_done_on", "ttype": "date"})]})
    call("ir.model.fields", "create", {"model_id": model_id, "name": "x_previous_id", "ttype": "many2one",
                                       "relation": "x_inspection"})
    first = call("x_inspection", "create", {"x_name": "First", "x_done_on": "2026-02-01"})
    call("x_inspection", "create", {"x_name": "Second", "x_previous_id": first})
    assert call("ir.model", "unlink", [model_id]) is True
    assert "x_inspection" not in sa.inspect(server.fresh_registry().engine).get_table_names()
    (line,) = call("ir.schema.migration", "search_read", [["operation", "=", "save_rows"],
                                                         ["table_name", "=", "x_inspection"]], fields=["id"])
    rows = saved_csv(admin, [["res_model", "=", "ir.schema.migration"], ["res_id", "=", line["id"]]])

    model_id = call("ir.model", "create", {"name": "Inspection", "model": "x_inspection", "field_id": [
        (0, 0, {"name": "x_name", "ttype": "char"}),
        (0, 0, {"name": "x_done_on", "ttype": "date"})]})
    call("ir.model.fields", "create", {"model_id": model_id, "name": "x_previous_id", "ttype": "many2one",
                                       "relation": "x_inspection"})
    assert call("x_inspection", "load", rows[0], rows[1:])["messages"] == []
    found = call("x_inspection", "search_read", [], fields=["x_name", "x_done_on", "x_previous_id"],
                 order="x_name")
    assert [(r["x_name"], r["x_done_on"], r["x_previous_id"] and r["x_previous_id"][1]) for r in found] == [
        ("First", "2026-02-01", False), ("Second", False, "First")]
