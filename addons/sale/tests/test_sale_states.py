"""The life of an order: confirmed, sent, cancelled, back to quotation, locked; what each refuses."""

from __future__ import annotations

import pytest

from core.exceptions import UserError


def test_confirm_makes_an_order(env, make_order):
    order = make_order(("product_delivery_02", 1))
    assert order.action_confirm() is True
    assert order.state == "sale" and order.type_name == "Sales Order"


def test_confirming_without_products_is_refused(env, make_order):
    order = make_order({"display_type": "line_section", "name": "Empty"})
    with pytest.raises(UserError, match="Add a product"):
        order.action_confirm()
    assert order.state == "draft"


def test_cancel_and_back_to_quotation(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_confirm()
    order.action_cancel()
    assert order.state == "cancel"
    with pytest.raises(UserError, match="Only quotations"):
        order.action_confirm()
    order.action_draft()
    assert order.state == "draft"


def test_draft_only_from_cancel_or_sent(env, make_order):
    order = make_order(("product_delivery_02", 1))
    with pytest.raises(UserError, match="set back to quotation"):
        order.action_draft()


def test_confirmed_line_refuses_new_price_or_product(env, make_order):
    order = make_order(("product_delivery_02", 2))
    order.action_confirm()
    line = order.order_line
    with pytest.raises(UserError, match="Unit Price"):
        line.write({"price_unit": 1.0})
    with pytest.raises(UserError, match="Product"):
        line.write({"product_id": env.ref("product.product_mouse").id})
    with pytest.raises(UserError, match="Unit Price"):
        order.write({"order_line": [(1, line.id, {"price_unit": 2.0})]})
    assert (line.price_unit, line.product_id) == (120.0, env.ref("product.product_delivery_02"))


def test_confirmed_line_keeps_its_price_when_quantity_changes(env, make_order):
    order = make_order(("product_delivery_02", 1), partner="base.res_partner_1")
    order.action_confirm()
    order.order_line.write({"product_uom_qty": 20})
    assert order.order_line.price_unit == pytest.approx(101.99)
    assert order.amount_untaxed == pytest.approx(2039.8)


def test_confirmed_line_cannot_be_removed_but_lines_can_be_added(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_confirm()
    with pytest.raises(UserError, match="cannot be removed"):
        order.order_line.unlink()
    order.write({"order_line": [(0, 0, {"product_id": env.ref("product.product_installation").id})]})
    assert len(order.order_line) == 2


def test_locked_order_refuses_changes_until_unlocked(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_confirm()
    order.action_lock()
    with pytest.raises(UserError, match="locked"):
        order.write({"client_order_ref": "X"})
    with pytest.raises(UserError, match="locked"):
        order.order_line.write({"product_uom_qty": 3})
    with pytest.raises(UserError, match="locked"):
        order.action_cancel()
    order.action_unlock()
    order.write({"client_order_ref": "X"})
    assert order.client_order_ref == "X"


def test_only_confirmed_orders_lock(env, make_order):
    with pytest.raises(UserError, match="Only confirmed"):
        make_order(("product_delivery_02", 1)).action_lock()


def test_confirmed_orders_cannot_be_deleted(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_confirm()
    with pytest.raises(UserError, match="cancel"):
        order.unlink()
    order.action_cancel()
    order.unlink()
    assert not order.exists()


def test_send_emails_the_customer_and_marks_sent(env, make_order):
    order = make_order(("product_delivery_02", 2))
    order.action_quotation_send()
    assert order.state == "sent"
    mail = env["mail.mail"].search([("recipient_ids", "in", order.partner_id.ids)], order="id desc", limit=1)
    assert order.name in mail.subject
    assert "Office Chair" in mail.body_html and "290.40" in mail.body_html.replace(",", ".")
    message = order.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
    assert message.partner_ids == order.partner_id


def test_send_without_customer_email_is_refused(env, make_order):
    partner = env["res.partner"].create({"name": "No Mail"})
    order = env["sale.order"].create({"partner_id": partner.id})
    with pytest.raises(UserError, match="no email"):
        order.action_quotation_send()
    assert order.state == "draft"


def test_state_changes_are_tracked_in_the_chatter(env, make_order):
    order = make_order(("product_delivery_02", 1))
    order.action_confirm()
    tracked = order.message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field_id.name == "state")
    assert tracked


def test_salesperson_sees_own_orders_only(env, as_user, make_order):
    demo = env.ref("base.user_demo")
    demo.write({"groups_id": [(4, env.ref("sales_team.group_sale_salesman").id)]})
    mine = make_order(user_id=demo.id)
    other = make_order(user_id=env.ref("base.user_admin").id)
    visible = as_user("demo")["sale.order"].search([])
    assert mine in visible and other not in visible
