"""A payment's invoices leave "in payment" for "paid" when the payment's outstanding item is matched
with its bank line, and go back when that match is undone, whichever way the items were (un)matched."""

from __future__ import annotations

from typing import Any

from core import model


@model("account.move.line")
class AccountMoveLinePaymentState:
    def reconcile(self) -> bool:
        result = super().reconcile()
        self._account_payment_invoices().account_refresh_payment_state()
        return result

    def remove_move_reconcile(self) -> bool:
        invoices = self._account_payment_invoices()
        result = super().remove_move_reconcile()
        invoices.exists().account_refresh_payment_state()
        return result

    def _account_payment_invoices(self) -> Any:
        """The invoices settled by the payments whose items these are, or that these are matched with."""
        lines = self.exists()
        partials = lines.mapped("matched_debit_ids") | lines.mapped("matched_credit_ids")
        moves = lines.mapped("move_id") | (
            partials.mapped("debit_move_id") | partials.mapped("credit_move_id")
        ).mapped("move_id")
        payment_lines = moves.filtered("payment_id").mapped("line_ids")
        settled = payment_lines.mapped("matched_debit_ids") | payment_lines.mapped("matched_credit_ids")
        return (
            (settled.mapped("debit_move_id") | settled.mapped("credit_move_id"))
            .mapped("move_id")
            .filtered("is_invoice")
        )
