"""Inventory adjustments: a counted quantity, applied, becomes the stock."""

from __future__ import annotations

import pytest

from core.exceptions import AccessError, UserError


def test_counted_quantity_applied_becomes_the_stock(env, warehouse, make_product):
    desk = make_product("Desk", stock=10)
    Quant = env["stock.quant"].with_context(inventory_mode=True)
    quant = Quant.create(
        {"product_id": desk.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": 7}
    )
    assert quant.inventory_quantity_set and quant.inventory_diff_quantity == -3
    assert desk.qty_available == 10  # nothing changes before applying
    quant.action_apply_inventory()
    assert quant.quantity == 7 and not quant.inventory_quantity_set
    loss = env.ref("stock.stock_location_inventory")
    move = env["stock.move"].search([("product_id", "=", desk.id), ("location_dest_id", "=", loss.id)])
    assert move.state == "done" and move.quantity == 3


def test_counting_more_than_the_stock_moves_it_from_inventory_loss(env, warehouse, make_product):
    desk = make_product("Desk", stock=2)
    quant = env["stock.quant"].search([("product_id", "=", desk.id)])
    quant.write({"inventory_quantity": 9})
    quant.action_apply_inventory()
    assert desk.qty_available == 9


def test_apply_without_a_count_is_refused(env, make_product):
    desk = make_product("Desk", stock=2)
    quant = env["stock.quant"].search([("product_id", "=", desk.id)])
    with pytest.raises(UserError, match="Set a counted quantity"):
        quant.action_apply_inventory()


def test_counting_in_a_customer_location_is_refused(env, make_product):
    desk = make_product("Desk")
    with pytest.raises(UserError, match="internal locations only"):
        env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": desk.id,
                "location_id": env.ref("stock.stock_location_customers").id,
                "inventory_quantity": 3,
            }
        )


def test_demo_warehouse_has_stock_and_transfers_in_several_states(env):
    states = set(env["stock.picking"].search([]).mapped("state"))
    assert {"draft", "assigned", "done", "cancel"} <= states
    storable = env["product.product"].search([("type", "=", "product")])
    assert len(storable.filtered(lambda p: p.qty_available > 0)) >= 10


def test_stock_quantities_cannot_be_typed_in(env, as_user, warehouse, make_product):
    desk = make_product("Desk", stock=2)
    user = env["res.users"].create(
        {
            "name": "Stock Clerk",
            "login": "stock_clerk",
            "groups_id": [(6, 0, [env.ref("stock.group_stock_user").id])],
        }
    )
    Quant = as_user(user.login)["stock.quant"]
    with pytest.raises(AccessError, match="change through transfers"):
        Quant.create({"product_id": desk.id, "location_id": warehouse.lot_stock_id.id, "quantity": 50})
    quant = Quant.search([("product_id", "=", desk.id)])
    with pytest.raises(AccessError, match="change through transfers"):
        quant.write({"quantity": 50})
    quant.write({"inventory_quantity": 5})  # a clerk counts...
    with pytest.raises(AccessError, match="Only inventory administrators"):
        quant.action_apply_inventory()  # ...an administrator applies
    assert desk.qty_available == 2
