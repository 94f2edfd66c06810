"""Fixtures the sales addon offers to its tests and to those of the addons built on it."""
from __future__ import annotations

import pytest


@pytest.fixture
def make_order(env):
    """``make_order(("product_delivery_02", 2), partner="base.res_partner_2", **values)``: a quotation
    with lines of products (a product, or the xmlid of a demo product of the product addon, and a
    quantity; or line values)."""

    def make(*lines, partner: str = "base.res_partner_2", **values):
        commands = []
        for line in lines:
            if isinstance(line, tuple):
                product, qty = line
                if isinstance(product, str):
                    product = env.ref(f"product.{product}")
                line = {"product_id": product.id, "product_uom_qty": qty}
            commands.append((0, 0, line))
        return env["sale.order"].create({"partner_id": env.ref(partner).id, "order_line": commands, **values})

    return make
