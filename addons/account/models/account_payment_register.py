"""The "Register Payment" wizard: pay the invoices of the context (active_model/active_ids) and
reconcile them with the payment."""

from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import UserError, ValidationError


@model("account.payment.register")
class AccountPaymentRegister:
    def _account_context_lines(self) -> Any:
        """The open receivable or payable items of the invoices (or items) the wizard was opened on."""
        context = self.env.context
        ids = context.get("active_ids") or ([context["active_id"]] if context.get("active_id") else [])
        if context.get("active_model") == "account.move":
            lines = self.env["account.move"].browse(ids).exists().mapped("line_ids")
        elif context.get("active_model") == "account.move.line":
            lines = self.env["account.move.line"].browse(ids).exists()
        else:
            return self.env["account.move.line"]
        return lines.filtered(
            lambda ln: (
                ln.account_type in ("asset_receivable", "liability_payable")
                and ln.parent_state == "posted"
                and not ln.reconciled
            )
        )

    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        values = super().default_get(fields_list)
        lines = self._account_context_lines()
        if lines:
            values.update(self._account_values_from(lines))
        return values

    def _account_values_from(self, lines: Any) -> dict[str, Any]:
        residual = sum(lines.mapped("amount_residual_currency"))
        journal = self.env["account.journal"].search(
            [("type", "in", ("bank", "cash")), ("company_id", "=", lines[0].company_id.id)], limit=1
        )
        moves = lines.mapped("move_id")
        return {
            "line_ids": [(6, 0, lines.ids)],
            "amount": abs(residual),
            "amount_residual": abs(residual),
            "currency_id": lines[0].currency_id.id,
            "partner_id": lines[0].partner_id.id,
            "payment_type": "inbound" if residual > 0 else "outbound",
            "partner_type": "customer" if lines[0].account_type == "asset_receivable" else "supplier",
            "communication": ", ".join(m.payment_reference or m.name for m in moves),
            "journal_id": journal.id or False,
        }

    def create(self, vals_list: Any) -> Any:
        """Values not given come from the invoices of the context."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if isinstance(items, list) and all(isinstance(v, dict) for v in items):
            lines = self._account_context_lines()
            for vals in items:
                given = self.env["account.move.line"].browse(_ids(vals.get("line_ids")))
                source = given or lines
                if source:
                    for key, value in self._account_values_from(source).items():
                        vals.setdefault(key, value)
        return super().create(vals_list)

    @public
    def action_create_payments(self) -> dict[str, Any] | bool:
        """Create and post the payment, reconcile it with the invoices; the payment's window action (True
        when opened from an invoice, which then shows its new amount due)."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda ln: not ln.reconciled)
        if not lines:
            raise UserError(_("There is nothing left to pay on these invoices."))
        if len(lines.mapped("partner_id.commercial_partner_id")) > 1 or len(lines.mapped("account_id")) > 1:
            raise UserError(_("Register the payments of one partner and one account at a time."))
        if self.amount <= 0:
            raise ValidationError(_("The amount to pay must be positive."), field="amount")
        if not self.journal_id:
            raise ValidationError(_("Choose the bank or cash journal of the payment."), field="journal_id")
        payment = self.env["account.payment"].create(
            {
                "payment_type": self.payment_type,
                "partner_type": self.partner_type,
                "partner_id": self.partner_id.commercial_partner_id.id,
                "amount": self.amount,
                "currency_id": self.currency_id.id,
                "date": self.payment_date,
                "journal_id": self.journal_id.id,
                "ref": self.communication,
            }
        )
        payment.action_post()
        counterpart = payment.move_id.line_ids.filtered(lambda ln: ln.account_id == lines[0].account_id)
        (counterpart | lines).reconcile()
        if self.env.context.get("dont_redirect_to_payments"):
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment",
            "res_id": payment.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "name": _("Payments"),
        }


def _ids(value: Any) -> list[int]:
    if not value:
        return []
    if all(isinstance(item, int) for item in value):
        return list(value)
    ids: list[int] = []
    for command in value:
        if isinstance(command, (list, tuple)) and command and command[0] == 6:
            ids = list(command[2])
        elif isinstance(command, (list, tuple)) and command and command[0] == 4:
            ids.append(command[1])
    return ids
