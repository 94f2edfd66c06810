"""The two dialogs of the pipeline: marking leads lost with a reason, and converting a lead."""
from __future__ import annotations

from typing import Any

from markupsafe import Markup

from core import _, model, public
from core.exceptions import UserError


def _active_ids(env: Any) -> list[int]:
    context = env.context
    if context.get("active_model", "crm.lead") != "crm.lead":
        return []
    return list(context.get("active_ids") or ([context["active_id"]] if context.get("active_id") else []))


@model("crm.lead.lost")
class CrmLeadLost:
    def _default_lead_ids(self) -> list[Any]:
        ids = _active_ids(self.env)
        return [(6, 0, ids)] if ids else []

    @public
    def action_lost_reason_apply(self) -> bool:
        """Mark the leads lost with the reason, and log the closing note in their chatter."""
        self.ensure_one()
        if not self.lead_ids:
            raise UserError(_("Select the leads to mark as lost."))
        extra = {"lost_reason_id": self.lost_reason_id.id} if self.lost_reason_id else {}
        if self.lost_feedback:
            for lead in self.lead_ids:
                if hasattr(lead, "message_post"):
                    lead.message_post(body=Markup(self.lost_feedback), subtype_xmlid="mail.mt_note",
                                      message_type="comment")
        self.lead_ids.action_set_lost(**extra)
        return True


@model("crm.lead2opportunity.partner")
class CrmLead2OpportunityPartner:
    def _default_lead_id(self) -> int | bool:
        ids = _active_ids(self.env)
        return ids[0] if ids else False

    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        values = super().default_get(fields_list)
        lead = self.env["crm.lead"].browse(values.get("lead_id") or self._default_lead_id() or [])
        if not lead:
            return values
        partner = lead._find_matching_partner()
        duplicates = lead._get_lead_duplicates()
        found = {"lead_id": lead.id, "partner_id": partner.id or False,
                 "action": "exist" if partner else "create",
                 "duplicated_lead_ids": [(6, 0, duplicates.ids)],
                 "name": "merge" if len(duplicates) > 1 else "convert",
                 "user_id": lead.user_id.id or False, "team_id": lead.team_id.id or False}
        # what the lead says wins over the fields' defaults, not over defaults the caller gave
        values.update({key: value for key,
                       value in found.items() if f"default_{key}" not in self.env.context})
        return {key: value for key, value in values.items() if fields_list is None or key in fields_list}

    @public
    def action_apply(self) -> dict[str, Any]:
        """Merge (when asked) and convert; the window action showing the resulting opportunity."""
        self.ensure_one()
        result = self.lead_id
        if self.name == "merge":
            leads = self.duplicated_lead_ids | self.lead_id
            if len(leads) > 1:
                result = leads.merge_opportunity(self.user_id.id, self.team_id.id)
        if self.action == "exist":
            if not self.partner_id:
                raise UserError(_("Choose the existing customer to link the opportunity to."))
            partner = self.partner_id
        elif self.action == "create":
            partner = result._create_customer() if not result.partner_id else result.partner_id
        else:
            partner = self.env["res.partner"]
        users = [self.user_id.id] if self.user_id else False
        result.convert_opportunity(partner, users, self.team_id.id or False)
        return {"type": "ir.actions.act_window", "res_model": "crm.lead", "res_id": result.id,
                "view_mode": "form", "name": result.name, "context": {}}
