"""The demo's banking: the company's IBAN, foreign-currency invoices with exchange differences, and a
bank statement partly reconciled."""

from __future__ import annotations


def test_demo_has_a_bank_statement_and_foreign_currency_invoices(env, chart):
    journal = chart("journal_bnk1")
    assert journal.bank_account_id.acc_type == "iban"
    [statement] = env["account.bank.statement"].search([("journal_id", "=", journal.id)])
    assert statement.is_complete and len(statement.line_ids) >= 3
    reconciled = statement.line_ids.filtered("is_reconciled")
    assert reconciled and statement.lines_to_reconcile >= 2
    paid = reconciled.mapped("move_id.line_ids.matched_debit_ids.debit_move_id.move_id") | reconciled.mapped(
        "move_id.line_ids.matched_credit_ids.debit_move_id.move_id"
    )
    assert paid.filtered("payment_id")
    suggested = statement.line_ids.filtered(lambda ln: not ln.is_reconciled and ln.counterpart_line_ids)
    assert suggested and "reference" in suggested[0].match_reason
    foreign = env["account.move"].search(
        [("move_type", "=", "out_invoice"), ("currency_id", "!=", env.company.currency_id.id)]
    )
    assert set(foreign.mapped("currency_id.name")) >= {"USD", "GBP"}
    exchange = env["account.move.line"].search(
        [("account_id", "in", (chart("exchange_gain") | chart("exchange_loss")).ids)]
    )
    assert exchange and all(line.parent_state == "posted" for line in exchange)
