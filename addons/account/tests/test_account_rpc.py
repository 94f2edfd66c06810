"""Invoicing over XML-RPC as Odoo scripts do it: create, post, pay; posted entries refuse changes
with a fault that changes nothing."""

from __future__ import annotations

import base64
import xmlrpc.client

import pytest


def ref(admin, xmlid: str) -> int:
    return admin("ir.model.data", "xmlid_to_res_id", xmlid)


@pytest.fixture
def posted_id(admin):
    move_id = admin(
        "account.move",
        "create",
        {
            "move_type": "out_invoice",
            "partner_id": ref(admin, "base.res_partner_2"),
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": "Consulting",
                        "price_unit": 100.0,
                        "quantity": 2,
                        "tax_ids": [(6, 0, [ref(admin, "account_tax.tax_iva_21")])],
                    },
                )
            ],
        },
    )
    assert admin("account.move", "action_post", [move_id]) is False
    return move_id


def test_script_invoices_and_gets_paid(admin, posted_id):
    [move] = admin(
        "account.move", "read", [posted_id], ["name", "state", "amount_total", "payment_state", "line_ids"]
    )
    assert move["name"].startswith("INV/") and move["state"] == "posted" and move["amount_total"] == 242.0
    lines = admin("account.move.line", "read", move["line_ids"], ["debit", "credit", "display_type"])
    assert sum(line["debit"] for line in lines) == sum(line["credit"] for line in lines) == 242.0
    wizard_id = admin(
        "account.payment.register",
        "create",
        {"amount": 242.0},
        context={"active_model": "account.move", "active_ids": [posted_id]},
    )
    admin("account.payment.register", "action_create_payments", [wizard_id])
    [move] = admin("account.move", "read", [posted_id], ["payment_state", "amount_residual"])
    assert (move["payment_state"], move["amount_residual"]) == ("in_payment", 0.0)


def test_posted_entry_refuses_write_and_unlink_over_rpc(admin, posted_id):
    line_ids = admin("account.move", "read", [posted_id], ["line_ids"])[0]["line_ids"]
    for method, args in [("write", [[posted_id], {"ref": "x"}]), ("unlink", [[posted_id]])]:
        with pytest.raises(xmlrpc.client.Fault) as caught:
            admin("account.move", method, *args)
        assert caught.value.faultCode == 2 and "is posted" in caught.value.faultString
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("account.move.line", "write", [line_ids[0]], {"debit": 1.0, "credit": 0.0})
    assert caught.value.faultCode == 2 and "is posted" in caught.value.faultString
    [move] = admin("account.move", "read", [posted_id], ["ref", "amount_total", "state"])
    assert (move["ref"], move["amount_total"], move["state"]) == (False, 242.0, "posted")


def test_internal_helpers_are_not_callable(admin, posted_id):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("account.move", "_account_sync_lines", [posted_id])
    assert caught.value.faultCode == 4


def test_example_script_runs_against_the_server(server):
    from addons.account.examples.xmlrpc_invoice import run

    invoice = run(server.base, server.db, "admin", "admin")
    assert invoice["state"] == "posted" and invoice["payment_state"] == "in_payment"
    assert invoice["name"].startswith("INV/") and invoice["amount_untaxed"] == 200.0
    assert invoice["amount_total"] == round(200.0 + invoice["amount_tax"], 2)


def test_posted_entry_refuses_changes_over_jsonrpc(jsonrpc, server, posted_id):
    body = jsonrpc("object", "execute_kw", server.db, 2, "admin", "account.move", "unlink", [[posted_id]])
    assert body["error"]["data"]["name"] == "odoo.exceptions.UserError"
    assert "is posted" in body["error"]["data"]["message"]
    body = jsonrpc(
        "object", "execute_kw", server.db, 2, "admin", "account.move", "read", [[posted_id], ["state"]]
    )
    assert body["result"][0]["state"] == "posted"


def test_script_imports_a_bank_statement_and_reconciles_it(admin, posted_id):
    [move] = admin("account.move", "read", [posted_id], ["payment_reference", "amount_total"])
    csv = f"date,label,amount\n2026-06-03,Pago {move['payment_reference']},{move['amount_total']}\n"
    wizard = admin(
        "account.bank.statement.import", "create", {"data_file": base64.b64encode(csv.encode()).decode()}
    )
    action = admin("account.bank.statement.import", "action_import", [wizard])
    [statement] = admin("account.bank.statement", "read", [action["res_id"]], ["line_ids"])
    [line] = admin(
        "account.bank.statement.line", "read", statement["line_ids"], ["counterpart_line_ids", "match_reason"]
    )
    assert line["counterpart_line_ids"] and move["payment_reference"] in line["match_reason"]
    assert admin("account.bank.statement.line", "action_reconcile", statement["line_ids"]) is True
    [move] = admin("account.move", "read", [posted_id], ["payment_state"])
    assert move["payment_state"] == "paid"
    bad = admin(
        "account.bank.statement.import",
        "create",
        {"data_file": base64.b64encode(b"date,label,amount\n2026-06-03,x,\n").decode()},
    )
    with pytest.raises(xmlrpc.client.Fault) as fault:
        admin("account.bank.statement.import", "action_import", [bad])
    assert "Line 2" in fault.value.faultString
