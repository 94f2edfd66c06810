"""Exchange differences: a foreign-currency item settled in its currency (an invoice of 100 USD paid
100 USD) but not in the company's (the rate changed between the invoice and the payment) gets an entry
in the exchange difference journal that books what is left on the company's exchange gain or loss
account, and is reconciled with it, so the item is fully reconciled."""

from __future__ import annotations

from typing import Any

from core import _, clock, model
from core.exceptions import UserError


@model("account.move.line")
class AccountMoveLineExchange:
    def reconcile(self) -> bool:
        result = super().reconcile()
        self._account_exchange_differences()
        return result

    def _account_exchange_differences(self) -> None:
        for line in self.exists():
            company = line.company_id
            currency = line.currency_id
            if (
                not line.account_id.reconcile
                or not currency
                or currency == company.currency_id
                or line.reconciled
                or not currency.is_zero(line.amount_residual_currency)
                or company.currency_id.is_zero(line.amount_residual)
            ):
                continue
            exchange_line = line._account_exchange_entry()
            if exchange_line:
                (line | exchange_line).reconcile()

    def _account_exchange_entry(self) -> Any:
        """Post the exchange difference entry of this item; its item on the same account."""
        company = self.company_id
        diff = self.amount_residual  # > 0: less came in than was booked (a loss on a receivable)
        account = (
            company.expense_currency_exchange_account_id
            if diff > 0
            else company.income_currency_exchange_account_id
        )
        journal = company.currency_exchange_journal_id or self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        if not account or not journal:
            raise UserError(
                _(
                    "Set the exchange gain and loss accounts and the exchange difference journal of "
                    "%(company)s in the accounting settings: %(item)s is settled in %(currency)s at "
                    "another rate than it was booked.",
                    company=company.name,
                    item=self.display_name,
                    currency=self.currency_id.name,
                )
            )
        partials = self.matched_debit_ids | self.matched_credit_ids
        dates = [d for d in partials.mapped("max_date") if d] or [clock.today()]
        common = {
            "partner_id": self.partner_id.id or False,
            "currency_id": company.currency_id.id,
            "name": _("Exchange difference: %(item)s", item=self.move_id.name or ""),
        }
        move = (
            self.env["account.move"]
            .with_context(default_move_type="entry")
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": max(dates),
                    "ref": common["name"],
                    "line_ids": [
                        (
                            0,
                            0,
                            {
                                **common,
                                "account_id": self.account_id.id,
                                "amount_currency": -diff,
                                "debit": max(-diff, 0.0),
                                "credit": max(diff, 0.0),
                            },
                        ),
                        (
                            0,
                            0,
                            {
                                **common,
                                "account_id": account.id,
                                "amount_currency": diff,
                                "debit": max(diff, 0.0),
                                "credit": max(-diff, 0.0),
                            },
                        ),
                    ],
                }
            )
        )
        move.action_post()
        return move.line_ids.filtered(lambda ln: ln.account_id == self.account_id)
