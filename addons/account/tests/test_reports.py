"""Trial balance and aged receivable, each checked against sums computed independently in SQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core import clock
from core.exceptions import ValidationError


def test_trial_balance_equals_independent_sql_sums(env, make_invoice, chart):
    make_invoice((100.0, 1, env.ref("account_tax.tax_iva_21")), invoice_date=dt.date(2026, 2, 1), post=True)
    make_invoice((999.0, 1, None), invoice_date=dt.date(2026, 2, 2))  # a draft counts nothing
    env.flush()
    rows = env["account.account"].trial_balance(date_to="2026-12-31")
    sql = sa.text(
        "SELECT a.code, SUM(l.debit), SUM(l.credit) FROM account_move_line l "
        "JOIN account_account a ON a.id = l.account_id JOIN account_move m ON m.id = l.move_id "
        "WHERE m.state = 'posted' AND l.date <= '2026-12-31' AND m.company_id = :company GROUP BY a.code"
    )
    expected = {
        code: (round(float(d), 2), round(float(c), 2))
        for code, d, c in env.cr.execute(sql, {"company": env.company.id})
    }
    assert {row["code"]: (row["debit"], row["credit"]) for row in rows} == expected
    assert round(sum(row["balance"] for row in rows), 2) == 0.0
    income = next(row for row in rows if row["code"] == chart("income").code)
    assert income["credit"] >= 100.0 and income["balance"] == round(income["debit"] - income["credit"], 2)


def test_trial_balance_splits_initial_balance_and_period(env, make_invoice, chart):
    make_invoice((50.0, 1, None), invoice_date=dt.date(2025, 6, 1), post=True)
    make_invoice((70.0, 1, None), invoice_date=dt.date(2025, 6, 2), post=True)
    rows = {row["code"]: row for row in env["account.account"].trial_balance("2025-06-02", "2025-06-02")}
    receivable = rows[chart("receivable").code]
    assert receivable["debit"] == 70.0 and receivable["initial"] >= 50.0


def test_aged_receivable_buckets_by_days_overdue(env, make_invoice):
    partner = env["res.partner"].create({"name": "Moroso SL", "is_company": True})
    today = dt.date(2026, 6, 30)
    for days, amount in ((0, 10.0), (10, 20.0), (45, 40.0), (200, 80.0)):
        move = (
            env["account.move"]
            .with_context(default_move_type="out_invoice")
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": today - dt.timedelta(days=days),
                    "invoice_line_ids": [(0, 0, {"name": "x", "price_unit": amount})],
                }
            )
        )
        move.action_post()
    env["account.payment.register"].with_context(active_model="account.move", active_ids=move.ids).create(
        {"amount": 30.0}
    ).action_create_payments()
    [row] = [r for r in env["res.partner"].aged_partner_balance(today) if r["partner_id"] == partner.id]
    assert (row["not_due"], row["1_30"], row["31_60"], row["61_90"], row["older"]) == (
        10.0,
        20.0,
        40.0,
        0.0,
        50.0,
    )
    assert row["total"] == 120.0


def test_aged_balance_refuses_other_accounts(env):
    with pytest.raises(ValidationError, match="receivable or payable") as caught:
        env["res.partner"].aged_partner_balance(account_type="income")
    assert caught.value.field == "account_type"


def test_report_columns_read_the_sql_reports(env, make_invoice, chart):
    partner = env["res.partner"].create({"name": "Columnas SL", "is_company": True})
    move = (
        env["account.move"]
        .with_context(default_move_type="out_invoice")
        .create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": dt.date(2020, 1, 1),
                "invoice_line_ids": [(0, 0, {"name": "x", "price_unit": 40.0})],
            }
        )
    )
    move.action_post()
    assert (partner.aged_older, partner.aged_not_due) == (40.0, 0.0)
    rows = {row["account_id"]: row for row in env["account.account"].trial_balance(date_to=clock.today())}
    receivable = chart("receivable")
    assert receivable.current_balance == rows[receivable.id]["balance"]
    assert partner in env["res.partner"].search(
        [("invoice_ids.payment_state", "in", ("not_paid", "partial")), ("invoice_ids.state", "=", "posted")]
    )
