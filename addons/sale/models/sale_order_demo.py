"""Demo quotations and orders: a seeded, repeatable mix of customers, products and states."""

from __future__ import annotations

import datetime as dt
import random

from core import clock, model

# how the demo orders are spread over the states (the rest stay quotations)
STATE_CYCLE = ("draft", "sent", "sale", "sale", "draft", "sale", "cancel", "sent", "sale", "locked")


@model("sale.order")
class SaleOrderDemo:
    def _demo_generate_orders(self, count: int = 24, seed: int = 7) -> bool:
        """Create ``count`` demo orders for the demo customers, in every state; True."""
        rng = random.Random(seed)
        customers = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "!=", self.env.company.partner_id.id)]
        )
        customers |= self.env["res.partner"].search(
            [
                ("is_company", "=", False),
                ("parent_id", "=", False),
                ("user_ids", "=", False),
                ("email", "!=", False),
            ]
        )
        products = self.env["product.product"].search([("sale_ok", "=", True)])
        users = self.env["res.users"].search([("login", "in", ["admin", "demo"])])
        if not customers or not products:
            return True
        now = clock.utcnow().replace(microsecond=0)
        for index in range(count):
            customer = customers[index % len(customers)]
            chosen = rng.sample(list(products), k=min(len(products), rng.randint(1, 5)))
            lines = [
                (0, 0, {"product_id": product.id, "product_uom_qty": rng.choice([1, 1, 2, 3, 5, 10, 12])})
                for product in chosen
            ]
            if index % 5 == 0:
                lines.insert(0, (0, 0, {"display_type": "line_section", "name": "Equipment"}))
            order = self.create(
                {
                    "partner_id": customer.id,
                    "user_id": users[index % len(users)].id if users else False,
                    "date_order": now - dt.timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 8)),
                    "client_order_ref": f"PO-{2600 + index}" if index % 3 == 0 else False,
                    "order_line": lines,
                }
            )
            order._demo_set_state(STATE_CYCLE[index % len(STATE_CYCLE)])
        return True

    def _demo_set_state(self, state: str) -> None:
        if state == "sent":
            # the demo marks the quotation sent without emailing the demo customers
            self.write({"state": "sent"})
        elif state in ("sale", "locked"):
            date_order = self.date_order
            self.action_confirm()
            self.write({"date_order": date_order})
            if state == "locked":
                self.action_lock()
        elif state == "cancel":
            self.action_cancel()
