"""Pricelists: which rule gives a product's price for a quantity on a date, and what that price is.

Rules are tried in Odoo's order (variant, product, category, then all products; higher minimum
quantities first; the most specific category first); the first whose product, category, minimum
quantity and dates match wins. Without one, the price is the product's sales price.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from core import _, clock, model
from core.exceptions import UserError
from core.numbers import float_round

# pricelists based on other pricelists: deeper chains are loops
MAX_BASE_DEPTH = 8


def _as_datetime(date: Any) -> dt.datetime:
    if not date:
        return clock.utcnow()
    if isinstance(date, str):
        date = dt.datetime.fromisoformat(date) if len(date) > 10 else dt.date.fromisoformat(date)
    if isinstance(date, dt.datetime):
        return date.replace(tzinfo=None)
    return dt.datetime.combine(date, dt.time.min)


@model("product.pricelist")
class ProductPricelist:
    def _default_currency_id(self) -> Any:
        return self.env.company.currency_id

    def _compute_item_count(self) -> None:
        for pricelist in self:
            pricelist.item_count = len(pricelist.item_ids)

    # -- prices ----------------------------------------------------------------------------
    def _get_product_price(self, product: Any, quantity: float, currency: Any = None, uom: Any = None,
                           date: Any = False, **kwargs: Any) -> float:
        """The unit price of ``quantity`` ``product`` (in ``uom``, default the product's) on ``date``,
        in ``currency`` (default the pricelist's)."""
        return self._get_product_price_rule(product, quantity, currency=currency, uom=uom, date=date)[0]

    def _get_product_price_rule(self, product: Any, quantity: float, currency: Any = None, uom: Any = None,
                                date: Any = False, **kwargs: Any) -> tuple[float, int | bool]:
        """``(price, rule id or False)`` as _get_product_price computes it."""
        self.ensure_one()
        return self._compute_price_rule(product, quantity, currency=currency, uom=uom, date=date)[product.id]

    def _get_products_price(self, products: Any, quantity: float, currency: Any = None, uom: Any = None,
                            date: Any = False, **kwargs: Any) -> dict[int, float]:
        """``{product id: price}`` of several products for one quantity."""
        rules = self._compute_price_rule(products, quantity, currency=currency, uom=uom, date=date)
        return {product_id: price for product_id, (price, _rule) in rules.items()}

    def _compute_price_rule(self, products: Any, quantity: float, currency: Any = None, uom: Any = None,
                            date: Any = False, **kwargs: Any) -> dict[int, tuple[float, int | bool]]:
        """``{product id: (price, rule id or False)}``; ``products`` may be templates or variants."""
        if products._name == "product.template":
            products = products.mapped("product_variant_id")
        pricelist = self[:1]  # none: the sales prices
        currency = currency or pricelist.currency_id or self.env.company.currency_id
        when = _as_datetime(date)
        no_rules = self.env["product.pricelist.item"]
        rules = pricelist._applicable_rules(products, when) if pricelist else no_rules
        answer = {}
        for product in products:
            unit = uom or product.uom_id
            qty_in_product_uom = unit._compute_quantity(quantity or 0.0, product.uom_id, round=False,
                                                        raise_if_failure=False) if unit else quantity
            rule = next((r for r in rules if r._is_applicable_for(product, qty_in_product_uom)), None)
            if rule is None:
                price = pricelist._base_price(product, "list_price", unit, when, currency, quantity)
                answer[product.id] = (price, False)
            else:
                answer[product.id] = (rule._compute_price(product, quantity, unit, when, currency), rule.id)
        return answer

    def _applicable_rules(self, products: Any, when: dt.datetime) -> Any:
        categories = products.mapped("categ_id")
        return self.env["product.pricelist.item"].search([
            ("pricelist_id", "=", self.id),
            "|", ("categ_id", "=", False), ("categ_id", "parent_of", categories.ids),
            "|", ("product_tmpl_id", "=", False),
            ("product_tmpl_id", "in", products.mapped("product_tmpl_id").ids),
            "|", ("product_id", "=", False), ("product_id", "in", products.ids),
            "|", ("date_start", "=", False), ("date_start", "<=", when),
            "|", ("date_end", "=", False), ("date_end", ">=", when),
        ])

    def _base_price(self, product: Any, base: str, uom: Any, when: dt.datetime, currency: Any,
                    quantity: float) -> float:
        """The sales price or the cost of ``product`` per ``uom``, in ``currency``."""
        price = product.standard_price if base == "standard_price" else product.list_price
        source = product.currency_id or self.env.company.currency_id
        if source and currency and source != currency:
            price = source._convert(price, currency, self.env.company, when.date(), round=False)
        if uom and uom != product.uom_id:
            price = product.uom_id._compute_price(price, uom)
        return price


@model("product.pricelist.item")
class ProductPricelistItem:
    def _check_target(self) -> bool:
        needed = {"2_product_category": "categ_id", "1_product": "product_tmpl_id",
                  "0_product_variant": "product_id"}
        return all(not needed.get(item.applied_on) or item[needed[item.applied_on]] for item in self)

    def _check_dates(self) -> bool:
        return all(not (i.date_start and i.date_end) or i.date_start <= i.date_end for i in self)

    def _check_margins(self) -> bool:
        return all(not (i.price_min_margin and i.price_max_margin) or i.price_min_margin <= i.price_max_margin
                   for i in self)

    def _check_base_pricelist(self) -> bool:
        return all(i.base != "pricelist" or (i.base_pricelist_id and i.base_pricelist_id != i.pricelist_id)
                   for i in self)

    def _compute_name_and_price(self) -> None:
        for item in self:
            if item.applied_on == "2_product_category" and item.categ_id:
                item.name = _("Category: %(category)s", category=item.categ_id.display_name)
            elif item.applied_on == "1_product" and item.product_tmpl_id:
                item.name = _("Product: %(product)s", product=item.product_tmpl_id.display_name)
            elif item.applied_on == "0_product_variant" and item.product_id:
                item.name = _("Variant: %(product)s", product=item.product_id.display_name)
            else:
                item.name = _("All Products")
            item.price = item._price_label()

    def _price_label(self) -> str:
        if self.compute_price == "fixed":
            return f"{self.fixed_price:.2f}"
        if self.compute_price == "percentage":
            return _("%(percent)s %% discount", percent=f"{self.percent_price:g}")
        label = _("%(percent)s %% on %(base)s", percent=f"{self.price_discount:g}",
                  base=self._fields["base"].labels().get(self.base, self.base))
        if self.price_surcharge:
            label += f" {self.price_surcharge:+.2f}"
        return label

    def _is_applicable_for(self, product: Any, qty_in_product_uom: float) -> bool:
        """Whether this rule prices ``product`` for that quantity (dates are filtered by the search)."""
        if self.min_quantity and qty_in_product_uom < self.min_quantity:
            return False
        if self.applied_on == "0_product_variant":
            return self.product_id == product
        if self.applied_on == "1_product":
            return self.product_tmpl_id == product.product_tmpl_id
        if self.applied_on == "2_product_category":
            category = product.categ_id
            while category:
                if category == self.categ_id:
                    return True
                category = category.parent_id
            return False
        return True

    def _compute_price(self, product: Any, quantity: float, uom: Any, when: dt.datetime,
                       currency: Any) -> float:
        """The unit price this rule gives ``product`` per ``uom``, in ``currency``."""
        own = self.currency_id or currency

        def converted(amount: float) -> float:
            """An amount of the rule (in its pricelist's currency, per product unit) per ``uom``."""
            if own and currency and own != currency:
                amount = own._convert(amount, currency, self.env.company, when.date(), round=False)
            return product.uom_id._compute_price(amount, uom) if uom and uom != product.uom_id else amount

        if self.compute_price == "fixed":
            return converted(self.fixed_price)
        base = self._rule_base_price(product, quantity, uom, when, currency)
        if self.compute_price == "percentage":
            return base - base * (self.percent_price or 0.0) / 100.0
        price = base - base * (self.price_discount or 0.0) / 100.0
        if self.price_round:
            price = float_round(price, self.price_round)
        if self.price_surcharge:
            price += converted(self.price_surcharge)
        if self.price_min_margin:
            price = max(price, base + converted(self.price_min_margin))
        if self.price_max_margin:
            price = min(price, base + converted(self.price_max_margin))
        return price

    def _rule_base_price(self, product: Any, quantity: float, uom: Any, when: dt.datetime,
                         currency: Any) -> float:
        if self.base == "pricelist" and self.base_pricelist_id:
            depth = self.env.context.get("pricelist_depth", 0)
            if depth >= MAX_BASE_DEPTH:
                raise UserError(_("Pricelist %(pricelist)s is based on pricelists that are based on it "
                                  "again; change the rule's Other Pricelist.",
                                  pricelist=self.pricelist_id.display_name))
            other = self.base_pricelist_id.with_context(pricelist_depth=depth + 1)
            return other._get_product_price(product, quantity, currency=currency, uom=uom, date=when)
        return self.pricelist_id._base_price(product, self.base, uom, when, currency, quantity)
