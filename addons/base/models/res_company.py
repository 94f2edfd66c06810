"""Companies: each has its own partner (address, contact data)."""
from __future__ import annotations

from typing import Any

from addons.base.models.ir_security import ClearsAccessCaches
from core import model
from core.records.formats import FormatSettings

# the checks "Strict contact data checks" makes refuse what they cannot read, everywhere
CONTACT_CHECKS = frozenset({"email", "phone", "url"})


@model("res.company")
class ResCompany(ClearsAccessCaches):
    # an archived company leaves its users' allowed companies in every process
    _access_fields = frozenset({"active"})

    def _default_currency_id(self) -> int | bool:
        currency = self.env.ref("base.EUR", raise_if_not_found=False)
        if currency is None:
            currency = self.env["res.currency"].search([], limit=1)
        return currency.id if currency else False

    def _format_settings(self) -> FormatSettings:
        """The country and the strict checks that apply to data written for this company."""
        company = self.sudo()
        strict = (CONTACT_CHECKS if company.strict_contact_checks else frozenset()) | (
            {"vat"} if company.vat_check_vies else frozenset())
        return FormatSettings(company.country_id.code or None, frozenset(strict))

    def create(self, vals_list: Any) -> Any:
        """Each company gets its partner (address, contact data); its creator may work in it."""
        self.check_access_rights("create")
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        partners = self.env["res.partner"].sudo()
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            if not vals.get("partner_id"):
                partner_vals = {"name": vals.get("name"), "is_company": True}
                for key in ("email", "phone", "vat", "street", "zip", "city", "country_id"):
                    if vals.get(key):
                        partner_vals[key] = vals.pop(key)
                vals["partner_id"] = partners.create(partner_vals).id
            prepared.append(vals)
        companies = super().create(prepared)
        for company in companies:
            company.partner_id.sudo().write({"company_id": company.id})
        if not self.env.su:
            self.env.user.sudo().write({"company_ids": [(4, company.id) for company in companies]})
        return companies
