"""The revenue an opportunity has brought in: its orders' posted invoices, less credit notes."""

from __future__ import annotations

from typing import Any

from core import _, model, public


@model("crm.lead")
class CrmLeadInvoicing:
    def _compute_invoiced_amount(self) -> None:
        for lead in self:
            invoices = lead._invoicing_moves().filtered(lambda move: move.state == "posted")
            # amount_total_signed is in the company's currency, negative for credit notes; untaxed:
            total = 0.0
            for move in invoices:
                sign = -1.0 if move.move_type == "out_refund" else 1.0
                rate = abs(move.amount_total_signed / move.amount_total) if move.amount_total else 1.0
                total += sign * move.amount_untaxed * rate
            currency = lead.currency_id or self.env.company.currency_id
            lead.invoiced_amount = currency.round(total) if currency else total

    def _invoicing_moves(self) -> Any:
        return self.order_ids.mapped("invoice_ids")

    @public
    def action_view_invoices(self) -> dict[str, Any]:
        """The invoices and credit notes of the opportunity's orders."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "views": [[False, "list"], [False, "form"]],
            "domain": [("id", "in", self._invoicing_moves().ids)],
        }
