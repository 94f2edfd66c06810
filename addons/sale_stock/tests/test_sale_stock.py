"""From a confirmed order to its delivery and back: the delivery made on confirmation, quantities
delivered (in full, in part with a backorder), cancellation, and services that do not move."""

from __future__ import annotations


def test_confirming_an_order_creates_its_reserved_delivery(env, make_product, make_order):
    desk, chair = make_product("Desk", stock=5), make_product("Chair", stock=1)
    order = make_order((desk, 2), (chair, 3))
    assert not order.picking_ids and order.delivery_count == 0
    order.action_confirm()
    assert order.delivery_count == 1
    delivery = order.picking_ids
    assert delivery.sale_id == order and delivery.origin == order.name
    assert delivery.picking_type_id == env.ref("stock.warehouse0").out_type_id
    assert delivery.partner_id == order.partner_shipping_id
    assert delivery.state == "assigned"
    moves = {m.product_id: m for m in delivery.move_ids}
    assert moves[desk].quantity == 2 and moves[chair].quantity == 1 and moves[chair].product_uom_qty == 3
    assert {m.sale_line_id for m in delivery.move_ids} == set(order.order_line)


def test_services_make_no_move(env, make_product, make_order):
    service = make_product("Installation", type="service")
    order = make_order((service, 4))
    order.action_confirm()
    assert order.state == "sale" and not order.picking_ids
    order.order_line.write({"qty_delivered": 4})  # services are delivered by hand
    assert order.order_line.qty_delivered == 4


def test_validating_the_delivery_sets_qty_delivered(env, make_product, make_order):
    desk = make_product("Desk", stock=5)
    order = make_order((desk, 2))
    order.action_confirm()
    assert order.order_line.qty_delivered == 0
    assert order.picking_ids.button_validate() is True
    assert order.order_line.qty_delivered == 2
    assert desk.qty_available == 3


def test_partial_delivery_with_backorder_then_the_rest(env, make_product, make_order):
    desk = make_product("Desk", stock=10)
    order = make_order((desk, 5))
    order.action_confirm()
    delivery = order.picking_ids
    delivery.move_ids.write({"quantity": 3})
    action = delivery.button_validate()
    env["stock.backorder.confirmation"].browse(action["res_id"]).process()
    assert order.order_line.qty_delivered == 3
    assert order.delivery_count == 2
    backorder = order.picking_ids - delivery
    assert backorder.backorder_id == delivery and backorder.sale_id == order
    assert backorder.move_ids.sale_line_id == order.order_line
    backorder.button_validate()
    assert order.order_line.qty_delivered == 5


def test_delivered_quantity_of_a_locked_order_still_follows_its_delivery(env, make_product, make_order):
    desk = make_product("Desk", stock=10)
    order = make_order((desk, 2))
    order.action_confirm()
    order.action_lock()
    order.picking_ids.button_validate()
    assert order.order_line.qty_delivered == 2


def test_cancelling_the_order_cancels_its_open_deliveries(env, make_product, make_order):
    desk = make_product("Desk", stock=10)
    order = make_order((desk, 5))
    order.action_confirm()
    delivery = order.picking_ids
    delivery.move_ids.write({"quantity": 2})
    env["stock.backorder.confirmation"].browse(delivery.button_validate()["res_id"]).process()
    order.action_cancel()
    states = {p.id: p.state for p in order.picking_ids}
    assert states[delivery.id] == "done"
    assert sorted(states.values()) == ["cancel", "done"]
    assert desk.with_context(location=env.ref("stock.warehouse0").lot_stock_id.id).qty_available == 8
    quant = env["stock.quant"].search([("product_id", "=", desk.id)])
    assert quant.reserved_quantity == 0


def test_smart_buttons_both_ways(env, make_product, make_order):
    desk = make_product("Desk", stock=10)
    order = make_order((desk, 5))
    order.action_confirm()
    action = order.action_view_delivery()
    assert action["res_model"] == "stock.picking" and action["res_id"] == order.picking_ids.id
    delivery = order.picking_ids
    delivery.move_ids.write({"quantity": 1})
    env["stock.backorder.confirmation"].browse(delivery.button_validate()["res_id"]).process()
    action = order.action_view_delivery()
    assert action["domain"] == [("id", "in", order.picking_ids.ids)] and len(order.picking_ids) == 2
    back = delivery.action_view_sale_order()
    assert back["res_model"] == "sale.order" and back["res_id"] == order.id


def test_demo_confirmed_orders_have_deliveries(env):
    orders = env["sale.order"].search([("state", "=", "sale")])
    with_goods = orders.filtered(
        lambda o: any(line.product_id.type in ("product", "consu") for line in o.order_line)
    )
    assert with_goods and all(o.picking_ids for o in with_goods)
    assert any(line.qty_delivered > 0 for line in with_goods.mapped("order_line"))


def test_a_salesperson_confirms_and_cancels_with_deliveries(env, as_user, make_product, make_order):
    desk = make_product("Desk", stock=5)
    demo = env.ref("base.user_demo")
    demo.write({"groups_id": [(4, env.ref("sales_team.group_sale_salesman").id)]})
    order = make_order((desk, 2), user_id=demo.id)
    mine = as_user("demo")["sale.order"].browse(order.id)
    mine.action_confirm()
    assert mine.delivery_count == 1 and mine.picking_ids.state == "assigned"
    mine.action_cancel()
    assert order.picking_ids.state == "cancel"


def test_returning_part_of_a_delivery_lowers_the_delivered_quantity(env, make_product, make_order):
    desk = make_product("Desk", stock=10)
    order = make_order((desk, 5))
    order.action_confirm()
    delivery = order.picking_ids
    delivery.button_validate()
    assert order.order_line.qty_delivered == 5
    wizard = env["stock.return.picking"].browse(delivery.action_open_returns()["res_id"])
    wizard.product_return_moves.write({"quantity": 2})
    back = env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
    assert back.sale_id == order and back.move_ids.sale_line_id == order.order_line
    assert order.order_line.qty_delivered == 5  # until the goods are back
    back.button_validate()
    assert order.order_line.qty_delivered == 3
    assert order.delivery_count == 2


def test_an_order_of_another_company_ships_from_that_company_warehouse(env, make_product, make_order):
    company = env["res.company"].create({"name": "Pampa Goods"})
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)])
    desk = make_product("Desk", stock=10)  # in the first company's warehouse only
    order = make_order((desk, 2), company_id=company.id, warehouse_id=warehouse.id)
    order.action_confirm()
    delivery = order.picking_ids
    assert delivery.company_id == company and delivery.picking_type_id == warehouse.out_type_id
    assert delivery.location_id == warehouse.lot_stock_id
    assert delivery.move_ids.reserved_quantity == 0  # the first company's desks are not theirs
