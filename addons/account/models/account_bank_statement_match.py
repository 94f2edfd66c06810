"""Suggestions for a bank line: the open items it most likely pays. First an invoice or bill whose
payment reference (or number) appears in the line's label or reference; then a registered payment
waiting for its bank line with the same amount; then a single open invoice or bill of the same
amount (of the line's partner when it has one)."""

from __future__ import annotations

import re
from typing import Any

from core import _, model, public

OPEN_ITEM_TYPES = ("asset_receivable", "liability_payable")
# how many open items the reconciliation screen lists
CANDIDATES = 40


def _squash(text: str | None) -> str:
    """Letters and digits only, upper case: banks cut, space and re-case the references they carry."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


@model("account.bank.statement.line")
class AccountBankStatementLineMatch:
    @public
    def action_suggest(self) -> bool:
        """Fill each open line's matching items with the suggestion, if any; True."""
        for line in self.filtered(lambda ln: not ln.is_reconciled):
            line._account_suggest()
        return True

    def _account_suggest(self) -> None:
        items, reason = self._account_find_match()
        values: dict[str, Any] = {
            "counterpart_line_ids": [(6, 0, items.ids)],
            "match_reason": reason or False,
        }
        if items and not self.partner_id and items[0].partner_id:
            values["partner_id"] = items[0].partner_id.commercial_partner_id.id
        self.write(values)

    def _compute_candidate_line_ids(self) -> None:
        for line in self:
            if line.is_reconciled or not line.id:
                line.candidate_line_ids = self.env["account.move.line"]
                continue
            company = line.company_id
            outstanding = (
                company.account_journal_payment_debit_account_id
                | company.account_journal_payment_credit_account_id
            )
            domain: list[Any] = [
                "|",
                ("account_type", "in", OPEN_ITEM_TYPES),
                ("account_id", "in", outstanding.ids),
            ]
            if line.partner_id:
                domain.append(("partner_id", "child_of", line.partner_id.commercial_partner_id.id))
            items = line._account_open_items(domain)
            # the items going the bank line's way first (money in: receivables), then by due date
            line.candidate_line_ids = items.sorted(
                lambda item, sign=line.amount: (
                    item.amount_residual * sign <= 0,
                    item.date_maturity or item.date,
                )
            )[:CANDIDATES]

    def _account_open_items(self, domain: list[Any]) -> Any:
        return self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("account_id.reconcile", "=", True),
                *domain,
            ]
        )

    def _account_find_match(self) -> tuple[Any, str]:
        """(items, why) for this line; no items when nothing fits well enough."""
        currency = self.currency_id
        direction = "asset_receivable" if self.amount > 0 else "liability_payable"
        partner = self.partner_id.commercial_partner_id
        text = _squash(self.payment_ref) + " " + _squash(self.ref)
        # 1. a payment reference in the label
        invoices = self._account_open_items([("account_type", "=", direction)])
        by_reference = invoices.filtered(
            lambda item: any(
                len(_squash(ref)) >= 4 and _squash(ref) in text
                for ref in (item.move_id.payment_reference, item.move_id.name)
            )
        )
        if by_reference:
            return by_reference, _(
                "The payment reference %(ref)s",
                ref=", ".join(sorted(set(by_reference.mapped("move_id.payment_reference")))),
            )
        # 2. a registered payment of the same amount waiting for its bank line
        company = self.company_id
        outstanding = (
            company.account_journal_payment_debit_account_id
            if self.amount > 0
            else company.account_journal_payment_credit_account_id
        )
        if outstanding:
            payments = self._account_open_items(
                [("account_id", "=", outstanding.id), ("move_id.journal_id", "=", self.journal_id.id)]
            ).filtered(lambda item: currency.is_zero(item.amount_residual - self.amount))
            if partner:
                payments = payments.filtered(lambda item: item.partner_id.commercial_partner_id == partner)
            if len(payments) == 1:
                return payments, _("A registered payment of the same amount")
        # 3. one open invoice or bill of the same amount
        same = invoices.filtered(lambda item: currency.is_zero(item.amount_residual - self.amount))
        if partner:
            same = same.filtered(lambda item: item.partner_id.commercial_partner_id == partner)
        if len(same) == 1:
            return same, _("The only open item of this amount")
        return self.env["account.move.line"], ""
