"""Reconciling a bank line: its suspense item becomes one item per matched invoice, bill or payment
(on their receivable, payable or outstanding account, for what each has left), reconciled with them;
what is left stays in suspense, or goes to a counterpart account chosen by hand. The entry stays
balanced: only the suspense side is redrawn."""

from __future__ import annotations

from typing import Any

from addons.account.models.account_move import NO_SYNC
from addons.account.models.account_move_lock import unlocked
from core import _, model, public
from core.exceptions import UserError, ValidationError


@model("account.bank.statement.line")
class AccountBankStatementLineReconcile:
    @public
    def action_reconcile(self) -> bool:
        """Reconcile each line with its matching items (and counterpart account); True."""
        for line in self:
            line._account_reconcile(line.counterpart_line_ids)
        return True

    @public
    def action_accept_suggestions(self) -> bool:
        """Reconcile the lines whose suggested items cover their amount exactly; the others are left
        for a hand reconciliation. True."""
        for line in self.filtered(lambda ln: not ln.is_reconciled):
            if not line.counterpart_line_ids:
                line._account_suggest()
            items = line.counterpart_line_ids
            if items and line.currency_id.is_zero(line._account_items_total(items) - line.amount):
                line._account_reconcile(items)
        return True

    def _account_items_total(self, items: Any) -> float:
        """What the items add up to, seen from the bank (a customer's open invoice is money in)."""
        return sum(items.mapped("amount_residual"))

    def _account_reconcile(self, items: Any) -> None:
        if self.is_reconciled:
            raise UserError(_("The bank line %(line)s is already reconciled.", line=self.display_name))
        items = items.filtered(lambda item: not item.reconciled)
        if not items and not self.writeoff_account_id:
            raise ValidationError(
                _(
                    "Choose the items that the bank line %(line)s pays, or a counterpart account.",
                    line=self.display_name,
                ),
                field="counterpart_line_ids",
            )
        if items.filtered(lambda item: item.parent_state != "posted" or not item.account_id.reconcile):
            raise ValidationError(
                _("Only open posted items of reconcilable accounts can be matched with a bank line."),
                field="counterpart_line_ids",
            )
        if items.filtered(lambda item: item.company_id != self.company_id):
            raise ValidationError(
                _("The matching items belong to another company than the bank line's."),
                field="counterpart_line_ids",
            )
        suspense_lines = self._account_suspense_lines()
        currency = self.currency_id
        left = -sum(suspense_lines.mapped("balance"))  # what the suspense side still holds, bank sign
        if currency.is_zero(left):
            raise UserError(
                _("Nothing of the bank line %(line)s is left to reconcile.", line=self.display_name)
            )
        Line = self.env["account.move.line"].with_context(**{NO_SYNC: True})
        move = self.move_id
        pairs = []
        new_vals = []
        for item in items.sorted(lambda it: (it.date_maturity or it.date, it.id)):
            if currency.is_zero(left):
                break
            residual = item.amount_residual  # > 0: money to come in, < 0: money to go out
            if residual * left <= 0:
                continue  # an item of the other direction is never paid by this line
            part = min(abs(residual), abs(left)) * (1 if left > 0 else -1)
            new_vals.append(
                {
                    "move_id": move.id,
                    "account_id": item.account_id.id,
                    "partner_id": item.partner_id.id or self.partner_id.commercial_partner_id.id or False,
                    "name": item.move_id.payment_reference or item.move_id.name or self.payment_ref,
                    "currency_id": currency.id,
                    "amount_currency": -part,
                    "debit": max(-part, 0.0),
                    "credit": max(part, 0.0),
                }
            )
            pairs.append(item)
            left = currency.round(left - part)
        if not pairs and not self.writeoff_account_id:
            raise ValidationError(
                _("None of the chosen items goes the way of the bank line %(line)s.", line=self.display_name),
                field="counterpart_line_ids",
            )
        if self.writeoff_account_id and not currency.is_zero(left):
            new_vals.append(
                {
                    "move_id": move.id,
                    "account_id": self.writeoff_account_id.id,
                    "partner_id": self.partner_id.commercial_partner_id.id or False,
                    "name": self.writeoff_label or self.payment_ref,
                    "currency_id": currency.id,
                    "amount_currency": -left,
                    "debit": max(-left, 0.0),
                    "credit": max(left, 0.0),
                }
            )
            left = 0.0
        with unlocked(move), unlocked(move.line_ids):
            created = Line.create(new_vals)
            with unlocked(suspense_lines):
                if currency.is_zero(left):
                    suspense_lines.unlink()
                else:
                    first, rest = suspense_lines[0], suspense_lines[1:]
                    rest.unlink()
                    first.write(
                        {"debit": max(-left, 0.0), "credit": max(left, 0.0), "amount_currency": -left}
                    )
        move._account_check_balanced()
        for new_line, item in zip(created, pairs, strict=False):
            (new_line | item).reconcile()
        super().write({"is_reconciled": currency.is_zero(left), "counterpart_line_ids": [(5,)]})
        self._account_touched_invoices(created).account_refresh_payment_state()

    def _account_touched_invoices(self, lines: Any) -> Any:
        """The invoices settled, directly or through a payment, by these items."""
        partials = lines.mapped("matched_debit_ids") | lines.mapped("matched_credit_ids")
        moves = (partials.mapped("debit_move_id") | partials.mapped("credit_move_id")).mapped("move_id")
        invoices = moves.filtered("is_invoice")
        payments = moves.filtered("payment_id")
        if payments:
            payment_lines = payments.mapped("line_ids")
            invoices |= self._account_touched_invoices_direct(payment_lines)
        return invoices

    def _account_touched_invoices_direct(self, lines: Any) -> Any:
        partials = lines.mapped("matched_debit_ids") | lines.mapped("matched_credit_ids")
        moves = (partials.mapped("debit_move_id") | partials.mapped("credit_move_id")).mapped("move_id")
        return moves.filtered("is_invoice")

    @public
    def action_undo_reconciliation(self) -> bool:
        """Unmatch the lines and put their amounts back in the suspense account; True."""
        for line in self.filtered("move_id"):
            move = line.move_id
            bank_account = line.journal_id.default_account_id
            others = move.line_ids.filtered(lambda ln, acc=bank_account: ln.account_id != acc)
            invoices = line._account_touched_invoices(others)
            others.remove_move_reconcile()
            suspense = line._account_suspense_account()
            amount = line.currency_id.round(line.amount)
            with unlocked(move), unlocked(others):
                others.with_context(**{NO_SYNC: True}).unlink()
                self.env["account.move.line"].with_context(**{NO_SYNC: True}).create(
                    {
                        "move_id": move.id,
                        "account_id": suspense.id,
                        "partner_id": line.partner_id.commercial_partner_id.id or False,
                        "name": line.payment_ref,
                        "currency_id": line.currency_id.id,
                        "amount_currency": -amount,
                        "debit": max(-amount, 0.0),
                        "credit": max(amount, 0.0),
                    }
                )
            move._account_check_balanced()
            super(AccountBankStatementLineReconcile, line).write({"is_reconciled": False})
            invoices.account_refresh_payment_state()
        return True
