"""Lines of quotations and orders: what a new line takes from its product and the pricelist, the
amounts with taxes, and what a confirmed or locked order no longer lets change."""

from __future__ import annotations

from typing import Any

from addons.account_tax.models.account_tax import GLOBAL_EXTRA_DIGITS
from core import _, model
from core.exceptions import UserError
from core.numbers import float_round

# a confirmed line keeps what the customer agreed on
PRICING_FIELDS = frozenset({"product_id", "price_unit", "product_uom", "discount", "tax_id"})
REPRICING_FIELDS = frozenset({"product_id", "product_uom_qty", "product_uom"})


@model("sale.order.line")
class SaleOrderLine:
    # -- computes --------------------------------------------------------------------------
    def _taxes_computed(self) -> dict[str, Any]:
        """The taxes of the line (compute_all's answer) at its discounted price."""
        order = self.order_id
        price = (self.price_unit or 0.0) * (1.0 - (self.discount or 0.0) / 100.0)
        return self.tax_id.compute_all(
            price,
            currency=order.currency_id,
            quantity=self.product_uom_qty,
            product=self.product_id,
            partner=order.partner_shipping_id,
            rounding_method=order.company_id.tax_calculation_rounding_method or "round_per_line",
        )

    def _compute_amount(self) -> None:
        for line in self:
            if line.display_type:
                line.price_subtotal = line.price_tax = line.price_total = 0.0
                continue
            step = line.order_id.currency_id.rounding or 0.01
            if line.order_id.company_id.tax_calculation_rounding_method == "round_globally":
                step_tax = step / 10**GLOBAL_EXTRA_DIGITS  # the order rounds the sums of each tax
            else:
                step_tax = step
            result = line._taxes_computed()
            line.price_subtotal = float_round(result["total_excluded"], step)
            line.price_tax = float_round(sum(tax["amount"] for tax in result["taxes"]), step_tax)
            line.price_total = float_round(line.price_subtotal + line.price_tax, step_tax)

    def _compute_tax_label(self) -> None:
        for line in self:
            line.tax_label = ", ".join(line.tax_id.mapped("name"))

    def _compute_display_name(self) -> None:
        for line in self:
            name = (line.name or line.product_id.display_name or "").split("\n")[0]
            line.display_name = f"{line.order_id.name} - {name}" if line.order_id.name else name

    # -- values from the product -----------------------------------------------------------
    def _pricelist_price(self) -> float:
        """The unit price the order's pricelist gives the line's product and quantity."""
        return pricelist_price(self.order_id, self.product_id, self.product_uom_qty, self.product_uom)

    def _product_values(self, vals: dict[str, Any], order: Any) -> dict[str, Any]:
        """What a new line of ``order`` takes from its product when not given: description, unit,
        taxes (of the order's company)."""
        product = self.env["product.product"].browse(vals["product_id"])
        if not product.exists():
            raise UserError(
                _("The product %(product)s of the order line does not exist.", product=vals["product_id"])
            )
        extra: dict[str, Any] = {}
        if not vals.get("name"):
            lang_product = product.with_context(lang=order.partner_id.lang or self.env.lang)
            description = lang_product.display_name
            if lang_product.description_sale:
                description += "\n" + lang_product.description_sale
            extra["name"] = description
        if not vals.get("product_uom"):
            extra["product_uom"] = product.uom_id.id
        if "tax_id" not in vals:
            company = order.company_id
            taxes = product.taxes_id.filtered(lambda tax: tax.company_id == company)
            extra["tax_id"] = [(6, 0, taxes.ids)]
        return extra

    # -- create, write, unlink -------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Lines priced by the order's pricelist unless given a price; sections and notes
        without quantity."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if not isinstance(items, list) or not all(isinstance(v, dict) for v in items):
            return super().create(vals_list)  # the core reports the malformed item
        Order = self.env["sale.order"]
        for vals in items:
            order = Order.browse(vals.get("order_id") or []).exists()
            if order:
                order._check_not_locked()
            if vals.get("display_type"):
                vals.setdefault("product_uom_qty", 0.0)
                vals.setdefault("price_unit", 0.0)
            elif vals.get("product_id") and order:
                vals.update(self._product_values(vals, order))
                if "price_unit" not in vals:
                    product = self.env["product.product"].browse(vals["product_id"])
                    uom = self.env["uom.uom"].browse(vals.get("product_uom") or [])
                    vals["price_unit"] = pricelist_price(
                        order, product, vals.get("product_uom_qty", 1.0), uom
                    )
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        self.mapped("order_id")._check_not_locked()
        confirmed = self.filtered(lambda line: line.order_id.state == "sale" and not line.display_type)
        changing = sorted(
            name
            for name in PRICING_FIELDS & set(vals)
            if any(line._differs(name, vals[name]) for line in confirmed)
        )
        if changing:
            labels = ", ".join(self._fields[name].label() for name in changing)
            raise UserError(
                _(
                    "The order %(order)s is confirmed: its lines' %(fields)s cannot change any more. "
                    "Cancel the order and set it back to quotation to change them.",
                    order=", ".join(confirmed.mapped("order_id.name")),
                    fields=labels,
                )
            )
        result = super().write(vals)
        if REPRICING_FIELDS & set(vals) and "price_unit" not in vals:
            for line in self.filtered(lambda ln: ln.product_id and ln.order_id.state in ("draft", "sent")):
                if "product_id" in vals:
                    line.write(
                        {
                            key: value
                            for key, value in line._product_values(
                                {"product_id": line.product_id.id}, line.order_id
                            ).items()
                            if key not in vals
                        }
                    )
                line.write({"price_unit": line._pricelist_price()})
        return result

    def unlink(self) -> bool:
        self.mapped("order_id")._check_not_locked()
        confirmed = self.filtered(lambda line: line.order_id.state == "sale" and not line.display_type)
        if confirmed:
            raise UserError(
                _(
                    "Once a sales order is confirmed, its lines cannot be removed (%(order)s); "
                    "set the quantity to 0 instead.",
                    order=", ".join(confirmed.mapped("order_id.name")),
                )
            )
        return super().unlink()

    def _differs(self, name: str, value: Any) -> bool:
        """Whether writing ``value`` would change the line's ``name`` field."""
        field = self._fields[name]
        current = self[name]
        if field.type == "many2one":
            return (current.id or False) != (value or False)
        if field.type == "many2many":
            return set(current.ids) != _many2many_ids(value)
        return float(current or 0.0) != float(value or 0.0)


def pricelist_price(order: Any, product: Any, quantity: float, uom: Any) -> float:
    """The unit price ``order``'s pricelist (or the sales price) gives ``quantity`` ``product`` in
    ``uom``, on the order's date and in its currency."""
    if not product:
        return 0.0
    pricelist = order.pricelist_id or order.env["product.pricelist"]
    return pricelist._get_product_price(
        product, quantity or 1.0, currency=order.currency_id, uom=uom or product.uom_id, date=order.date_order
    )


def _many2many_ids(value: Any) -> set[int] | None:
    """The ids a many2many write leaves: a list of ids, or (6, 0, ids) alone; None for other commands."""
    if not value:
        return set()
    if all(isinstance(item, int) for item in value):
        return set(value)
    if len(value) == 1 and isinstance(value[0], (list, tuple)) and value[0][0] == 6:
        return set(value[0][2])
    return None
