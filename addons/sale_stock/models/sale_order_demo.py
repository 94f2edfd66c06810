"""Demo deliveries: the confirmed demo orders that have none get theirs, some of them delivered,
one in part with a backorder."""

from __future__ import annotations

from core import model


@model("sale.order")
class SaleOrderStockDemo:
    def _demo_create_deliveries(self) -> bool:
        """Deliveries for the confirmed orders without one; a few validated; True."""
        orders = self.search([("state", "=", "sale"), ("picking_ids", "=", False)], order="id")
        locked = orders.filtered("locked")
        locked.write({"locked": False})
        orders._create_deliveries()
        locked.write({"locked": True})
        for index, order in enumerate(orders):
            pickings = order.picking_ids.filtered(lambda p: p.state == "assigned")
            if not pickings or index % 3 == 2:
                continue
            picking = pickings[0]
            if index % 3 == 1 and len(picking.move_ids) > 1:
                picking.move_ids[0].write({"quantity": 0.0})
                picking.with_context(skip_backorder=True).button_validate()
            elif all(m.quantity >= m.product_uom_qty for m in picking.move_ids):
                picking.button_validate()
        return True
