"""Demo banking: the company's IBAN on its bank journal, invoices in US dollars and pounds (one paid at
another rate, so with an exchange difference), and a bank statement whose lines settle some payments,
pay one invoice by its reference, and leave the bank fees and an unknown transfer to reconcile."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import clock, model

DEMO_IBAN = "ES91 2100 0418 4502 0005 1332"


@model("account.move")
class AccountMoveDemoBank:
    def _demo_generate_bank(self) -> bool:
        """The demo's bank account, foreign-currency invoices and bank statement; True."""
        company = self.env.company
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        if not journal or self.env["account.bank.statement"].search_count([("journal_id", "=", journal.id)]):
            return True
        bank = self.env["res.partner.bank"].create(
            {
                "acc_number": DEMO_IBAN,
                "partner_id": company.partner_id.id,
                "bank_name": "CaixaBank",
                "bank_bic": "CAIXESBBXXX",
                "company_id": company.id,
            }
        )
        journal.write({"bank_account_id": bank.id})
        today = clock.today()
        self._demo_foreign_invoices(today)
        self._demo_statement(journal, today)
        return True

    def _demo_foreign_invoices(self, today: dt.date) -> None:
        partners = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "!=", self.env.company.partner_id.id)], limit=3
        )
        product = self.env["product.product"].search([("sale_ok", "=", True)], limit=1)
        Rate = self.env["res.currency.rate"].sudo()
        for xmlid, rates in (("base.USD", (1.10, 1.05)), ("base.GBP", (0.85, 0.88))):
            currency = self.env.ref(xmlid, raise_if_not_found=False)
            if currency is None or not partners or not product:
                continue
            currency.sudo().write({"active": True})
            for days, rate in ((75, rates[0]), (20, rates[1])):
                Rate.create(
                    {
                        "currency_id": currency.id,
                        "name": today - dt.timedelta(days=days),
                        "rate": rate,
                        "company_id": self.env.company.id,
                    }
                )
            move = self.with_context(default_move_type="out_invoice").create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[-1].id,
                    "currency_id": currency.id,
                    "invoice_date": today - dt.timedelta(days=60),
                    "invoice_line_ids": [(0, 0, {"product_id": product.id, "quantity": 3})],
                }
            )
            move.action_post()
            # paid in full at today's rate: the difference goes to the exchange gain or loss account
            move._demo_pay(move.amount_residual, today - dt.timedelta(days=10))

    def _demo_statement(self, journal: Any, today: dt.date) -> None:
        company = self.env.company
        outstanding = self.env["account.move.line"].search(
            [
                ("account_id", "=", company.account_journal_payment_debit_account_id.id),
                ("reconciled", "=", False),
                ("parent_state", "=", "posted"),
                ("move_id.journal_id", "=", journal.id),
                ("currency_id", "=", company.currency_id.id),
            ],
            limit=3,
        )
        open_invoice = self.search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "=", "not_paid"),
                ("currency_id", "=", company.currency_id.id),
            ],
            limit=1,
        )
        lines = [
            {
                "date": min(item.date + dt.timedelta(days=2), today),
                "payment_ref": f"SEPA {item.partner_id.name or ''}".strip(),
                "partner_id": item.partner_id.id or False,
                "amount": item.amount_residual,
            }
            for item in outstanding
        ]
        if open_invoice:
            lines.append(
                {
                    "date": today - dt.timedelta(days=3),
                    "payment_ref": f"Transfer {open_invoice.payment_reference}",
                    "amount": open_invoice.amount_residual,
                }
            )
        lines += [
            {"date": today - dt.timedelta(days=2), "payment_ref": "Account maintenance fee", "amount": -12.5},
            {"date": today - dt.timedelta(days=1), "payment_ref": "Transfer ref. 88213", "amount": 250.0},
        ]
        for sequence, line in enumerate(lines, start=1):
            line["sequence"] = sequence
        balance_start = 15000.0
        statement = self.env["account.bank.statement"].create(
            {
                "name": f"{journal.code} {today:%Y-%m}",
                "journal_id": journal.id,
                "date": today,
                "balance_start": balance_start,
                "balance_end_real": balance_start + sum(line["amount"] for line in lines),
                "line_ids": [(0, 0, line) for line in lines],
            }
        )
        statement.line_ids.action_suggest()
        # the registered payments are matched; the rest waits on the reconciliation screen
        for line in statement.line_ids:
            if line.counterpart_line_ids.filtered(lambda item: item.move_id.payment_id):
                line.action_reconcile()
