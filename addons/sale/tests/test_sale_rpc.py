"""Quotations over XML-RPC as Odoo scripts write them: lines priced by the server, totals,
confirmation, and the refusals as faults that change nothing."""
from __future__ import annotations

import xmlrpc.client

import pytest


def ref(admin, xmlid: str) -> int:
    return admin("ir.model.data", "xmlid_to_res_id", xmlid)


def test_script_creates_and_confirms_an_order(admin):
    chair, book = ref(admin, "product.product_delivery_02"), ref(admin, "product.product_book")
    order_id = admin("sale.order", "create", {
        "partner_id": ref(admin, "base.res_partner_2"),
        "order_line": [(0, 0, {"product_id": chair, "product_uom_qty": 2}),
                       (0, 0, {"product_id": book, "product_uom_qty": 3, "discount": 10})],
    })
    [order] = admin("sale.order", "read", [order_id], ["name", "state", "amount_untaxed", "amount_tax",
                                                        "amount_total", "pricelist_id", "order_line"])
    assert order["name"].startswith("S") and order["state"] == "draft"
    assert (order["amount_untaxed"], order["amount_tax"], order["amount_total"]) == (307.5, 53.1, 360.6)
    assert order["pricelist_id"][1] == "Public Pricelist"
    lines = admin("sale.order.line", "read", order["order_line"], ["price_unit", "tax_id", "price_subtotal"])
    assert [(line["price_unit"], line["price_subtotal"]) for line in lines] == [(120.0, 240.0), (25.0, 67.5)]
    assert admin("sale.order", "action_confirm", [order_id]) is True
    assert admin("sale.order", "read", [order_id], ["state"])[0]["state"] == "sale"


def test_confirmed_price_change_is_a_user_error_fault(admin):
    order_id = admin("sale.order", "create", {
        "partner_id": ref(admin, "base.res_partner_2"),
        "order_line": [(0, 0, {"product_id": ref(admin, "product.product_mouse"), "product_uom_qty": 1})],
    })
    admin("sale.order", "action_confirm", [order_id])
    line_id = admin("sale.order", "read", [order_id], ["order_line"])[0]["order_line"][0]
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("sale.order", "write", [order_id], {"order_line": [(1, line_id, {"price_unit": 1.0})]})
    assert caught.value.faultCode == 2 and "Unit Price" in caught.value.faultString
    assert admin("sale.order.line", "read", [line_id], ["price_unit"])[0]["price_unit"] == 29.0


def test_lock_and_cancel_over_rpc(admin):
    order_id = admin("sale.order", "create", {
        "partner_id": ref(admin, "base.res_partner_2"),
        "order_line": [(0, 0, {"product_id": ref(admin, "product.product_mouse")})],
    })
    admin("sale.order", "action_confirm", [order_id])
    assert admin("sale.order", "action_lock", [order_id]) is True
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("sale.order", "action_cancel", [order_id])
    assert caught.value.faultCode == 2 and "locked" in caught.value.faultString
    admin("sale.order", "action_unlock", [order_id])
    assert admin("sale.order", "action_cancel", [order_id]) is True


def test_pricelist_and_tax_computation_are_private(admin):
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("product.pricelist", "_get_product_price", [1], 1, 1.0)
    assert caught.value.faultCode == 4
    result = admin("account.tax", "compute_all", [ref(admin, "account_tax.tax_iva_21")], 100.0, False, 2.0)
    assert (result["total_excluded"], result["total_included"]) == (200.0, 242.0)
