"""Logic of res.partner and its tags that the YAML cannot express."""
from __future__ import annotations

import re
from typing import Any

from addons.base.models.res_lang import installed_languages
from core import _, model, public
from core.exceptions import UserError, ValidationError
from core.records.formats import format_target

_EMAIL_IN_NAME = re.compile(r"^\s*(?P<name>.*?)\s*<\s*(?P<email>[^<>\s]+@[^<>\s]+)\s*>\s*$")
_BARE_EMAIL = re.compile(r"^\s*[^<>\s]+@[^<>\s]+\s*$")


@model("res.partner")
class ResPartner:
    def _compute_complete_name(self) -> None:
        for partner in self:
            name = partner.name or ""
            if partner.parent_id and not partner.is_company:
                parent = partner.parent_id.name or ""
                if name:
                    name = f"{parent}, {name}"
                else:
                    labels = dict(partner._fields["type"].selection)
                    kind = _(labels.get(partner.type, ""))
                    name = f"{parent}, {kind}" if partner.type != "contact" else parent
            elif not name and partner.company_name:
                name = partner.company_name
            partner.complete_name = name.strip()

    def _compute_display_name(self) -> None:
        for partner in self:
            partner.display_name = partner.complete_name or partner.name or ""

    def _compute_commercial_partner(self) -> None:
        for partner in self:
            if partner.is_company or not partner.parent_id:
                partner.commercial_partner_id = partner
            else:
                partner.commercial_partner_id = partner.parent_id.commercial_partner_id

    def _lang_get(self) -> list[tuple[str, str]]:
        """The options of ``lang``: the active languages."""
        return installed_languages(self.env)

    def _compute_company_type(self) -> None:
        for partner in self:
            partner.company_type = "company" if partner.is_company else "person"

    def _inverse_company_type(self) -> None:
        for partner in self:
            partner.is_company = partner.company_type == "company"

    def _check_parent_id(self) -> None:
        for partner in self:
            if partner.parent_id and partner.parent_id.id in partner.search(
                    [("id", "child_of", partner.id)]).ids:
                raise ValidationError(_("You cannot create recursive Partner hierarchies."),
                                      field="parent_id")

    def _check_name(self) -> None:
        for partner in self:
            if partner.type == "contact" and not (partner.name or "").strip():
                raise ValidationError(_("A contact needs a name: fill in the field %(field)s.",
                                        field=self._fields["name"].label()), field="name")

    def _format_country_code(self, vals: dict[str, Any]) -> str | None:
        """A contact without a country of its own reads phone numbers in its company's country."""
        own = super()._format_country_code(vals)
        if own or vals.get("country_id"):
            return own
        parent = format_target(self, "parent_id", vals, "res.partner")
        return (parent.country_id.code or None) if parent else None

    def unlink(self) -> bool:
        self._check_not_company_or_user_partner()
        return super().unlink()

    def _check_not_company_or_user_partner(self) -> None:
        """The contact of a company or of a user goes only with it, whoever asks."""
        everyone = [("partner_id", "in", self.ids)]
        companies = self.env["res.company"].sudo().with_context(active_test=False).search(everyone)
        if companies:
            raise UserError(_("You cannot delete the contact of the company %(companies)s: it holds the "
                              "company's address and contact data. Archive the company instead.",
                              companies=", ".join(companies.mapped("name"))))
        users = self.env["res.users"].sudo().with_context(active_test=False).search(everyone)
        if users:
            raise UserError(_("You cannot delete contacts linked to users (%(users)s): archive the users, "
                              "then their contacts, instead.", users=", ".join(users.mapped("login"))))

    def copy_data(self, default: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        default = dict(default or {})
        results = super().copy_data(default)
        for partner, values in zip(self, results):
            if "name" not in default and partner.name:
                values["name"] = _("%(name)s (copy)", name=partner.name)
        return results

    def name_create(self, name: str) -> tuple[int, str]:
        """``"Ana Ruiz <ana@example.com>"`` creates Ana Ruiz with that email."""
        values = self._parse_name_email(name)
        if not values.get("name") and not values.get("email"):
            raise ValidationError(_("Cannot create a contact without a name or an email."))
        partner = self.create(values)
        return partner._display_names()[0]

    @staticmethod
    def _parse_name_email(text: str) -> dict[str, Any]:
        match = _EMAIL_IN_NAME.match(text or "")
        if match:
            name = match.group("name").strip().strip('"') or match.group("email")
            return {"name": name, "email": match.group("email")}
        if _BARE_EMAIL.match(text or ""):
            return {"name": text.strip(), "email": text.strip()}
        return {"name": (text or "").strip()}

    def _name_search(self, name: str, domain: list[Any], operator: str = "ilike", limit: int | None = 100,
                     order: str | None = None) -> list[int]:
        if name and operator in ("ilike", "like", "=ilike", "=like"):
            name_domain = ["|", "|", "|", ("complete_name", operator, name), ("email", operator, name),
                           ("ref", "=", name), ("vat", operator, name)]
            return self._search(name_domain + list(domain or []) if domain else name_domain, limit=limit,
                                order=order)
        return super()._name_search(name, domain, operator, limit, order)

    @public
    def address_get(self, adr_pref: list[str] | None = None) -> dict[str, int]:
        """The first contact of each address type (``contact``, ``invoice``, ``delivery``...) of the
        partner."""
        self.ensure_one()
        wanted = set(adr_pref or []) | {"contact"}
        result: dict[str, int] = {}
        commercial = self.commercial_partner_id
        candidates = [self] + list(commercial.search([("id", "child_of", commercial.id)]))
        for partner in candidates:
            if partner.type in wanted and partner.type not in result:
                result[partner.type] = partner.id
        default = result.get("contact", self.id)
        return {kind: result.get(kind, default) for kind in wanted}


@model("res.partner.category")
class ResPartnerCategory:
    def _compute_display_name(self) -> None:
        for category in self:
            names = []
            current = category
            while current:
                names.append(current.name or "")
                current = current.parent_id
            category.display_name = " / ".join(reversed(names))
