"""Taxes: the amounts a set of taxes adds to (or takes out of) a price, per unit and quantity."""
from __future__ import annotations

from typing import Any

from core import model, public
from core.numbers import float_round

# digits kept beyond the currency's when amounts are rounded globally (at the document's end)
GLOBAL_EXTRA_DIGITS = 5


@model("account.tax")
class AccountTax:
    def _check_percent_range(self) -> bool:
        return all(tax.amount_type != "percent" or -100.0 < tax.amount <= 100.0 for tax in self)

    @public
    def compute_all(self, price_unit: float, currency: Any = None, quantity: float = 1.0, product: Any = None,
                    partner: Any = None, rounding_method: str | None = None) -> dict[str, Any]:
        """The taxes of ``quantity`` units at ``price_unit``, as Odoo's compute_all answers them.

        Returns ``{"total_excluded", "total_included", "total_void", "base", "taxes": [{"id",
        "name", "amount", "base", "price_include"}]}``. Taxes included in the price are taken out of
        it first; the others are added to the base. Each amount is rounded to the currency when the
        company rounds per line (``tax_calculation_rounding_method``), and kept five digits finer
        when it rounds globally, so the document rounds the sums once. ``product`` and ``partner``
        are accepted for the addons that map taxes by them.
        """
        company = self[:1].company_id or self.env.company
        currency = self._tax_currency(currency, company)
        method = rounding_method or self._company_rounding_method(company)
        step = currency.rounding or 0.01
        if method == "round_globally":
            step = step / 10 ** GLOBAL_EXTRA_DIGITS
        taxes = self.sorted(key=lambda t: (t.sequence, t.id))
        quantity = quantity or 0.0
        total = (price_unit or 0.0) * quantity
        included = taxes.filtered("price_include")
        fixed_in = sum(t.amount * quantity for t in included if t.amount_type == "fixed")
        percent_in = sum(t.amount for t in included if t.amount_type == "percent")
        base = (total - fixed_in) / (1.0 + percent_in / 100.0)
        lines = []
        for tax in taxes:
            raw = tax.amount * quantity if tax.amount_type == "fixed" else base * tax.amount / 100.0
            lines.append({"id": tax.id, "name": tax.with_context(lang=self.env.lang).name,
                          "amount": float_round(raw, step), "base": float_round(base, step),
                          "price_include": tax.price_include, "sequence": tax.sequence})
        included_amount = sum(line["amount"] for line in lines if line["price_include"])
        # the total of a price with taxes included stays that price; the rounding goes to the base
        total_excluded = float_round(total - included_amount, step) if included else float_round(total, step)
        total_included = float_round(total_excluded + sum(line["amount"] for line in lines), step)
        return {"base": total_excluded, "total_excluded": total_excluded, "total_included": total_included,
                "total_void": total_excluded, "taxes": lines}

    def _tax_currency(self, currency: Any, company: Any) -> Any:
        if isinstance(currency, int):
            return self.env["res.currency"].browse(currency)
        return currency or company.currency_id

    def _company_rounding_method(self, company: Any) -> str:
        if "tax_calculation_rounding_method" in company._fields:
            return company.tax_calculation_rounding_method or "round_per_line"
        return "round_per_line"
