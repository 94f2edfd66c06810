"""Credit notes: the reversal of invoices (and entries), as a draft to post, or posted and reconciled
with the entry it reverses."""

from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import UserError

REVERSED_TYPE = {
    "out_invoice": "out_refund",
    "out_refund": "out_invoice",
    "in_invoice": "in_refund",
    "in_refund": "in_invoice",
    "entry": "entry",
}
INVOICE_LINE_FIELDS = (
    "product_id",
    "name",
    "quantity",
    "price_unit",
    "discount",
    "account_id",
    "product_uom_id",
    "sequence",
    "display_type",
)


@model("account.move.reversal")
class AccountMoveReversal:
    def _default_move_ids(self) -> list[Any]:
        context = self.env.context
        if context.get("active_model") != "account.move":
            return []
        return [(6, 0, self.env["account.move"].browse(context.get("active_ids") or []).exists().ids)]

    def _account_reverse(self, cancel: bool) -> Any:
        self.ensure_one()
        moves = self.move_ids
        if not moves:
            raise UserError(_("Choose the entries to reverse."))
        wrong = moves.filtered(lambda m: m.state != "posted")
        if wrong:
            raise UserError(
                _(
                    "Only posted entries can be reversed: %(moves)s.",
                    moves=", ".join(wrong.mapped("display_name")),
                )
            )
        new_moves = moves._reverse_moves(
            [self._account_default_values(move) for move in moves], cancel=cancel
        )
        self.write({"new_move_ids": [(6, 0, new_moves.ids)]})
        return new_moves

    def _account_default_values(self, move: Any) -> dict[str, Any]:
        reason = (
            _("Reversal of: %(move)s, %(reason)s", move=move.name, reason=self.reason)
            if self.reason
            else _("Reversal of: %(move)s", move=move.name)
        )
        return {
            "ref": reason,
            "date": self.date,
            "invoice_date": self.date if move.is_invoice else False,
            "journal_id": (self.journal_id or move.journal_id).id,
        }

    @public
    def refund_moves(self) -> dict[str, Any]:
        """Draft credit notes of the entries, to check and post; their window action."""
        return self._account_action(self._account_reverse(cancel=False))

    @public
    def reverse_moves(self, is_modify: bool = False) -> dict[str, Any]:
        """Posted credit notes reconciled with the entries they reverse (which become reversed)."""
        return self._account_action(self._account_reverse(cancel=True))

    def _account_action(self, moves: Any) -> dict[str, Any]:
        action: dict[str, Any] = {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "name": _("Reverse Moves"),
        }
        if len(moves) == 1:
            action.update({"res_id": moves.id, "view_mode": "form", "views": [[False, "form"]]})
        else:
            action.update(
                {
                    "domain": [("id", "in", moves.ids)],
                    "view_mode": "list,form",
                    "views": [[False, "list"], [False, "form"]],
                }
            )
        return action


@model("account.move")
class AccountMoveReverse:
    def _reverse_moves(
        self, default_values_list: list[dict[str, Any]] | None = None, cancel: bool = False
    ) -> Any:
        """The reversals of these posted entries (credit notes of invoices), posted and reconciled with
        them when ``cancel``."""
        default_values_list = default_values_list or [{} for _move in self]
        reversals = self.env["account.move"]
        for move, defaults in zip(self, default_values_list, strict=True):
            reversals |= self.env["account.move"].create(move._account_reversal_values(defaults))
        if cancel:
            reversals.action_post()
            for move, reversal in zip(self, reversals, strict=True):
                for account in move.line_ids.mapped("account_id").filtered("reconcile"):
                    lines = (move.line_ids | reversal.line_ids).filtered(
                        lambda ln, account=account: ln.account_id == account and not ln.reconciled
                    )
                    lines.reconcile()
        return reversals

    def _account_reversal_values(self, defaults: dict[str, Any]) -> dict[str, Any]:
        values = {
            "move_type": REVERSED_TYPE[self.move_type],
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "reversed_entry_id": self.id,
            "fiscal_position_id": self.fiscal_position_id.id,
            "invoice_payment_term_id": self.invoice_payment_term_id.id,
            "invoice_origin": self.invoice_origin,
            **{k: v for k, v in defaults.items() if v is not False},
        }
        if self.is_invoice:
            values["invoice_line_ids"] = [
                (
                    0,
                    0,
                    {
                        **{name: _value(line, name) for name in INVOICE_LINE_FIELDS},
                        "tax_ids": [(6, 0, line.tax_ids.ids)],
                    },
                )
                for line in self.line_ids.filtered(
                    lambda ln: ln.display_type in ("product", "line_section", "line_note")
                )
            ]
        else:
            values["line_ids"] = [
                (
                    0,
                    0,
                    {
                        "account_id": line.account_id.id,
                        "partner_id": line.partner_id.id,
                        "name": line.name,
                        "currency_id": line.currency_id.id,
                        "amount_currency": -line.amount_currency,
                        "debit": line.credit,
                        "credit": line.debit,
                        "date_maturity": line.date_maturity,
                    },
                )
                for line in self.line_ids
            ]
        return values


def _value(line: Any, name: str) -> Any:
    value = line[name]
    return value.id if hasattr(value, "_name") else value
