"""Deliveries of sales orders: made when the order is confirmed, cancelled with it, and counted
back on the order lines as delivered quantities when validated."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import _, model, public

STOCK_TYPES = ("product", "consu")


@model("sale.order")
class SaleOrderStock:
    def _default_warehouse_id(self) -> Any:
        return self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)

    def _compute_delivery_count(self) -> None:
        for order in self:
            order.delivery_count = len(order.picking_ids)

    @public
    def action_confirm(self) -> bool:
        """Confirm, then make the deliveries of the products (services are not delivered)."""
        # the lines' delivered quantities and the deliveries' states follow every move written on
        # the way: they are computed once, at the end
        with self.env.holding_recompute():
            result = super().action_confirm()
            self._create_deliveries()
        return result

    @public
    def action_cancel(self) -> bool:
        """Cancel the orders and their deliveries not done yet."""
        result = super().action_cancel()
        self.mapped("picking_ids").filtered(lambda p: p.state not in ("done", "cancel")).action_cancel()
        return result

    def _create_deliveries(self) -> Any:
        """One delivery per order for its product lines, confirmed and reserved where stock is there."""
        Picking = self.env["stock.picking"].sudo()
        values = []
        by_company = {}  # each order ships from a warehouse of its own company
        for warehouse in self.env["stock.warehouse"].sudo().search(
            [("company_id", "in", self.mapped("company_id").ids)], order="sequence, id"
        ):
            by_company.setdefault(warehouse.company_id.id, warehouse)
        for order in self:
            warehouse = order.warehouse_id
            if not warehouse or warehouse.company_id != order.company_id:
                warehouse = by_company.get(order.company_id.id)
            lines = order.order_line.filtered(
                lambda line: (
                    not line.display_type
                    and line.product_id.type in STOCK_TYPES
                    and line.product_uom_qty > 0
                    and not line.move_ids
                )
            )
            if not warehouse or not warehouse.out_type_id or not lines:
                continue
            values.append(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": order.partner_shipping_id.id or order.partner_id.id,
                    "origin": order.name,
                    "sale_id": order.id,
                    "company_id": order.company_id.id,
                    "scheduled_date": order.date_order,
                    "move_ids": [
                        (
                            0,
                            0,
                            {
                                "product_id": line.product_id.id,
                                "product_uom_qty": line.product_uom_qty,
                                "product_uom": line.product_uom.id or line.product_id.uom_id.id,
                                "name": (line.name or line.product_id.display_name).split("\n")[0],
                                "sale_line_id": line.id,
                            },
                        )
                        for line in lines
                    ],
                }
            )
        if not values:
            return Picking
        pickings = Picking.create(values)
        pickings.action_confirm()
        pickings.with_context(assign_quietly=True).action_assign()
        return pickings

    def _action_deliveries(self, pickings: Any) -> dict[str, Any]:
        action = self.env.ref("stock.action_picking_tree_outgoing")
        result: dict[str, Any] = {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": _("Deliveries"),
            "res_model": "stock.picking",
            "context": {"default_sale_id": self.id},
        }
        if len(pickings) == 1:
            result.update(view_mode="form", res_id=pickings.id, views=[[False, "form"]])
        else:
            result.update(view_mode="list,form", domain=[("id", "in", pickings.ids)])
        return result

    @public
    def action_view_delivery(self) -> dict[str, Any]:
        """The order's deliveries: the form of the only one, else their list."""
        return self._action_deliveries(self.mapped("picking_ids"))


@model("sale.order.line")
class SaleOrderLineStock:
    def _compute_qty_delivered(self) -> None:
        manual = self.filtered(lambda line: line.product_id.type not in STOCK_TYPES or line.display_type)
        kept = manual._stored_qty_delivered()
        for line in self:
            if line in manual:
                line.qty_delivered = kept.get(line.id, 0.0)
                continue
            total = 0.0
            for move in line.move_ids.filtered(lambda m: m.state == "done"):
                qty = move.quantity
                if move.product_uom and line.product_uom and move.product_uom != line.product_uom:
                    qty = move.product_uom._compute_quantity(qty, line.product_uom, round=False)
                if move.location_dest_id.usage == "customer":
                    total += qty
                elif move.location_id.usage == "customer":
                    total -= qty  # a return
            line.qty_delivered = total

    def _stored_qty_delivered(self) -> dict[int, float]:
        """What the column holds for lines delivered by hand (services)."""
        ids = [i for i in self.ids if isinstance(i, int)]
        if not ids:
            return {}
        table = self._table
        rows = self.env.cr.execute(sa.select(table.c.id, table.c.qty_delivered).where(table.c.id.in_(ids)))
        return {row.id: float(row.qty_delivered or 0.0) for row in rows}


@model("stock.picking")
class StockPickingSale:
    @public
    def action_view_sale_order(self) -> dict[str, Any]:
        """The sales order of the delivery."""
        self.ensure_one()
        action = self.env.ref("sale.action_orders")
        return {
            "type": "ir.actions.act_window",
            "id": action.id,
            "name": self.sale_id.name,
            "res_model": "sale.order",
            "view_mode": "form",
            "res_id": self.sale_id.id,
        }

    def _create_backorder(self, remainders: list[tuple[Any, dict | None]]) -> Any:
        backorder = super()._create_backorder(remainders)
        if self.sale_id and not backorder.sale_id:
            backorder.write({"sale_id": self.sale_id.id})
        return backorder


@model("stock.return.picking")
class StockReturnPickingSale:
    def _prepare_picking_default_values(self) -> dict[str, Any]:
        values = super()._prepare_picking_default_values()
        if self.picking_id.sale_id:
            values["sale_id"] = self.picking_id.sale_id.id
        return values

    def _prepare_move_default_values(self, line: Any, new_picking: Any) -> dict[str, Any]:
        """A returned move counts on the order line it delivered (its delivered quantity goes down)."""
        values = super()._prepare_move_default_values(line, new_picking)
        if line.move_id.sale_line_id:
            values["sale_line_id"] = line.move_id.sale_line_id.id
        return values
