"""Down payments: a percentage or a fixed amount invoiced in advance, deducted on the final invoice."""

from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def invoice(env, order, method, **values):
    wizard = (
        env["sale.advance.payment.inv"]
        .with_context(active_model="sale.order", active_ids=order.ids)
        .create({"advance_payment_method": method, **values})
    )
    action = wizard.create_invoices()
    return env["account.move"].browse(action.get("res_id") or action["domain"][0][2])


def test_percentage_down_payment_then_final_invoice_deducts_it(env, order):
    down = invoice(env, order, "percentage", amount=30.0)
    assert down.move_type == "out_invoice" and down.invoice_origin == order.name
    assert down.amount_untaxed == pytest.approx(round(order.amount_untaxed * 0.3, 2), abs=0.02)
    assert down.amount_total == pytest.approx(order.amount_total * 0.3, abs=0.02)
    deposit = order.order_line.filtered("is_downpayment")
    assert deposit and deposit.mapped("qty_invoiced") == [1.0] * len(deposit)
    assert deposit.mapped("product_uom_qty") == [0.0] * len(deposit)
    down.action_post()
    assert order.invoice_status == "to invoice" and order.invoice_ids == down
    final = invoice(env, order, "delivered")
    deducted = final.invoice_line_ids.filtered(lambda ln: ln.sale_line_ids.is_downpayment)
    assert deducted.mapped("quantity") == [-1.0] * len(deposit)
    assert final.amount_total == pytest.approx(order.amount_total - down.amount_total, abs=0.01)
    assert order.invoice_status == "invoiced" and len(order.invoice_ids) == 2
    assert deposit.mapped("qty_invoiced") == [0.0] * len(deposit)


def test_fixed_down_payment_is_taxes_included(env, order):
    down = invoice(env, order, "fixed", fixed_amount=round(order.amount_total / 2, 2))
    assert down.amount_total == pytest.approx(order.amount_total / 2, abs=0.02)
    final = invoice(env, order, "delivered")
    assert down.amount_total + final.amount_total == pytest.approx(order.amount_total, abs=0.01)


def test_bad_down_payment_amounts_are_refused(env, order):
    before = len(order.order_line)
    with pytest.raises(ValidationError) as error:
        invoice(env, order, "percentage", amount=0.0)
    assert error.value.field == "amount"
    with pytest.raises(ValidationError) as error:
        invoice(env, order, "percentage", amount=120.0)
    assert error.value.field == "amount"
    with pytest.raises(ValidationError) as error:
        invoice(env, order, "fixed", fixed_amount=order.amount_total + 1)
    assert error.value.field == "fixed_amount"
    assert len(order.order_line) == before
