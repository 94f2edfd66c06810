"""Opportunities and their quotations: the new quotation, the counts and totals, and the opportunity
won when one of its quotations is confirmed."""

from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import UserError


@model("crm.lead")
class CrmLeadSale:
    def _compute_sale_data(self) -> None:
        for lead in self:
            company_currency = lead.currency_id or self.env.company.currency_id
            quotations = lead.order_ids.filtered(lambda order: order.state in ("draft", "sent"))
            orders = lead.order_ids.filtered(lambda order: order.state == "sale")
            lead.quotation_count = len(quotations)
            lead.sale_order_count = len(orders)
            lead.quotation_amount_total = _total_in(quotations, company_currency)
            lead.sale_amount_total = _total_in(orders, company_currency)

    @public
    def action_sale_quotations_new(self) -> dict[str, Any]:
        """A new quotation for the opportunity's customer (found or created from the lead), with its
        salesperson, team and marketing source; the window action opening it."""
        self.ensure_one()
        if not self.active:
            raise UserError(_("The opportunity %(lead)s is lost: restore it to quote it.", lead=self.name))
        if not self.partner_id:
            self._handle_partner_assignment(create_missing=True)
        if not self.partner_id:
            raise UserError(
                _(
                    "Set the customer of %(lead)s (or its company or contact name) to make a quotation.",
                    lead=self.name,
                )
            )
        order = self.env["sale.order"].create(self._quotation_values())
        return {
            "type": "ir.actions.act_window",
            "name": _("Quotation"),
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "context": {},
        }

    def _quotation_values(self) -> dict[str, Any]:
        values = {
            "partner_id": self.partner_id.id,
            "opportunity_id": self.id,
            "origin": self.name,
            "campaign_id": self.campaign_id.id,
            "medium_id": self.medium_id.id,
            "source_id": self.source_id.id,
        }
        if self.user_id:
            values["user_id"] = self.user_id.id
        if self.team_id:
            values["team_id"] = self.team_id.id
        if self.company_id:
            values["company_id"] = self.company_id.id
        return values

    @public
    def action_view_sale_quotation(self) -> dict[str, Any]:
        """The window action listing the opportunity's quotations."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Quotations"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "context": {"default_opportunity_id": self.id},
            "domain": [("opportunity_id", "=", self.id), ("state", "in", ["draft", "sent"])],
        }

    @public
    def action_view_sale_order(self) -> dict[str, Any]:
        """The window action listing the opportunity's confirmed orders."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Sales Orders"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "context": {"default_opportunity_id": self.id},
            "domain": [("opportunity_id", "=", self.id), ("state", "=", "sale")],
        }


def _total_in(orders: Any, currency: Any) -> float:
    """The untaxed total of ``orders`` in ``currency``."""
    total = 0.0
    for order in orders:
        amount = order.amount_untaxed
        if order.currency_id and currency and order.currency_id != currency:
            amount = order.currency_id._convert(amount, currency, order.company_id, order.date_order.date())
        total += amount
    return currency.round(total) if currency else total


@model("sale.order")
class SaleOrderCrm:
    @public
    def action_confirm(self) -> bool:
        """Confirm, then win each opportunity with the total of its confirmed orders."""
        result = super().action_confirm()
        leads = self.mapped("opportunity_id").filtered("active")
        for lead in leads:
            lead.write({"expected_revenue": lead.sale_amount_total})
        pending = leads.filtered(lambda lead: lead.probability < 100)
        if pending:
            pending.action_set_won()
        return result
