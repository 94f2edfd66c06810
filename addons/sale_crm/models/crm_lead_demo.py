"""Demo quotations of opportunities, seeded and repeatable."""

from __future__ import annotations

import random

from core import model


@model("crm.lead")
class CrmLeadSaleDemo:
    def _demo_quote_opportunities(self, count: int = 8, confirmed: int = 3, seed: int = 11) -> bool:
        """Quote ``count`` open demo opportunities that have a customer; confirm the first
        ``confirmed`` of them (which wins them); True."""
        rng = random.Random(seed)
        leads = self.search(
            [("type", "=", "opportunity"), ("partner_id", "!=", False), ("won_status", "=", "pending")],
            limit=count,
            order="id",
        )
        products = self.env["product.product"].search([("sale_ok", "=", True)])
        if not products:
            return True
        Order = self.env["sale.order"]
        for index, lead in enumerate(leads):
            order = Order.browse(lead.action_sale_quotations_new()["res_id"])
            chosen = rng.sample(list(products), k=min(len(products), rng.randint(1, 4)))
            order.write(
                {
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": rng.choice([1, 2, 5])})
                        for product in chosen
                    ]
                }
            )
            if index < confirmed:
                order.action_confirm()
        return True
