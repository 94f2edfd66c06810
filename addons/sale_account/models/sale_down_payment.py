"""Down payments: the "Create Invoice" dialog invoices a percentage of the order's untaxed amount, or a
fixed amount (taxes included), in advance. Each down payment is an order line (no quantity ordered,
one invoiced) per tax combination of the order, so the final invoice, which invoices what is left,
deducts it (quantity -1) with the same taxes."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from core import _, clock, model
from core.exceptions import UserError, ValidationError

DEPOSIT_PARAM = "sale.default_deposit_product_id"


@model("sale.advance.payment.inv")
class SaleAdvancePaymentInvDown:
    def _sale_down_payment_invoices(self, orders: Any) -> Any:
        """One draft down payment invoice per order."""
        if self.advance_payment_method == "percentage" and not 0 < (self.amount or 0.0) <= 100:
            raise ValidationError(
                _("The down payment percentage must be more than 0 and at most 100."), field="amount"
            )
        if self.advance_payment_method == "fixed" and (self.fixed_amount or 0.0) <= 0:
            raise ValidationError(_("The down payment amount must be positive."), field="fixed_amount")
        product = self._sale_deposit_product()
        invoices = self.env["account.move"]
        for order in orders:
            lines = order._sale_down_payment_lines(
                product, self.advance_payment_method, self.amount, self.fixed_amount
            )
            invoices |= order._sale_down_payment_invoice(lines)
        return invoices

    def _sale_deposit_product(self) -> Any:
        """The service product of down payments (made the first time, remembered in the settings)."""
        Params = self.env["ir.config_parameter"].sudo()
        raw = Params.get_param(DEPOSIT_PARAM, False)
        product = self.env["product.product"].sudo().browse(int(raw) if raw and str(raw).isdigit() else [])
        if product.exists():
            return product
        product = (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": _("Down payment"),
                    "detailed_type": "service",
                    "invoice_policy": "order",
                    "sale_ok": False,
                    "purchase_ok": False,
                    "list_price": 0.0,
                    "taxes_id": [(6, 0, [])],
                }
            )
        )
        Params.set_param(DEPOSIT_PARAM, str(product.id))
        return product


@model("sale.order")
class SaleOrderDownPayment:
    def _sale_down_payment_lines(self, product: Any, method: str, percent: float, fixed: float) -> Any:
        """Add the order's down payment lines (one per tax combination); the new lines."""
        groups: dict[tuple[int, ...], list[Any]] = defaultdict(lambda: [self.env["account.tax"], 0.0])
        for line in self.order_line.filtered(lambda ln: not ln.display_type and not ln.is_downpayment):
            key = tuple(sorted(line.tax_id.ids))
            groups[key][0] = line.tax_id
            groups[key][1] += line.price_subtotal
        untaxed = sum(amount for _taxes, amount in groups.values())
        if not untaxed or self.currency_id.is_zero(untaxed):
            raise UserError(_("The order %(order)s has nothing to pay in advance.", order=self.name))
        if method == "fixed":
            if fixed > self.amount_total + 1e-6:
                raise ValidationError(
                    _(
                        "The down payment (%(amount)s) is more than the order's total %(total)s.",
                        amount=self.currency_id.format(fixed),
                        total=self.currency_id.format(self.amount_total),
                    ),
                    field="fixed_amount",
                )
            ratio = fixed / self.amount_total
        else:
            ratio = percent / 100.0
        label = _("Down payment of %(date)s", date=clock.today().strftime("%d/%m/%Y"))
        sequence = max(self.order_line.mapped("sequence") or [0]) + 1
        values = [
            {
                "order_id": self.id,
                "product_id": product.id,
                "name": label,
                "product_uom_qty": 0.0,
                "price_unit": self.currency_id.round(amount * ratio),
                "tax_id": [(6, 0, taxes.ids)],
                "is_downpayment": True,
                "sequence": sequence,
            }
            for taxes, amount in groups.values()
        ]
        return self.env["sale.order.line"].create(values)

    def _sale_down_payment_invoice(self, lines: Any) -> Any:
        invoice_lines = [(0, 0, line._prepare_invoice_line(1.0)) for line in lines]
        values = self._prepare_invoice("out_invoice", invoice_lines, payment_term=False)
        return self.env["account.move"].with_context(default_move_type="out_invoice").create(values)
