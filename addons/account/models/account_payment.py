"""Payments: posting one writes its journal entry (the bank or cash account against the partner's
receivable or payable)."""

from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import UserError, ValidationError


@model("account.payment")
class AccountPayment:
    def _default_journal_id(self) -> int | bool:
        journal = self.env["account.journal"].search(
            [("type", "in", ("bank", "cash")), ("company_id", "=", self.env.company.id)], limit=1
        )
        return journal.id or False

    def _default_currency_id(self) -> int | bool:
        return self.env.company.currency_id.id or False

    def _compute_destination_account_id(self) -> None:
        for payment in self:
            company = payment.company_id or self.env.company
            partner = payment.partner_id.commercial_partner_id
            if payment.partner_type == "customer":
                account = partner.property_account_receivable_id or company.account_default_receivable_id
            else:
                account = partner.property_account_payable_id or company.account_default_payable_id
            payment.destination_account_id = account

    def _compute_reconciled_invoices(self) -> None:
        for payment in self:
            destination = payment.destination_account_id
            lines = payment.move_id.line_ids.filtered(lambda ln, acc=destination: ln.account_id == acc)
            partials = lines.mapped("matched_debit_ids") | lines.mapped("matched_credit_ids")
            moves = (partials.mapped("debit_move_id") | partials.mapped("credit_move_id")).mapped("move_id")
            invoices = moves.filtered(lambda m: m.is_invoice)
            payment.reconciled_invoice_ids = invoices
            payment.reconciled_invoices_count = len(invoices)

    @public
    def action_post(self) -> bool:
        """Post draft payments: each gets a posted journal entry in its journal."""
        for payment in self:
            if payment.state != "draft":
                raise UserError(_("Only draft payments can be posted."))
            if payment.amount <= 0:
                raise ValidationError(_("The amount of a payment must be positive."), field="amount")
            if not payment.journal_id.default_account_id:
                raise ValidationError(
                    _(
                        "The journal %(journal)s has no bank or cash account.",
                        journal=payment.journal_id.display_name,
                    ),
                    field="journal_id",
                )
            if not payment.destination_account_id:
                raise ValidationError(
                    _(
                        "No receivable or payable account for the payment: load a chart of "
                        "accounts or give the partner one."
                    ),
                    field="destination_account_id",
                )
            move = (
                self.env["account.move"]
                .with_context(default_move_type="entry")
                .create(payment._account_move_values())
            )
            move.action_post()
            payment.write({"move_id": move.id, "state": "posted"})
        return True

    def _account_move_values(self) -> dict[str, Any]:
        company = self.company_id or self.env.company
        sign = 1 if self.payment_type == "inbound" else -1
        amount_currency = sign * self.amount
        balance = self.currency_id._convert(amount_currency, company.currency_id, company, self.date)
        partner = self.partner_id.commercial_partner_id.id or False
        label = self.ref or _("Payment")
        common = {"currency_id": self.currency_id.id, "partner_id": partner, "name": label}
        return {
            "move_type": "entry",
            "journal_id": self.journal_id.id,
            "date": self.date,
            "ref": self.ref,
            "partner_id": partner,
            "currency_id": self.currency_id.id,
            "payment_id": self.id,
            "line_ids": [
                (
                    0,
                    0,
                    {
                        **common,
                        "account_id": self._account_liquidity_account().id,
                        "amount_currency": amount_currency,
                        "debit": max(balance, 0.0),
                        "credit": max(-balance, 0.0),
                    },
                ),
                (
                    0,
                    0,
                    {
                        **common,
                        "account_id": self.destination_account_id.id,
                        "amount_currency": -amount_currency,
                        "debit": max(-balance, 0.0),
                        "credit": max(balance, 0.0),
                        "date_maturity": self.date,
                    },
                ),
            ],
        }

    def _account_liquidity_account(self) -> Any:
        """Where the money is booked: a bank journal's payments wait on the company's outstanding
        receipts or payments account until their bank line is reconciled; cash is in the cash account."""
        company = self.company_id or self.env.company
        if self.journal_id.type == "bank":
            outstanding = (
                company.account_journal_payment_debit_account_id
                if self.payment_type == "inbound"
                else company.account_journal_payment_credit_account_id
            )
            if outstanding:
                return outstanding
        return self.journal_id.default_account_id

    def _compute_is_matched(self) -> None:
        for payment in self:
            account = payment._account_liquidity_account()
            lines = payment.move_id.line_ids.filtered(lambda ln, acc=account: ln.account_id == acc)
            payment.is_matched = bool(lines) and (
                not account.reconcile or all(lines.mapped("reconciled"))
            )

    @public
    def action_cancel(self) -> bool:
        """Cancel draft payments."""
        if self.filtered(lambda p: p.state == "posted"):
            raise UserError(_("A posted payment cannot be cancelled: reverse its journal entry instead."))
        self.write({"state": "cancel"})
        return True

    def _compute_display_name(self) -> None:
        for payment in self:
            payment.display_name = payment.move_id.name or _("Draft Payment")
