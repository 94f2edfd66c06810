"""Invoices from sales orders: what is left to invoice, the invoicing status, the links both ways."""

from __future__ import annotations

import pytest

from core.exceptions import UserError


def invoice_orders(env, orders):
    wizard = (
        env["sale.advance.payment.inv"]
        .with_context(active_model="sale.order", active_ids=orders.ids)
        .create({"advance_payment_method": "delivered"})
    )
    action = wizard.create_invoices()
    return env["account.move"].browse(action.get("res_id") or action["domain"][0][2])


def test_confirmed_order_is_to_invoice(env, order):
    assert order.invoice_status == "to invoice"
    assert order.order_line.mapped("qty_to_invoice") == [2.0, 3.0]


def test_invoice_from_order_bills_its_lines(env, order):
    invoice = invoice_orders(env, order)
    assert invoice.move_type == "out_invoice" and invoice.state == "draft"
    assert invoice.invoice_origin == order.name and invoice.partner_id == order.partner_invoice_id
    assert (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total) == (
        order.amount_untaxed,
        order.amount_tax,
        order.amount_total,
    )
    products = invoice.line_ids.filtered(lambda ln: ln.display_type == "product")
    assert products.mapped("quantity") == [2.0, 3.0]
    assert order.order_line.mapped("qty_invoiced") == [2.0, 3.0]
    assert order.invoice_status == "invoiced" and order.invoice_count == 1 and order.invoice_ids == invoice
    assert invoice.sale_order_count == 1
    assert invoice.action_view_source_sale_orders()["res_id"] == order.id
    assert order.action_view_invoice()["res_id"] == invoice.id


def test_nothing_left_to_invoice_is_refused(env, order):
    invoice_orders(env, order)
    with pytest.raises(UserError, match="nothing to invoice"):
        invoice_orders(env, order)


def test_more_ordered_invoices_the_difference(env, order):
    invoice_orders(env, order).action_post()
    line = order.order_line[1]
    line.write({"product_uom_qty": 5})
    assert line.qty_to_invoice == 2.0 and order.invoice_status == "to invoice"
    second = invoice_orders(env, order)
    assert second.line_ids.filtered(lambda ln: ln.display_type == "product").quantity == 2.0
    assert order.invoice_count == 2


def test_cancelled_invoice_frees_the_quantities(env, order):
    invoice = invoice_orders(env, order)
    invoice.button_cancel()
    assert order.order_line.mapped("qty_invoiced") == [0.0, 0.0]
    assert order.invoice_status == "to invoice"


def test_delivery_policy_invoices_delivered_quantities(env, order):
    order.order_line[0].product_id.product_tmpl_id.invoice_policy = "delivery"
    assert order.order_line[0].qty_to_invoice == 0.0
    order.order_line[0].qty_delivered = 1.0
    invoice = invoice_orders(env, order)
    assert invoice.line_ids.filtered(lambda ln: ln.display_type == "product").mapped("quantity") == [1.0, 3.0]


def test_credit_note_counts_back(env, order):
    invoice = invoice_orders(env, order)
    invoice.action_post()
    reversal = env["account.move.reversal"].with_context(active_model="account.move", active_ids=invoice.ids)
    reversal.create({"reason": "Returned"}).reverse_moves()
    assert order.order_line.mapped("qty_invoiced") == [0.0, 0.0]
    assert order.invoice_status == "to invoice" and order.invoice_count == 2


def test_quotations_cannot_be_invoiced(env):
    quotation = env["sale.order"].create(
        {
            "partner_id": env.ref("base.res_partner_2").id,
            "order_line": [(0, 0, {"product_id": env.ref("product.product_book").id})],
        }
    )
    with pytest.raises(UserError, match="Only confirmed sales orders"):
        invoice_orders(env, quotation)
