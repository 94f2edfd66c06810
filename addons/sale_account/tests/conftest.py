"""Fixtures of the sales invoicing tests: a template database with sales and invoicing (and their demo)."""

from __future__ import annotations

import pytest

from tests.databases import template_fixture

template_url = template_fixture("sale", "account", label="template_sale_account")


@pytest.fixture
def order(env):
    """A confirmed order: 2 chairs and 3 books."""
    order = env["sale.order"].create(
        {
            "partner_id": env.ref("base.res_partner_2").id,
            "order_line": [
                (0, 0, {"product_id": env.ref("product.product_delivery_02").id, "product_uom_qty": 2}),
                (0, 0, {"product_id": env.ref("product.product_book").id, "product_uom_qty": 3}),
            ],
        }
    )
    order.action_confirm()
    return order
