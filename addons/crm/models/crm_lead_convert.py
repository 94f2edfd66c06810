"""From lead to opportunity: finding or creating the customer, spotting duplicates, merging them."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import phonenumbers
from markupsafe import Markup, escape

from core import _, clock, model, public
from core.domain.parse import OR_
from core.exceptions import UserError

# what a merge does with each field: the head's value, else the first one among the others;
# these are handled on their own (or not copied at all)
MERGE_SKIP = frozenset({"id", "create_uid", "create_date", "write_uid", "write_date", "display_name",
                        "active",
                        "type", "stage_history_ids", "activity_ids", "message_ids", "message_follower_ids",
                        "description", "tag_ids", "date_conversion", "won_status", "phone_sanitized"})


def sanitize_phone(value: str | bool) -> str | bool:
    """The phone number in E.164 form (Spain when it has no + prefix), or its digits."""
    if not value:
        return False
    text = str(value).strip()
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else "ES")
        if phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits or False


@model("crm.lead")
class CrmLeadConvert:
    # -- duplicates ------------------------------------------------------------------------
    def _compute_phone_sanitized(self) -> None:
        for lead in self:
            lead.phone_sanitized = sanitize_phone(lead.mobile) or sanitize_phone(lead.phone)

    def _duplicate_domain(self) -> list[Any]:
        """Leads sharing this lead's email, phone, company name or customer."""
        clauses: list[list[Any]] = []
        if self.email_from:
            clauses.append([("email_from", "=ilike", self.email_from.strip())])
        phones = [p for p in {sanitize_phone(self.phone), sanitize_phone(self.mobile)} if p]
        if phones:
            clauses.append([("phone_sanitized", "in", phones)])
        if self.partner_name and self.partner_name.strip():
            clauses.append([("partner_name", "=ilike", self.partner_name.strip())])
        if self.partner_id:
            clauses.append([("partner_id", "child_of", self.partner_id.commercial_partner_id.id)])
        return OR_(clauses) if clauses else []

    def _get_lead_duplicates(self, include_lost: bool = False) -> Any:
        """This lead and the other leads that look like the same deal (same email, phone, company or
        customer)."""
        self.ensure_one()
        domain = self._duplicate_domain()
        if not domain:
            return self
        leads = self.with_context(active_test=not include_lost)
        if not include_lost:
            domain = domain + [("won_status", "!=", "won")]
        return leads.search(domain) | self

    def _compute_duplicate_lead_ids(self) -> None:
        for lead in self:
            if not isinstance(lead._ids[0], int):
                lead.duplicate_lead_ids = False
                lead.duplicate_lead_count = 0
                continue
            duplicates = lead._get_lead_duplicates() - lead
            lead.duplicate_lead_ids = duplicates
            lead.duplicate_lead_count = len(duplicates)

    # -- the customer ----------------------------------------------------------------------
    def _find_matching_partner(self, email_only: bool = False) -> Any:
        """The customer this lead is about: its partner, else one with the same email, phone or name."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        if self.partner_id:
            return self.partner_id
        if self.email_from:
            found = Partner.search([("email", "=ilike", self.email_from.strip())], limit=1)
            if found or email_only:
                return found
        phones = [p for p in {sanitize_phone(self.phone), sanitize_phone(self.mobile)} if p]
        if phones:
            found = Partner.search([("phone_sanitized", "in", phones)], limit=1)
            if found:
                return found
        if self.partner_name:
            found = Partner.search([("name", "=ilike", self.partner_name.strip()), ("is_company", "=", True)],
                                   limit=1)
            if found:
                return found
        if self.contact_name:
            return Partner.search([("name", "=ilike", self.contact_name.strip())], limit=1)
        return Partner

    def _prepare_customer_values(self, name: str, is_company: bool,
                                 parent_id: int | bool = False) -> dict[str, Any]:
        values = {
            "name": name, "is_company": is_company, "parent_id": parent_id,
            "user_id": self.user_id.id or False, "team_id": self.team_id.id or False,
            "street": self.street, "street2": self.street2, "zip": self.zip, "city": self.city,
            "state_id": self.state_id.id or False, "country_id": self.country_id.id or False,
            "website": self.website, "comment": self.description,
        }
        if not (is_company and self.contact_name):
            values.update(email=self.email_from, phone=self.phone, mobile=self.mobile, function=self.function)
        return {key: value for key, value in values.items()
                if value not in (None, "", False) or key == "is_company"}

    def _create_customer(self) -> Any:
        """A new customer from the lead: its company, and the contact person inside it when both are known."""
        self.ensure_one()
        # the lead's default_* context keys (default_type...) mean something else on a contact
        context = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
        Partner = self.env["res.partner"].with_context(context)
        contact = self.contact_name or (self.email_from or "").split("@")[0] or self.name
        if self.partner_name:
            company = Partner.create(self._prepare_customer_values(self.partner_name, True))
            if self.contact_name:
                return Partner.create(self._prepare_customer_values(contact, False, company.id))
            return company
        return Partner.create(self._prepare_customer_values(contact, False))

    def _handle_partner_assignment(self, force_partner_id: int | bool = False,
                                   create_missing: bool = True) -> None:
        for lead in self:
            if force_partner_id:
                lead.partner_id = force_partner_id
                continue
            partner = lead._find_matching_partner()
            if not partner and create_missing:
                partner = lead._create_customer()
            if partner and partner != lead.partner_id:
                lead.partner_id = partner.id

    # -- conversion ------------------------------------------------------------------------
    @public
    def convert_opportunity(self, partner: Any = False, user_ids: list[int] | bool = False,
                            team_id: int | bool = False) -> bool:
        """Turn the leads into opportunities of ``partner`` (a partner or its id); salespersons from
        ``user_ids`` in turn, and ``team_id``, when given."""
        partner_id = partner.id if hasattr(partner, "_ids") else (int(partner) if partner else False)
        if partner_id and not self.env["res.partner"].browse(partner_id).exists():
            raise UserError(_("Invalid customer %(id)s: no such contact.", id=partner_id))
        now = clock.utcnow()
        for lead in self:
            if not lead.active or lead.won_status != "pending":
                continue
            values: dict[str, Any] = {"type": "opportunity", "date_conversion": now}
            if partner_id:
                values["partner_id"] = partner_id
            if team_id:
                values["team_id"] = team_id
            lead.write(values)
        if user_ids:
            self._handle_salesmen_assignment(list(user_ids), team_id)
        return True

    def _handle_salesmen_assignment(self, user_ids: list[int], team_id: int | bool = False) -> None:
        """Give the leads to ``user_ids`` in turn (the first lead to the first user, and so on)."""
        groups: dict[int, list[int]] = defaultdict(list)
        for index, lead in enumerate(self):
            groups[user_ids[index % len(user_ids)]].append(lead.id)
        for user_id, lead_ids in groups.items():
            values: dict[str, Any] = {"user_id": user_id}
            if team_id:
                values["team_id"] = team_id
            self.browse(lead_ids).write(values)

    @public
    def action_convert_opportunity(self) -> bool:
        """Convert in one click: link each lead to its customer (found by email, phone or name, else
        created) and make it an opportunity."""
        for lead in self:
            lead._handle_partner_assignment()
            lead.convert_opportunity(lead.partner_id)
        return True

    # -- merge -----------------------------------------------------------------------------
    def _sort_by_confidence_level(self) -> Any:
        """Most advanced first: opportunities, later stages, higher probability, then the oldest."""
        return self.sorted(key=lambda lead: (lead.type != "opportunity", not lead.active,
                                             -(lead.stage_id.sequence or 0), -(lead.probability or 0),
                                             lead.id))

    @public
    def merge_opportunity(self, user_id: int | bool = False, team_id: int | bool = False,
                          auto_unlink: bool = True) -> Any:
        """Merge these leads into the most advanced one, which keeps every message, activity and
        attachment of the others; the others are deleted. The merged lead."""
        if len(self) <= 1:
            raise UserError(_("Please select more than one element (lead or opportunity) from the list "
                              "view."))
        ordered = self.with_context(active_test=False)._sort_by_confidence_level()
        head, tails = ordered[0], ordered[1:]
        values = ordered._merge_values()
        if user_id:
            values["user_id"] = user_id
        if team_id:
            values["team_id"] = team_id
        head.write(values)
        self._merge_dependences(head, tails)
        if auto_unlink:
            tails.sudo().unlink()
        return head

    def _merge_values(self) -> dict[str, Any]:
        """Values of the merged lead: the first set value of each field, in confidence order."""
        values: dict[str, Any] = {}
        head = self[0]
        for name, field in self._fields.items():
            if name in MERGE_SKIP or not field.column or field.related or field.computed and field.readonly:
                continue
            if name == "probability":
                values[name] = head.probability
                continue
            for lead in self:
                value = lead[name]
                if value:
                    values[name] = field.convert_to_write(value, lead)
                    break
        values["tag_ids"] = [(6, 0, self.mapped("tag_ids").ids)]
        notes = [lead.description for lead in self if lead.description]
        if notes:
            values["description"] = str(Markup("<br/>").join(Markup(note) for note in notes))
        if any(lead.type == "opportunity" for lead in self):
            values["type"] = "opportunity"
        return values

    def _merge_dependences(self, head: Any, tails: Any) -> None:
        """Move what refers to the merged leads by (model, res_id): messages, activities, attachments,
        followers; then tell the story in the head's chatter."""
        sudo = self.env(su=True)
        references = (("mail.message", "model"), ("mail.activity", "res_model"), ("ir.attachment",
                                                                                  "res_model"),
                      ("mail.followers", "res_model"))
        for model_name, model_field in references:
            if model_name not in sudo:
                continue
            records = sudo[model_name].with_context(active_test=False).search(
                [(model_field, "=", self._name), ("res_id", "in", tails.ids)])
            if model_name == "mail.followers" and records:
                known = set(sudo[model_name].search([(model_field, "=", self._name), ("res_id", "=",
                                                                                      head.id)])
                            .mapped("partner_id").ids)
                duplicates = records.filtered(lambda f, known=known: f.partner_id.id in known)
                duplicates.unlink()
                records = records - duplicates
            if records:
                records.write({"res_id": head.id})
        if hasattr(head, "message_post"):
            names = Markup(", ").join(escape(lead.name) for lead in tails)
            head.message_post(body=Markup("<p>%s %s</p>") % (_("Merged with the following opportunities:"),
                                                             names),
                              subtype_xmlid="mail.mt_note", message_type="comment")


@model("res.partner")
class ResPartnerPhone:
    def _compute_phone_sanitized(self) -> None:
        for partner in self:
            partner.phone_sanitized = sanitize_phone(partner.mobile) or sanitize_phone(partner.phone)
