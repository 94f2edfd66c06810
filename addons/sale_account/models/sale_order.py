"""Sales orders invoiced: what each line has invoiced and has left to invoice, the orders' invoicing
status, the invoices made from them and the orders of an invoice."""

from __future__ import annotations

from typing import Any

from core import _, model, public
from core.exceptions import UserError

REFUND_TYPES = ("out_refund", "in_refund")


@model("sale.order.line")
class SaleOrderLineInvoicing:
    def _compute_qty_invoiced(self) -> None:
        for line in self:
            quantity = 0.0
            for invoice_line in line.invoice_lines:
                move = invoice_line.move_id
                if move.state == "cancel":
                    continue
                sign = -1.0 if move.move_type in REFUND_TYPES else 1.0
                quantity += (
                    sign
                    * invoice_line.product_uom_id._compute_quantity(invoice_line.quantity, line.product_uom)
                    if invoice_line.product_uom_id and line.product_uom
                    else sign * invoice_line.quantity
                )
            line.qty_invoiced = quantity

    def _compute_qty_to_invoice(self) -> None:
        for line in self:
            if line.display_type or line.state != "sale":
                line.qty_to_invoice = 0.0
                continue
            policy = line.product_id.product_tmpl_id.invoice_policy or "order"
            basis = line.qty_delivered if policy == "delivery" else line.product_uom_qty
            line.qty_to_invoice = basis - line.qty_invoiced

    def _compute_invoice_status(self) -> None:
        for line in self:
            if line.display_type or line.state != "sale":
                line.invoice_status = "no"
            elif abs(line.qty_to_invoice) > 1e-6:
                line.invoice_status = "to invoice"
            elif line.qty_invoiced >= line.product_uom_qty and line.product_uom_qty:
                line.invoice_status = "invoiced"
            else:
                line.invoice_status = "no"

    def _prepare_invoice_line(self, quantity: float) -> dict[str, Any]:
        """The values of the invoice line billing ``quantity`` of this order line."""
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": quantity,
            "product_uom_id": self.product_uom.id,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "tax_ids": [(6, 0, self.tax_id.ids)],
            "sale_line_ids": [(6, 0, [self.id])],
            "sequence": self.sequence,
        }


@model("sale.order")
class SaleOrderInvoicing:
    def _compute_invoice_ids(self) -> None:
        for order in self:
            invoices = (
                order.order_line.mapped("invoice_lines")
                .mapped("move_id")
                .filtered(lambda move: move.move_type in ("out_invoice", "out_refund"))
            )
            order.invoice_ids = invoices
            order.invoice_count = len(invoices)

    def _compute_invoice_status(self) -> None:
        for order in self:
            # down payments deducted in full say nothing of the order's invoicing
            lines = order.order_line.filtered(
                lambda line: (
                    not line.display_type and not (line.is_downpayment and line.invoice_status == "no")
                )
            )
            statuses = set(lines.mapped("invoice_status"))
            if order.state != "sale" or not lines:
                order.invoice_status = "no"
            elif "to invoice" in statuses:
                order.invoice_status = "to invoice"
            elif statuses == {"invoiced"}:
                order.invoice_status = "invoiced"
            else:
                order.invoice_status = "no"

    def _prepare_invoice(self, move_type: str, invoice_lines: list[Any],
                         payment_term: bool = True) -> dict[str, Any]:
        """The values of this order's invoice (or credit note) of ``invoice_lines``: the customer to
        invoice, currency, origin, salesperson and fiscal position (and payment term) of the order."""
        self.ensure_one()
        partner = self.partner_invoice_id or self.partner_id
        commercial = partner.commercial_partner_id
        values = {
            "move_type": move_type,
            "partner_id": partner.id,
            "currency_id": self.currency_id.id,
            "invoice_origin": self.name,
            "ref": self.client_order_ref or False,
            "invoice_user_id": self.user_id.id or False,
            "fiscal_position_id": commercial.property_account_position_id.id or False,
            "invoice_line_ids": invoice_lines,
        }
        if payment_term:
            values["invoice_payment_term_id"] = commercial.property_payment_term_id.id or False
        return values

    def _create_invoices(self, grouped: bool = False, final: bool = False) -> Any:
        """One draft invoice (or credit note, when more was invoiced than is due) per order, of what
        is left to invoice; the invoices."""
        Move = self.env["account.move"]
        invoices = Move
        for order in self:
            lines = order.order_line.filtered(
                lambda ln: not ln.display_type and abs(ln.qty_to_invoice) > 1e-6
            )
            if not lines:
                continue
            total = sum(line.qty_to_invoice * line.price_unit for line in lines)
            move_type = "out_refund" if total < 0 else "out_invoice"
            sign = -1.0 if move_type == "out_refund" else 1.0
            invoice_lines = [
                (0, 0, line._prepare_invoice_line(sign * line.qty_to_invoice)) for line in lines
            ]
            invoices |= Move.with_context(default_move_type=move_type).create(
                order._prepare_invoice(move_type, invoice_lines)
            )
        if not invoices:
            raise UserError(
                _(
                    "There is nothing to invoice on %(orders)s: every ordered (or delivered) quantity "
                    "is invoiced already.",
                    orders=", ".join(self.mapped("name")),
                )
            )
        return invoices

    @public
    def action_view_invoice(self) -> dict[str, Any]:
        """The invoices of the orders: their list, or the form when there is one."""
        invoices = self.mapped("invoice_ids")
        return _window(invoices, "account.move", _("Invoices"))


@model("account.move")
class AccountMoveSale:
    def _compute_sale_order_count(self) -> None:
        for move in self:
            move.sale_order_count = len(move.line_ids.mapped("sale_line_ids").mapped("order_id"))

    def _account_reversal_values(self, defaults: dict[str, Any]) -> dict[str, Any]:
        """A credit note's lines stay linked to the order lines, which count them back."""
        values = super()._account_reversal_values(defaults)
        if self.is_invoice:
            sources = self.line_ids.filtered(
                lambda ln: ln.display_type in ("product", "line_section", "line_note")
            )
            for command, line in zip(values["invoice_line_ids"], sources, strict=True):
                command[2]["sale_line_ids"] = [(6, 0, line.sale_line_ids.ids)]
        return values

    @public
    def action_view_source_sale_orders(self) -> dict[str, Any]:
        """The sales orders the invoices come from."""
        orders = self.mapped("line_ids").mapped("sale_line_ids").mapped("order_id")
        return _window(orders, "sale.order", _("Sales Orders"))


@model("sale.advance.payment.inv")
class SaleAdvancePaymentInv:
    def _default_sale_order_ids(self) -> list[Any]:
        context = self.env.context
        if context.get("active_model") != "sale.order":
            return []
        return [(6, 0, self.env["sale.order"].browse(context.get("active_ids") or []).exists().ids)]

    def _compute_count(self) -> None:
        for wizard in self:
            wizard.count = len(wizard.sale_order_ids)

    @public
    def create_invoices(self) -> dict[str, Any]:
        """Invoice what is left to invoice of the orders; the invoices' window action."""
        self.ensure_one()
        orders = self.sale_order_ids
        if not orders:
            raise UserError(_("Choose the sales orders to invoice."))
        not_confirmed = orders.filtered(lambda order: order.state != "sale")
        if not_confirmed:
            raise UserError(
                _(
                    "Only confirmed sales orders can be invoiced: %(orders)s.",
                    orders=", ".join(not_confirmed.mapped("name")),
                )
            )
        if self.advance_payment_method in ("percentage", "fixed"):
            invoices = self._sale_down_payment_invoices(orders)
        else:
            invoices = orders._create_invoices()
        return _window(invoices, "account.move", _("Invoices"))


def _window(records: Any, model_name: str, name: str) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "ir.actions.act_window", "res_model": model_name, "name": name}
    if len(records) == 1:
        action.update({"res_id": records.id, "view_mode": "form", "views": [[False, "form"]]})
    else:
        action.update(
            {
                "domain": [("id", "in", records.ids)],
                "view_mode": "list,form",
                "views": [[False, "list"], [False, "form"]],
            }
        )
    return action
