"""Customer 360°: a partner's opportunities, activities and messages, counted over the company and
its contacts, with the actions behind the smart buttons. Other addons (quotations, invoices,
tickets) add their own counts and buttons to the same view."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from core import _, model, public


@model("res.partner")
class ResPartnerCustomer:
    def _family(self) -> dict[int, int]:
        """Each partner of ``self`` and of their contacts -> the partner of ``self`` it counts for."""
        ids = [i for i in self._ids if isinstance(i, int)]
        if not ids:
            return {}
        members = self.with_context(active_test=False).search([("id", "child_of", ids)])
        owner: dict[int, int] = {}
        wanted = set(ids)
        for partner in members:
            current = partner
            while current and current.id not in wanted:
                current = current.parent_id
            if current:
                owner[partner.id] = current.id
        return owner

    def _customer_leads(self, family: dict[int, int]) -> dict[int, int]:
        """Lead id -> partner of ``self`` it belongs to (lost ones included)."""
        if not family:
            return {}
        leads = self.env["crm.lead"].with_context(active_test=False).search_read(
            [("partner_id", "in", list(family))], ["partner_id"], load=None)
        return {row["id"]: family[row["partner_id"]] for row in leads}

    def _count_by_document(self, model_name: str, model_field: str, family: dict[int, int],
                           leads: dict[int, int]) -> dict[int, int]:
        """How many ``model_name`` rows (activities, messages) each partner has, on itself, its contacts
        and its leads, among the rows the user may see."""
        counts: dict[int, int] = defaultdict(int)
        if model_name not in self.env or not self.env[model_name].check_access_rights("read",
                                                                                      raise_exception=False):
            return counts
        domain: list[Any] = ["|", "&", (model_field, "=", "res.partner"), ("res_id", "in", list(family)),
                             "&", (model_field, "=", "crm.lead"), ("res_id", "in", list(leads) or [0])]
        for row in self.env[model_name].search_read(domain, [model_field, "res_id"], load=None):
            owners = family if row[model_field] == "res.partner" else leads
            owner = owners.get(row["res_id"])
            if owner:
                counts[owner] += 1
        return counts

    def _compute_customer_counts(self) -> None:
        family = self._family()
        leads = self._customer_leads(family)
        opportunities: dict[int, int] = defaultdict(int)
        for owner in leads.values():
            opportunities[owner] += 1
        activities = self._count_by_document("mail.activity", "res_model", family, leads)
        messages = self._count_by_document("mail.message", "model", family, leads)
        for partner in self:
            key = partner._ids[0]
            partner.opportunity_count = opportunities.get(key, 0)
            partner.customer_activity_count = activities.get(key, 0)
            partner.customer_message_count = messages.get(key, 0)

    # -- smart buttons ---------------------------------------------------------------------
    def _documents_domain(self, model_field: str) -> list[Any]:
        family = self._family()
        leads = self._customer_leads(family)
        return ["|", "&", (model_field, "=", "res.partner"), ("res_id", "in", list(family)),
                "&", (model_field, "=", "crm.lead"), ("res_id", "in", list(leads) or [0])]

    @public
    def action_view_opportunity(self) -> dict[str, Any]:
        """The window action listing the customer's leads and opportunities."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Opportunities"), "res_model": "crm.lead",
                "view_mode": "kanban,list,form", "domain": [("partner_id", "child_of", self.id)],
                "context": {"default_partner_id": self.id, "default_type": "opportunity",
                            "active_test": False}}

    @public
    def action_view_activities(self) -> dict[str, Any]:
        """The window action listing the activities on the customer and on its leads."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Activities"), "res_model": "mail.activity",
                "view_mode": "list,form,calendar", "domain": self._documents_domain("res_model"),
                "context": {}}

    @public
    def action_view_messages(self) -> dict[str, Any]:
        """The window action listing the messages about the customer and its leads."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": _("Messages"), "res_model": "mail.message",
                "view_mode": "list,form", "domain": self._documents_domain("model"), "context": {}}
