"""action_archive / action_unarchive over XML-RPC and JSON-RPC: True, as scripts expect from Odoo."""

from __future__ import annotations

import xmlrpc.client

import pytest


def test_archive_and_unarchive_over_xmlrpc(admin):
    pid = admin("res.partner", "create", {"name": "Archived over XML-RPC"})
    assert admin("res.partner", "action_archive", [pid]) is True
    assert admin("res.partner", "search", [["id", "=", pid]]) == []
    assert admin("res.partner", "read", [pid], ["active"])[0]["active"] is False
    assert admin("res.partner", "action_unarchive", [pid]) is True
    assert admin("res.partner", "search", [["id", "=", pid]]) == [pid]


def test_archive_over_jsonrpc(jsonrpc, server):
    def call(method, *args):
        model = "res.partner.category"
        return jsonrpc("object", "execute_kw", server.db, 2, "admin", model, method, list(args))

    tag = call("create", {"name": "Archived over JSON-RPC"})["result"]
    assert call("action_archive", [tag])["result"] is True
    assert call("search_count", [["id", "=", tag]])["result"] == 0
    assert call("toggle_active", [tag])["result"] is True
    assert call("search_count", [["id", "=", tag]])["result"] == 1


def test_archiving_a_lead_marks_it_lost(admin):
    lead = admin("crm.lead", "create", {"name": "Archived lead", "probability": 40})
    assert admin("crm.lead", "action_archive", [lead]) is True
    row = admin("crm.lead", "read", [lead], ["active", "probability"])[0]
    assert (row["active"], row["probability"]) == (False, 0)
    assert admin("crm.lead", "action_unarchive", [lead]) is True
    assert admin("crm.lead", "read", [lead], ["active"])[0]["active"] is True


def test_a_model_without_active_is_refused_with_fault_2(admin):
    country = admin("res.country", "search", [], limit=1)
    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("res.country", "action_archive", country)
    assert error.value.faultCode == 2
    assert "res.country records cannot be archived" in error.value.faultString


def test_archiving_deleted_records_is_fault_2(admin):
    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("res.partner", "action_archive", [999999])
    assert error.value.faultCode == 2
