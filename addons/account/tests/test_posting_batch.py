"""Invoices posted together: consecutive numbers, lines computed at creation, and a
posting that finds the lines in step rewrites none of them."""

from __future__ import annotations

import datetime as dt


def test_invoices_posted_together_get_consecutive_numbers(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    later = make_invoice((10.0, 1, iva), invoice_date=dt.date(2026, 6, 2))
    sooner = make_invoice((20.0, 2, iva), invoice_date=dt.date(2026, 6, 1))
    refund = make_invoice((5.0, 1, iva), move_type="out_refund", invoice_date=dt.date(2026, 6, 3))
    (later | sooner | refund).action_post()
    numbers = sorted(int(move.name.rsplit("/", 1)[1]) for move in (later, sooner))
    assert numbers[1] == numbers[0] + 1 and sooner.name.startswith("INV/2026/")
    assert refund.name.startswith("RINV/2026/")
    for move in (later, sooner, refund):
        assert move.state == "posted" and move.payment_reference == move.name
        terms = move.line_ids.filtered(lambda line: line.display_type == "payment_term")
        assert terms.mapped("name") == [move.name]


def test_lines_are_computed_at_creation_and_kept_by_posting(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice((100.0, 2, iva), (10.0, 1, None), invoice_date=dt.date(2026, 6, 1))
    product = move.line_ids.filtered(lambda line: line.display_type == "product")
    assert sorted(product.mapped("price_subtotal")) == [10.0, 200.0]
    assert sorted(product.mapped("credit")) == [10.0, 200.0] and product.mapped("debit") == [0.0, 0.0]
    assert move.amount_untaxed == 210.0 and move.amount_tax == 42.0 and move.amount_total == 252.0
    drawn = move.line_ids.filtered(lambda line: line.display_type in ("tax", "payment_term"))
    before = env.cr.sql_count
    move.action_post()
    assert env.cr.sql_count - before < 30  # the redraw at posting found nothing to rewrite
    assert move.line_ids.filtered(lambda line: line.display_type in ("tax", "payment_term")) == drawn
    assert sum(move.line_ids.mapped("debit")) == sum(move.line_ids.mapped("credit")) == 252.0


def test_a_changed_draft_is_redrawn_at_posting(env, make_invoice):
    iva = env.ref("account_tax.tax_iva_21")
    move = make_invoice((100.0, 1, iva), invoice_date=dt.date(2026, 6, 1))
    line = move.line_ids.filtered(lambda ln: ln.display_type == "product")
    line.write({"price_unit": 50.0})
    move.action_post()
    tax = move.line_ids.filtered(lambda ln: ln.display_type == "tax")
    assert tax.credit == 10.5 and move.amount_total == 60.5
