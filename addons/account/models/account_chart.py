"""Charts of accounts shipped as data (data/charts/*.yaml), loaded into a company on demand: its
accounts, tax groups, taxes with their accounts, journals and fiscal positions. Taxes the company
already has (same type, computation and amount) are kept and given their accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core import _, model, public
from core.exceptions import UserError, ValidationError

CHARTS = Path(__file__).resolve().parent.parent / "data" / "charts"
# external ids of loaded records: <module>.<company id>_<key>, as Odoo names them
XMLID_MODULE = "account_chart"


def chart_data(code: str) -> dict[str, Any]:
    """The definition of the chart ``code`` (the stem of a file in data/charts)."""
    path = CHARTS / f"{code}.yaml"
    if not code or not code.replace("_", "").isalnum() or not path.exists():
        known = ", ".join(sorted(p.stem for p in CHARTS.glob("*.yaml")))
        raise ValidationError(
            _("Unknown chart of accounts %(code)r; the charts are %(known)s.", code=code, known=known),
            field="chart_template",
        )
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class ChartLoader:
    """Creates the records of one chart for one company, remembering them by key."""

    def __init__(self, company: Any, data: dict[str, Any]) -> None:
        self.company, self.data, self.env = company, data, company.env
        self.accounts: dict[str, Any] = {}
        self.taxes: dict[str, Any] = {}
        self.journals: dict[str, Any] = {}

    def load(self) -> None:
        self._accounts()
        groups = self._tax_groups()
        self._taxes(groups)
        self._older_taxes()
        self._journals()
        self._fiscal_positions()
        defaults = self.data.get("defaults", {})
        self.company.write(
            {
                "account_default_receivable_id": self._account(defaults["receivable"]).id,
                "account_default_payable_id": self._account(defaults["payable"]).id,
                "account_default_income_id": self._account(defaults["income"]).id,
                "account_default_expense_id": self._account(defaults["expense"]).id,
                **self._bank_defaults(defaults),
            }
        )

    def _bank_defaults(self, defaults: dict[str, Any]) -> dict[str, Any]:
        """The accounts of bank reconciliation and exchange differences, when the chart names them."""
        fields = {
            "suspense": "account_journal_suspense_account_id",
            "outstanding_receipts": "account_journal_payment_debit_account_id",
            "outstanding_payments": "account_journal_payment_credit_account_id",
            "exchange_gain": "income_currency_exchange_account_id",
            "exchange_loss": "expense_currency_exchange_account_id",
        }
        values = {
            field: self._account(defaults[key]).id for key, field in fields.items() if defaults.get(key)
        }
        journal = self.journals.get(defaults.get("exchange_journal") or "")
        if journal:
            values["currency_exchange_journal_id"] = journal.id
        return values

    def _xmlid(self, key: str, record: Any) -> None:
        self.env["ir.model.data"].sudo().create(
            {
                "module": XMLID_MODULE,
                "name": f"{self.company.id}_{key}",
                "model": record._name,
                "res_id": record.id,
                "noupdate": True,
            }
        )

    def _account(self, key: str) -> Any:
        return self.accounts[key]

    def _accounts(self) -> None:
        Account = self.env["account.account"].sudo()
        values = [
            {
                "code": row["code"],
                "name": row["name"],
                "account_type": row["account_type"],
                "company_id": self.company.id,
                **({"reconcile": True} if row.get("reconcile") else {}),
            }
            for row in self.data["accounts"]
        ]
        for row, account in zip(self.data["accounts"], Account.create(values), strict=True):
            self.accounts[row["code"]] = account
            key = row.get("key")
            if key:
                self.accounts[key] = account
                self._xmlid(key, account)
            self._xmlid(f"account_{row['code']}", account)

    def _tax_groups(self) -> dict[str, Any]:
        Group = self.env["account.tax.group"].sudo()
        groups = {}
        for index, row in enumerate(self.data.get("tax_groups", [])):
            groups[row["key"]] = Group.create(
                {"name": row["name"], "sequence": index + 1, "company_id": self.company.id}
            )
        return groups

    def _taxes(self, groups: dict[str, Any]) -> None:
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        for index, row in enumerate(self.data.get("taxes", [])):
            found = Tax.search(
                [
                    ("company_id", "=", self.company.id),
                    ("type_tax_use", "=", row["type_tax_use"]),
                    ("amount_type", "=", row.get("amount_type", "percent")),
                    ("amount", "=", row["amount"]),
                    ("price_include", "=", False),
                ],
                limit=1,
            )
            values = {"tax_group_id": groups[row["group"]].id, "description": row["name"].get("es_ES")}
            if found:
                found.write(values)
                tax = found
            else:
                tax = Tax.create(
                    {
                        **values,
                        "name": row["name"],
                        "amount": row["amount"],
                        "amount_type": row.get("amount_type", "percent"),
                        "type_tax_use": row["type_tax_use"],
                        "sequence": row.get("sequence", index + 1),
                        "company_id": self.company.id,
                    }
                )
            tax.repartition_line_ids.filtered(lambda line: line.repartition_type == "tax").write(
                {"account_id": self._account(row["account"]).id}
            )
            self._tax_grids(tax, row)
            self.taxes[row["key"]] = tax
            self._xmlid(row["key"], tax)
            if row.get("default"):
                field = "account_sale_tax_id" if row["type_tax_use"] == "sale" else "account_purchase_tax_id"
                self.company.write({field: tax.id})

    def _tax_grids(self, tax: Any, row: dict[str, Any]) -> None:
        """The boxes of the tax return the tax's base and amount are reported in, on invoices and
        refunds alike (a refund's opposite sign lowers the box)."""
        for repartition, key in (("base", "base_grid"), ("tax", "tax_grid")):
            if row.get(key):
                tag = self._tag(str(row[key]))
                shares = tax.repartition_line_ids.filtered(lambda s, r=repartition: s.repartition_type == r)
                shares.write({"tag_ids": [(4, tag.id)]})

    def _tag(self, name: str) -> Any:
        code = self.data.get("country") or ""
        country = self.env["res.country"].sudo().search([("code", "=", code)], limit=1)
        Tag = self.env["account.account.tag"].sudo()
        domain = [("name", "=", name), ("applicability", "=", "taxes"),
                  ("country_id", "=", country.id or False)]
        return Tag.search(domain, limit=1) or Tag.create(
            {"name": name, "applicability": "taxes", "country_id": country.id or False}
        )

    def _older_taxes(self) -> None:
        """Taxes the company had before its chart: given a distribution, their amounts booked on the
        account of the chart's default tax of their type."""
        Tax = self.env["account.tax"].sudo().with_context(active_test=False)
        chart_ids = {tax.id for tax in self.taxes.values()}
        older = Tax.search([("company_id", "=", self.company.id), ("id", "not in", list(chart_ids))])
        bare = older.filtered(lambda tax: not tax.repartition_line_ids)
        if bare:
            self.env["account.tax.repartition.line"].sudo().create(
                [
                    {"tax_id": tax.id, "document_type": kind, "repartition_type": rep, "sequence": seq}
                    for tax in bare
                    for kind in ("invoice", "refund")
                    for seq, rep in ((1, "base"), (2, "tax"))
                ]
            )
        defaults = {
            row["type_tax_use"]: self._account(row["account"])
            for row in self.data.get("taxes", [])
            if row.get("default")
        }
        for tax in older:
            account = defaults.get(tax.type_tax_use)
            if account:
                tax.repartition_line_ids.filtered(
                    lambda line: line.repartition_type == "tax" and not line.account_id
                ).write({"account_id": account.id})

    def _journals(self) -> None:
        Journal = self.env["account.journal"].sudo()
        for index, row in enumerate(self.data.get("journals", [])):
            account = self._account(row["account"]) if row.get("account") else None
            journal = Journal.create(
                {
                    "name": row["name"],
                    "code": row["code"],
                    "type": row["type"],
                    "sequence": index + 1,
                    "company_id": self.company.id,
                    "default_account_id": account.id if account else False,
                }
            )
            self.journals[row["code"]] = journal
            self._xmlid(f"journal_{row['code'].lower()}", journal)

    def _fiscal_positions(self) -> None:
        Position = self.env["account.fiscal.position"].sudo()
        for index, row in enumerate(self.data.get("fiscal_positions", [])):
            position = Position.create(
                {
                    "name": row["name"],
                    "note": row.get("note") or False,
                    "sequence": index + 1,
                    "company_id": self.company.id,
                    "tax_ids": [
                        (0, 0, {"tax_src_id": self.taxes[src].id, "tax_dest_id": self.taxes[dest].id})
                        for src, dest in row.get("taxes", [])
                    ],
                    "account_ids": [
                        (
                            0,
                            0,
                            {
                                "account_src_id": self._account(src).id,
                                "account_dest_id": self._account(dest).id,
                            },
                        )
                        for src, dest in row.get("accounts", [])
                    ],
                }
            )
            self._xmlid(f"fiscal_position_{row['key']}", position)


@model("res.company")
class ResCompanyChart:
    @public
    def action_load_chart_template(self, template_code: str) -> bool:
        """Load the chart ``template_code`` (generic_coa, es_pymes) into these companies, which must
        have none yet; True."""
        self.check_access_rights("write")
        data = chart_data(template_code)
        for company in self:
            company.check_access_rule("write")
            if company.chart_template or self.env["account.account"].sudo().search_count(
                [("company_id", "=", company.id)]
            ):
                raise UserError(
                    _("The company %(company)s already has a chart of accounts.", company=company.name)
                )
            company.sudo().write({"chart_template": template_code})
            ChartLoader(company.sudo(), data).load()
        return True


@model("res.config.settings")
class ResConfigSettingsChart:
    def default_get(self, fields_list: list[str] | None = None) -> dict[str, Any]:
        values = super().default_get(fields_list)
        if fields_list is None or "chart_template" in fields_list:
            values["chart_template"] = self.env.company.chart_template or False
        return values

    @public
    def execute(self) -> bool:
        """Settings saved; a chart chosen for a company without one is loaded."""
        result = super().execute()
        company = self.company_id or self.env.company
        if self.chart_template and not company.chart_template:
            company.action_load_chart_template(self.chart_template)
        elif self.chart_template and self.chart_template != company.chart_template:
            raise ValidationError(
                _(
                    "The company %(company)s already uses the chart %(chart)s.",
                    company=company.name,
                    chart=company.chart_template,
                ),
                field="chart_template",
            )
        return result
