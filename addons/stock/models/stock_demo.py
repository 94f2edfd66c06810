"""Demo stock: counted quantities for the storable products in the main warehouse, and receipts
and deliveries in every state. Seeded, so every demo database is the same."""

from __future__ import annotations

import datetime as dt
import random

from core import clock, model


@model("stock.warehouse")
class StockWarehouseDemo:
    def _demo_fill_stock(self, seed: int = 17) -> bool:
        """Count stock for the storable demo products, then make receipts and deliveries; True."""
        if self.env["stock.picking"].search_count([("origin", "=like", "PO-DEMO-%")]):
            return True  # already there: an upgrade runs the demo functions again
        rng = random.Random(seed)
        warehouse = self.env.ref("stock.warehouse0")
        # tracked products get their lots from stock_lot_demo.py
        products = self.env["product.product"].search([("type", "=", "product"), ("tracking", "=", "none")])
        if not products:
            return True
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        counted = [p for index, p in enumerate(products) if index % 7 != 6]  # a few stay out of stock
        quants = Quant.create(
            [
                {
                    "product_id": p.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "inventory_quantity": rng.choice([5, 12, 20, 35, 60, 100]),
                }
                for p in counted
            ]
        )
        quants.action_apply_inventory()
        partners = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "!=", self.env.company.partner_id.id)], limit=6
        )
        if not partners:
            return True
        Picking = self.env["stock.picking"]
        now = clock.utcnow().replace(microsecond=0)
        plans = [
            ("in", "done"),
            ("in", "assigned"),
            ("in", "draft"),
            ("in", "cancel"),
            ("out", "done"),
            ("out", "assigned"),
            ("out", "confirmed"),
            ("out", "draft"),
            ("out", "partial"),
        ]
        for index, (kind, state) in enumerate(plans):
            ptype = warehouse.in_type_id if kind == "in" else warehouse.out_type_id
            chosen = rng.sample(list(products), k=min(len(products), 3))
            if state == "confirmed":
                empty = [p for p in products if p not in counted]
                chosen = empty[:1] or chosen
            picking = Picking.create(
                {
                    "picking_type_id": ptype.id,
                    "partner_id": partners[index % len(partners)].id,
                    "scheduled_date": now + dt.timedelta(days=rng.randint(-5, 10)),
                    "origin": f"PO-DEMO-{index + 1:03d}" if kind == "in" else f"DEMO-{index + 1:03d}",
                    "move_ids": [
                        (0, 0, {"product_id": p.id, "product_uom_qty": rng.choice([1, 2, 3, 5])})
                        for p in chosen
                    ],
                }
            )
            picking._demo_set_state(state)
        return True


@model("stock.picking")
class StockPickingDemo:
    def _demo_set_state(self, state: str) -> None:
        if state == "draft":
            return
        if state == "cancel":
            self.action_cancel()
            return
        self.action_confirm()
        self.with_context(assign_quietly=True).action_assign()
        if state == "done":
            self.action_set_quantities_to_reservation()
            self.with_context(skip_backorder=True, cancel_backorder=True).button_validate()
        elif state == "partial":
            move = self.move_ids[:1]
            move.write({"quantity": max(0.0, move.product_uom_qty - 1) or 1.0})
            for other in self.move_ids[1:]:
                other.write({"quantity": other.quantity})
            self.with_context(skip_backorder=True).button_validate()
