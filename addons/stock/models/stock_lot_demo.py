"""Demo lots: receipts of the tracked demo products, validated with their lots and serial numbers."""

from __future__ import annotations

from core import model

DEMO_LOTS = {
    "stock.product_lot_flour": [("FLOUR-2026-001", 20.0), ("FLOUR-2026-002", 15.0)],
    "stock.product_serial_phone": [(f"PHX2-{n:04d}", 1.0) for n in range(1, 6)],
}


@model("stock.warehouse")
class StockWarehouseLotDemo:
    def _demo_receive_lots(self) -> bool:
        """One validated receipt per tracked demo product (once: an upgrade runs this again); True."""
        if self.env["stock.lot"].search_count([("name", "=", "FLOUR-2026-001")]):
            return True
        warehouse = self.env.ref("stock.warehouse0")
        partner = self.env["res.partner"].search([("is_company", "=", True)], limit=1)
        for xmlid, lots in DEMO_LOTS.items():
            product = self.env.ref(xmlid)
            receipt = self.env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.in_type_id.id,
                    "partner_id": partner.id,
                    "origin": f"PO-LOTS-{product.default_code}",
                    "move_ids": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": sum(q for _n, q in lots)})
                    ],
                }
            )
            receipt.action_confirm()
            receipt.write(
                {
                    "move_line_ids": [
                        (0, 0, {"product_id": product.id, "lot_name": name, "quantity": qty})
                        for name, qty in lots
                    ]
                }
            )
            receipt.button_validate()
        return True
