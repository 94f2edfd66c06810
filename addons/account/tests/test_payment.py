"""Payments registered on invoices and bills: partial then full, reconciliation, residuals."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import UserError, ValidationError


def register(env, moves, **values):
    wizard = env["account.payment.register"].with_context(active_model="account.move", active_ids=moves.ids)
    return wizard.create(values)


@pytest.fixture
def invoice(env, make_invoice):
    return make_invoice((100.0, 1, env.ref("account_tax.tax_iva_21")), post=True)


def test_wizard_proposes_the_amount_due(env, invoice):
    defaults = (
        env["account.payment.register"]
        .with_context(active_model="account.move", active_ids=invoice.ids)
        .default_get(None)
    )
    assert defaults["amount"] == 121.0 and defaults["payment_type"] == "inbound"
    assert defaults["partner_type"] == "customer" and defaults["communication"] == invoice.name
    assert env["account.journal"].browse(defaults["journal_id"]).type == "bank"


def test_partial_then_full_payment(env, invoice, chart):
    action = register(env, invoice, amount=50.0, payment_date=dt.date(2026, 6, 1)).action_create_payments()
    payment = env["account.payment"].browse(action["res_id"])
    assert payment.state == "posted" and payment.move_id.state == "posted"
    assert payment.move_id.name.startswith("BNK1/")
    assert (invoice.payment_state, invoice.amount_residual) == ("partial", 71.0)
    assert payment.reconciled_invoice_ids == invoice
    bank = payment.move_id.line_ids.filtered(lambda ln: ln.account_id == chart("outstanding_receipts"))
    assert bank.debit == 50.0  # the outstanding receipts wait for the bank line
    register(env, invoice).action_create_payments()
    assert (invoice.payment_state, invoice.amount_residual) == ("in_payment", 0.0)
    receivable = invoice.line_ids.filtered(lambda ln: ln.display_type == "payment_term")
    assert receivable.reconciled and receivable.amount_residual == 0.0
    partials = receivable.matched_credit_ids
    assert sorted(partials.mapped("amount")) == [50.0, 71.0]


def test_vendor_bill_payment_goes_out(env, make_invoice):
    bill = make_invoice((300.0, 1, None), move_type="in_invoice", post=True)
    wizard = register(env, bill)
    assert wizard.payment_type == "outbound" and wizard.partner_type == "supplier" and wizard.amount == 300.0
    wizard.action_create_payments()
    assert bill.payment_state == "in_payment"


def test_one_payment_for_two_invoices(env, make_invoice):
    first = make_invoice((100.0, 1, None), invoice_date=dt.date(2026, 1, 1), post=True)
    second = make_invoice((50.0, 1, None), invoice_date=dt.date(2026, 2, 1), post=True)
    wizard = register(env, first | second, amount=120.0)
    wizard.action_create_payments()
    # the oldest is paid first
    assert (first.payment_state, second.payment_state) == ("in_payment", "partial")
    assert second.amount_residual == 30.0


def test_payment_amount_must_be_positive(env, invoice):
    with pytest.raises(ValidationError, match="must be positive") as caught:
        register(env, invoice, amount=0.0).action_create_payments()
    assert caught.value.field == "amount"
    assert invoice.payment_state == "not_paid"


def test_paid_invoice_has_nothing_left_to_pay(env, invoice):
    register(env, invoice).action_create_payments()
    wizard = env["account.payment.register"].create(
        {
            "line_ids": [(6, 0, invoice.line_ids.filtered(lambda ln: ln.display_type == "payment_term").ids)],
            "amount": 5.0,
        }
    )
    with pytest.raises(UserError, match="nothing left to pay"):
        wizard.action_create_payments()


def test_reconciled_invoice_cannot_go_back_to_draft(env, invoice):
    register(env, invoice, amount=10.0).action_create_payments()
    with pytest.raises(UserError, match="reconciled"):
        invoice.button_draft()


def test_unreconcile_opens_the_invoice_again(env, invoice):
    register(env, invoice, amount=10.0).action_create_payments()
    receivable = invoice.line_ids.filtered(lambda ln: ln.display_type == "payment_term")
    receivable.remove_move_reconcile()
    assert (invoice.payment_state, invoice.amount_residual) == ("not_paid", 121.0)


def test_partner_owes_the_open_residuals(env, make_invoice):
    partner = env["res.partner"].create({"name": "Deudor SL", "is_company": True})
    invoice = make_invoice((100.0, 1, None), partner="base.res_partner_2", post=True)
    invoice_b = (
        env["account.move"]
        .with_context(default_move_type="out_invoice")
        .create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [(0, 0, {"name": "a", "price_unit": 80.0})],
            }
        )
    )
    invoice_b.action_post()
    register(env, invoice_b, amount=30.0).action_create_payments()
    assert partner.credit == 50.0 and partner.total_invoiced == 80.0
    assert invoice.partner_id.credit >= 100.0


def test_foreign_currency_payment_settles_the_currency_amount(env, make_invoice):
    usd = env.ref("base.USD")
    usd.active = True
    env["res.currency.rate"].create(
        {"currency_id": usd.id, "name": "2026-01-01", "rate": 2.0, "company_id": env.company.id}
    )
    invoice = make_invoice((100.0, 1, None), currency_id=usd.id, invoice_date=dt.date(2026, 2, 1), post=True)
    wizard = register(env, invoice, payment_date=dt.date(2026, 2, 2))
    assert wizard.currency_id == usd and wizard.amount == 100.0
    wizard.action_create_payments()
    assert invoice.payment_state == "in_payment" and invoice.amount_residual == 0.0


def test_foreign_payments_settle_the_currency_amount_whatever_the_rate(env, make_invoice):
    usd = env.ref("base.USD")
    usd.active = True
    Rate = env["res.currency.rate"]
    Rate.create({"currency_id": usd.id, "name": "2026-01-01", "rate": 2.0, "company_id": env.company.id})
    Rate.create({"currency_id": usd.id, "name": "2026-03-01", "rate": 2.5, "company_id": env.company.id})
    invoice = make_invoice((100.0, 1, None), currency_id=usd.id, invoice_date=dt.date(2026, 2, 1), post=True)
    assert invoice.amount_total_signed == 50.0
    register(env, invoice, amount=40.0, payment_date=dt.date(2026, 3, 2)).action_create_payments()
    assert (invoice.payment_state, invoice.amount_residual) == ("partial", 60.0)
    register(env, invoice, payment_date=dt.date(2026, 3, 3)).action_create_payments()
    assert (invoice.payment_state, invoice.amount_residual) == ("in_payment", 0.0)


def test_exchange_difference_is_booked_and_reconciles_fully(env, make_invoice, chart):
    usd = env.ref("base.USD")
    usd.active = True
    Rate = env["res.currency.rate"]
    Rate.create({"currency_id": usd.id, "name": "2026-01-01", "rate": 2.0, "company_id": env.company.id})
    Rate.create({"currency_id": usd.id, "name": "2026-03-01", "rate": 2.5, "company_id": env.company.id})
    invoice = make_invoice((100.0, 1, None), currency_id=usd.id, invoice_date=dt.date(2026, 2, 1), post=True)
    register(env, invoice, payment_date=dt.date(2026, 3, 2)).action_create_payments()
    receivable = invoice.line_ids.filtered(lambda ln: ln.display_type == "payment_term")
    assert receivable.reconciled and receivable.amount_residual == 0.0
    assert invoice.payment_state == "in_payment"
    loss = env["account.move.line"].search(
        [("account_id", "=", chart("exchange_loss").id), ("move_id.ref", "ilike", invoice.name)]
    )
    assert loss.debit == 10.0 and loss.move_id.state == "posted"  # 50 EUR booked, 40 EUR received
    assert loss.move_id.journal_id == env.company.currency_exchange_journal_id
    assert loss.move_id.date == dt.date(2026, 3, 2)
    # a rate going the other way is a gain, on a vendor bill too
    Rate.create({"currency_id": usd.id, "name": "2026-04-01", "rate": 4.0, "company_id": env.company.id})
    bill = make_invoice((100.0, 1, None), move_type="in_invoice", currency_id=usd.id,
                        invoice_date=dt.date(2026, 3, 15), post=True)
    assert bill.amount_total_signed == -40.0
    register(env, bill, payment_date=dt.date(2026, 4, 2)).action_create_payments()
    gain = env["account.move.line"].search(
        [("account_id", "=", chart("exchange_gain").id), ("move_id.ref", "ilike", bill.name)]
    )
    assert gain.credit == 15.0  # 40 EUR owed, 25 EUR paid
    payable = bill.line_ids.filtered(lambda ln: ln.display_type == "payment_term")
    assert payable.reconciled


def test_exchange_accounts_are_set_per_company_in_the_settings(env, chart):
    settings = env["res.config.settings"].create({})
    assert settings.income_currency_exchange_account_id == chart("exchange_gain")
    assert settings.account_journal_payment_debit_account_id == chart("outstanding_receipts")
    settings.write({"expense_currency_exchange_account_id": chart("expense").id})
    settings.execute()
    assert env.company.expense_currency_exchange_account_id == chart("expense")
