"""Contacts follow their company: a "contact" type child shares the parent's address, every person
shares the tax identity (VAT, company registry) of their commercial entity. Changes flow down in
one write per parent, never one per child."""
from __future__ import annotations

from email.utils import formataddr
from typing import Any

from core import _, model
from core.exceptions import UserError, ValidationError

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "state_id", "country_id")
COMMERCIAL_FIELDS = ("vat", "company_registry")


@model("res.partner")
class ResPartnerSync:
    def _compute_email_formatted(self) -> None:
        for partner in self:
            email = (partner.email or "").split(",")[0].strip()
            partner.email_formatted = formataddr((partner.name or "", email)) if email else ""

    def _check_state_country(self) -> bool:
        return all(not partner.state_id or not partner.country_id or partner.state_id.country_id ==
                   partner.country_id for partner in self)

    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        vals_list = [self._with_state_country(vals) for vals in vals_list]
        partners = super().create(vals_list)
        children = [(partner, vals) for partner, vals in zip(partners, vals_list) if vals.get("parent_id")]
        if children and not self.env.context.get("_partner_sync"):
            self._sync_from_parents(children)
        return partners

    def write(self, vals: dict[str, Any]) -> bool:
        if vals.get("active") is False:
            self._check_not_linked_to_active_users()
        if vals.get("parent_id") and self.ids:
            self._check_no_loop(vals["parent_id"])
        vals = self._with_state_country(vals)
        result = super().write(vals)
        if self.env.context.get("_partner_sync"):
            return result
        if vals.get("parent_id") or vals.get("type") == "contact":
            # a new parent brings its address and tax identity; becoming a "contact" brings the address
            self._sync_from_parents([(partner, vals) for partner in self])
        if set(ADDRESS_FIELDS) & set(vals):
            self._push_address({name: vals[name] for name in ADDRESS_FIELDS if name in vals})
        if set(COMMERCIAL_FIELDS) & set(vals):
            self._push_commercial()
        return result

    def _check_no_loop(self, parent_id: Any) -> None:
        """Refused before writing: a loop of parents would make the commercial entity endless."""
        parent_id = parent_id.id if hasattr(parent_id, "_ids") else parent_id
        below = self.sudo().with_context(active_test=False).search([("id", "child_of", self.ids)]).ids
        if parent_id in below:
            raise ValidationError(_("You cannot create recursive Partner hierarchies."), field="parent_id")

    def _with_state_country(self, vals: Any) -> Any:
        """A state without a country brings its country along."""
        if isinstance(vals, dict) and vals.get("state_id") and not vals.get("country_id"):
            state = self.env["res.country.state"].sudo().browse(vals["state_id"]).exists()
            if state:
                vals = {**vals, "country_id": state.country_id.id}
        return vals

    def _check_not_linked_to_active_users(self) -> None:
        users = self.env["res.users"].sudo().search([("partner_id", "in", self.ids), ("active", "=", True)])
        if users:
            raise UserError(_("You cannot archive contacts linked to an active user (%(users)s); archive the "
                              "user first.", users=", ".join(users.mapped("login"))))

    def _sync_from_parents(self, pairs: list[tuple[Any, dict[str, Any]]]) -> None:
        """Children take the tax identity of their parent's commercial entity (when the parent is new to
        them) and, for "contact" types, the parent's address when it has one (as Odoo, over an address
        given with them); one write per parent."""
        groups: dict[tuple[int, bool, bool], list[int]] = {}
        for partner, vals in pairs:
            if not partner.parent_id:
                continue
            commercial = bool(vals.get("parent_id")) and not partner.is_company
            address = partner.type == "contact"
            if commercial or address:
                groups.setdefault((partner.parent_id.id, commercial, address), []).append(partner.id)
        synced = self.with_context(_partner_sync=True).sudo()
        for (parent_id, commercial, address), ids in groups.items():
            parent = synced.browse(parent_id)
            values = {}
            if commercial:
                entity = parent.commercial_partner_id
                values.update({name: _written(entity[name]) for name in COMMERCIAL_FIELDS})
            if address and any(parent[name] for name in ADDRESS_FIELDS):
                values.update({name: _written(parent[name]) for name in ADDRESS_FIELDS})
            if values:
                # through the normal write, so that "contact" children of these children follow too
                synced.browse(ids).with_context(_partner_sync=False).write(values)

    def _push_address(self, values: dict[str, Any]) -> None:
        children = self.sudo().search([("parent_id", "in", self.ids), ("type", "=", "contact")])
        if children:
            # through the normal write, so grandchildren of "contact" type follow as well
            children.write(values)

    def _push_commercial(self) -> None:
        synced = self.with_context(_partner_sync=True).sudo()
        for partner in self.sudo().filtered(lambda p: p.is_company or not p.parent_id):
            people = synced.search([("id", "child_of", partner.id), ("id", "!=", partner.id),
                                    ("is_company", "=", False)])
            if people:
                people.write({name: _written(partner[name]) for name in COMMERCIAL_FIELDS})


def _written(value: Any) -> Any:
    return value.id if hasattr(value, "_ids") else value
