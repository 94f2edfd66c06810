"""An Odoo script over XML-RPC: create an order, confirm it, read its deliveries, reserve, set the
quantity, validate, and read the delivered quantity, with Odoo's names."""

from __future__ import annotations

import xmlrpc.client

import pytest


def ref(admin, xmlid: str) -> int:
    return admin("ir.model.data", "xmlid_to_res_id", xmlid)


def test_script_delivers_an_order(admin):
    product_id = admin(
        "product.product", "create", {"name": "RPC Desk", "detailed_type": "product", "list_price": 100}
    )
    stock_id = admin("stock.warehouse", "read", [ref(admin, "stock.warehouse0")], ["lot_stock_id"])[0][
        "lot_stock_id"
    ][0]
    quant_id = admin(
        "stock.quant",
        "create",
        {"product_id": product_id, "location_id": stock_id, "inventory_quantity": 4},
        context={"inventory_mode": True},
    )
    admin("stock.quant", "action_apply_inventory", [quant_id])
    assert admin("product.product", "read", [product_id], ["qty_available"])[0]["qty_available"] == 4
    order_id = admin(
        "sale.order",
        "create",
        {
            "partner_id": ref(admin, "base.res_partner_2"),
            "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 3})],
        },
    )
    assert admin("sale.order", "action_confirm", [order_id]) is True
    [order] = admin("sale.order", "read", [order_id], ["picking_ids", "delivery_count", "order_line"])
    assert order["delivery_count"] == 1
    picking_id = order["picking_ids"][0]
    assert admin("stock.picking", "action_assign", [picking_id]) is True
    [picking] = admin("stock.picking", "read", [picking_id], ["state", "move_ids", "origin", "sale_id"])
    assert picking["state"] == "assigned" and picking["sale_id"][0] == order_id
    [move] = admin(
        "stock.move",
        "read",
        picking["move_ids"],
        ["product_uom_qty", "quantity", "state", "location_id", "location_dest_id"],
    )
    assert (move["product_uom_qty"], move["quantity"], move["state"]) == (3.0, 3.0, "assigned")
    admin("stock.move", "write", picking["move_ids"], {"quantity": 2, "picked": True})
    wizard = admin("stock.picking", "button_validate", [picking_id])
    assert wizard["res_model"] == "stock.backorder.confirmation"
    assert admin("stock.backorder.confirmation", "process", [wizard["res_id"]]) is True
    line = admin("sale.order.line", "read", order["order_line"], ["qty_delivered"])[0]
    assert line["qty_delivered"] == 2.0
    [order] = admin("sale.order", "read", [order_id], ["picking_ids", "delivery_count"])
    assert order["delivery_count"] == 2
    states = sorted(p["state"] for p in admin("stock.picking", "read", order["picking_ids"], ["state"]))
    assert states == ["assigned", "done"]


def test_negative_stock_is_a_user_error_fault(admin):
    product_id = admin("product.product", "create", {"name": "RPC Lamp", "detailed_type": "product"})
    order_id = admin(
        "sale.order",
        "create",
        {
            "partner_id": ref(admin, "base.res_partner_2"),
            "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 1})],
        },
    )
    admin("sale.order", "action_confirm", [order_id])
    picking_id = admin("sale.order", "read", [order_id], ["picking_ids"])[0]["picking_ids"][0]
    move_ids = admin("stock.picking", "read", [picking_id], ["move_ids"])[0]["move_ids"]
    admin("stock.move", "write", move_ids, {"quantity": 1})
    with pytest.raises(xmlrpc.client.Fault) as caught:
        admin("stock.picking", "button_validate", [picking_id])
    assert caught.value.faultCode == 2 and "Not enough RPC Lamp" in caught.value.faultString
    assert admin("stock.picking", "read", [picking_id], ["state"])[0]["state"] != "done"
