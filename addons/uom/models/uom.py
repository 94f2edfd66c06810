"""Conversions between units of measure of one category, through its reference unit."""
from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import UserError
from core.numbers import float_round


@model("uom.uom")
class UomUom:
    def _compute_factor_inv(self) -> None:
        for uom in self:
            uom.factor_inv = 1.0 / uom.factor if uom.factor else 0.0

    def _inverse_factor_inv(self) -> None:
        for uom in self:
            if uom.factor_inv:
                uom.factor = 1.0 / uom.factor_inv

    def _compute_ratio_label(self) -> None:
        for uom in self:
            reference = uom.category_id.uom_ids.filtered(lambda u: u.uom_type == "reference")[:1]
            if uom.uom_type == "reference" or not reference:
                uom.ratio_label = _("Reference unit")
            elif uom.uom_type == "bigger":
                uom.ratio_label = f"1 {uom.name} = {float_round(uom.factor_inv, 0.0001):g} {reference.name}"
            else:
                uom.ratio_label = f"1 {reference.name} = {float_round(uom.factor, 0.0001):g} {uom.name}"

    def _check_category_reference_uniqueness(self) -> bool:
        for category in self.mapped("category_id"):
            references = self.search([("category_id", "=", category.id), ("uom_type", "=", "reference")])
            if len(references) != 1 or abs(references.factor - 1.0) > 1e-9:
                return False
        return True

    def _compute_quantity(self, qty: float, to_unit: Any, round: bool = True, rounding_method: str = "UP",
                          raise_if_failure: bool = True) -> float:
        """``qty`` of this unit in ``to_unit``, rounded to its precision (up by default, as Odoo)."""
        if not self or not qty:
            return qty
        self.ensure_one()
        if not to_unit or to_unit == self:
            return qty
        if self.category_id != to_unit.category_id:
            if raise_if_failure:
                raise UserError(_("The unit of measure %(from)s is in category %(from_category)s, and %(to)s "
                                  "in category %(to_category)s: quantities convert only within one category.",
                                  **{"from": self.name, "from_category": self.category_id.name,
                                     "to": to_unit.name, "to_category": to_unit.category_id.name}))
            return qty
        amount = qty / self.factor * to_unit.factor
        if round:
            amount = float_round(amount, to_unit.rounding, rounding_method)
        return amount

    def _compute_price(self, price: float, to_unit: Any) -> float:
        """A price per unit of this unit as a price per ``to_unit`` (a dozen costs twelve units)."""
        self.ensure_one()
        if not price or not to_unit or to_unit == self:
            return price
        if self.category_id != to_unit.category_id:
            return price
        return price * self.factor / to_unit.factor
