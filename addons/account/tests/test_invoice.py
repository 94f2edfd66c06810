"""Invoices and bills posted into balanced entries: tax lines from the taxes' accounts, instalments of
the payment terms, foreign currencies, fiscal positions, numbering."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import UserError, ValidationError


def lines_by(move, display_type):
    return move.line_ids.filtered(lambda line: line.display_type == display_type)


def assert_balanced(move):
    assert round(sum(move.line_ids.mapped("debit")) - sum(move.line_ids.mapped("credit")), 2) == 0.0


def test_posted_invoice_is_a_balanced_entry(env, make_invoice, chart):
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice((100.0, 3, iva), (50.0, 1, iva), post=True)
    assert (move.amount_untaxed, move.amount_tax, move.amount_total) == (350.0, 73.5, 423.5)
    assert_balanced(move)
    [receivable] = lines_by(move, "payment_term")
    assert (receivable.account_id, receivable.debit, receivable.credit) == (chart("receivable"), 423.5, 0.0)
    [tax] = lines_by(move, "tax")
    assert (tax.account_id, tax.credit, tax.tax_line_id, tax.tax_base_amount) == (
        chart("account_251000"),
        73.5,
        iva,
        350.0,
    )
    income = lines_by(move, "product")
    assert income.mapped("account_id") == chart("income") and sum(income.mapped("credit")) == 350.0
    assert move.state == "posted" and move.payment_state == "not_paid" and move.amount_residual == 423.5


def test_vendor_bill_debits_expense_and_credits_payable(env, make_invoice, chart):
    tax = env["account.tax"].search(
        [("company_id", "=", env.company.id), ("type_tax_use", "=", "purchase"), ("amount", "=", 15.0)]
    )
    bill = make_invoice((200.0, 1, tax), move_type="in_invoice", post=True)
    assert bill.name.startswith("BILL/")
    [payable] = lines_by(bill, "payment_term")
    assert (payable.account_id, payable.credit) == (chart("payable"), 230.0)
    assert lines_by(bill, "tax").debit == 30.0 and lines_by(bill, "tax").account_id == chart("tax_paid")
    assert lines_by(bill, "product").debit == 200.0
    assert bill.amount_total_signed == -230.0


def test_price_included_tax_is_taken_out_of_the_price(env, make_invoice):
    move = make_invoice((121.0, 1, env.ref("account_tax.tax_iva_21_included")), post=True)
    assert (move.amount_untaxed, move.amount_tax, move.amount_total) == (100.0, 21.0, 121.0)
    assert_balanced(move)


def test_fixed_tax_counts_per_unit(env, make_invoice):
    eco = env["account.tax"].create({"name": "Ecotasa", "amount_type": "fixed", "amount": 0.5, "sequence": 0})
    move = make_invoice((20.0, 4, eco | env.ref("account_tax.tax_iva_10")), post=True)
    assert sorted(lines_by(move, "tax").mapped("credit")) == [2.0, 8.0]
    assert move.amount_total == 90.0
    assert_balanced(move)


def test_withholding_is_a_negative_tax_on_the_bill(env, make_invoice):
    company = env["res.company"].create({"name": "Autónomo Test", "currency_id": env.ref("base.EUR").id})
    company.action_load_chart_template("es_pymes")
    env.user.write({"company_ids": [(4, company.id)]})
    cenv = env(context={"allowed_company_ids": [company.id]})
    taxes = cenv["account.tax"].search(
        [("company_id", "=", company.id), ("type_tax_use", "=", "purchase"), ("amount", "in", [21.0, -15.0])]
    )
    bill = (
        cenv["account.move"]
        .with_context(default_move_type="in_invoice")
        .create(
            {
                "move_type": "in_invoice",
                "partner_id": env.ref("base.res_partner_2").id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Asesoría", "price_unit": 1000.0, "tax_ids": [(6, 0, taxes.ids)]})
                ],
            }
        )
    )
    bill.action_post()
    assert (bill.amount_untaxed, bill.amount_tax, bill.amount_total) == (1000.0, 60.0, 1060.0)
    by_account = {line.account_id.code: line.balance for line in bill.line_ids}
    assert by_account == {"600000": 1000.0, "472000": 210.0, "475100": -150.0, "400000": -1060.0}


def test_fiscal_position_maps_taxes_and_accounts(env, make_invoice, chart):
    iva21, iva4 = env.ref("account_tax.tax_iva_21"), env.ref("account_tax.tax_iva_4")
    other_income = env["account.account"].create(
        {"code": "400100", "name": "Export sales", "account_type": "income"}
    )
    position = env["account.fiscal.position"].create(
        {
            "name": "Export",
            "tax_ids": [(0, 0, {"tax_src_id": iva21.id, "tax_dest_id": iva4.id})],
            "account_ids": [
                (0, 0, {"account_src_id": chart("income").id, "account_dest_id": other_income.id})
            ],
        }
    )
    product = env["product.product"].create(
        {"name": "Exported chair", "list_price": 100.0, "taxes_id": [(6, 0, iva21.ids)]}
    )
    move = make_invoice({"product_id": product.id, "quantity": 2}, fiscal_position_id=position.id, post=True)
    line = lines_by(move, "product")
    assert line.tax_ids == iva4 and line.account_id == other_income and line.price_unit == 100.0
    assert move.amount_tax == 8.0 and lines_by(move, "tax").tax_line_id == iva4


def test_line_from_product_takes_price_taxes_and_account(env, make_invoice, chart):
    product = env["product.product"].create(
        {
            "name": "Desk",
            "list_price": 80.0,
            "standard_price": 50.0,
            "taxes_id": [(6, 0, env.ref("account_tax.tax_iva_21").ids)],
        }
    )
    invoice = make_invoice({"product_id": product.id, "quantity": 1})
    line = lines_by(invoice, "product")
    assert (line.name, line.price_unit, line.account_id) == ("Desk", 80.0, chart("income"))
    bill = make_invoice({"product_id": product.id, "quantity": 1}, move_type="in_invoice")
    assert lines_by(bill, "product").price_unit == 50.0 and lines_by(bill, "product").account_id == chart(
        "expense"
    )


def test_rounding_per_line_and_globally(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    per_line = make_invoice(*[(1.02, 1, iva)] * 3, post=True)
    assert (per_line.amount_untaxed, per_line.amount_tax) == (3.06, 0.63)  # 3 x round(0.2142)
    env.company.tax_calculation_rounding_method = "round_globally"
    globally = make_invoice(*[(1.02, 1, iva)] * 3, post=True)
    assert (globally.amount_untaxed, globally.amount_tax) == (3.06, 0.64)  # round(3 x 0.2142)
    assert_balanced(globally)


def test_discount_lowers_the_base(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    discounted = make_invoice(
        {"name": "x", "price_unit": 200.0, "quantity": 1, "discount": 25.0, "tax_ids": [(6, 0, iva.ids)]},
        post=True,
    )
    assert (discounted.amount_untaxed, discounted.amount_tax) == (150.0, 31.5)


def test_payment_terms_split_the_receivable_with_due_dates(env, make_invoice):
    terms = env.ref("account.account_payment_term_30_60")
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice(
        (100.01, 1, iva), invoice_date=dt.date(2026, 3, 1), invoice_payment_term_id=terms.id, post=True
    )
    instalments = lines_by(move, "payment_term").sorted("date_maturity")
    assert [(line.date_maturity, line.debit) for line in instalments] == [
        (dt.date(2026, 3, 31), 60.5),
        (dt.date(2026, 4, 30), 60.51),
    ]
    assert move.invoice_date_due == dt.date(2026, 4, 30)
    assert_balanced(move)


def test_immediate_payment_is_due_on_the_invoice_date(env, make_invoice):
    terms = env.ref("account.account_payment_term_immediate")
    move = make_invoice(
        (10.0, 1, None), invoice_date=dt.date(2026, 5, 4), invoice_payment_term_id=terms.id, post=True
    )
    assert move.invoice_date_due == dt.date(2026, 5, 4)


def test_foreign_currency_books_company_amounts(env, make_invoice):
    usd = env.ref("base.USD")
    usd.active = True
    env["res.currency.rate"].create(
        {"currency_id": usd.id, "name": "2026-01-01", "rate": 1.25, "company_id": env.company.id}
    )
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice((100.0, 1, iva), currency_id=usd.id, invoice_date=dt.date(2026, 2, 1), post=True)
    assert (move.amount_total, move.amount_total_signed) == (121.0, 96.8)
    receivable = lines_by(move, "payment_term")
    assert (receivable.amount_currency, receivable.debit, receivable.currency_id) == (121.0, 96.8, usd)
    assert lines_by(move, "product").amount_currency == -100.0 and lines_by(move, "product").credit == 80.0
    assert_balanced(move)


def test_draft_invoice_keeps_its_lines_in_step(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice((100.0, 1, iva))
    assert move.name == "/" and move.amount_total == 121.0
    lines_by(move, "product").write({"quantity": 2})
    assert move.amount_total == 242.0 and lines_by(move, "payment_term").debit == 242.0
    move.write({"invoice_line_ids": [(0, 0, {"name": "More", "price_unit": 10.0, "tax_ids": []})]})
    assert move.amount_total == 252.0
    assert_balanced(move)


def test_posting_refuses_an_invoice_without_partner_or_lines(env, make_invoice):
    move = make_invoice((100.0, 1, None))
    move.partner_id = False
    with pytest.raises(ValidationError, match="needs a partner") as caught:
        move.action_post()
    assert caught.value.field == "partner_id"
    empty = make_invoice()
    with pytest.raises(UserError, match="Add a line"):
        empty.action_post()


def test_unbalanced_journal_entry_is_refused(env, chart):
    journal = env["account.journal"].search([("type", "=", "general")], limit=1)
    move = env["account.move"].create(
        {
            "journal_id": journal.id,
            "line_ids": [
                (0, 0, {"account_id": chart("bank").id, "debit": 100.0}),
                (0, 0, {"account_id": chart("income").id, "credit": 90.0}),
            ],
        }
    )
    with pytest.raises(UserError, match="not balanced"):
        move.action_post()
    assert move.state == "draft"
    move.line_ids[1].credit = 100.0
    move.action_post()
    assert move.name.startswith("MISC/") and move.amount_total == 100.0


def test_action_post_returns_false_as_odoo(env, make_invoice):
    assert make_invoice((1.0, 1, None)).action_post() is False
