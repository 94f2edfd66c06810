"""Fixtures the inventory addon offers to its tests and to those of the addons built on it: the demo
warehouse, products with stock, transfers."""
from __future__ import annotations

import pytest


@pytest.fixture
def warehouse(env):
    return env.ref("stock.warehouse0")


def set_stock(env, product, quantity, location=None):
    """Count ``quantity`` of ``product`` in ``location`` (WH/Stock) and apply it."""
    location = location or env.ref("stock.warehouse0").lot_stock_id
    quant = (
        env["stock.quant"]
        .with_context(inventory_mode=True)
        .create({"product_id": product.id, "location_id": location.id, "inventory_quantity": quantity})
    )
    quant.action_apply_inventory()
    return quant


@pytest.fixture
def make_product(env):
    """``make_product("Desk", stock=5, type="product")``: a product, with that much in WH/Stock."""
    counter = iter(range(1, 10_000))

    def make(name: str = "Widget", stock: float = 0.0, type: str = "product", **values):
        product = env["product.product"].create(
            {"name": f"{name} {next(counter)}", "detailed_type": type, "list_price": 10, **values}
        )
        if stock:
            set_stock(env, product, stock)
        return product

    return make


@pytest.fixture
def make_picking(env, warehouse):
    """``make_picking("out", (product, 3), partner=...)``: a draft delivery ("out"), receipt ("in") or
    internal transfer ("int") of those products and demands."""

    def make(kind: str, *lines, **values):
        ptype = {"in": warehouse.in_type_id, "out": warehouse.out_type_id, "int": warehouse.int_type_id}[kind]
        values.setdefault("partner_id", env.ref("base.res_partner_2").id)
        return env["stock.picking"].create(
            {
                "picking_type_id": ptype.id,
                "move_ids": [(0, 0, {"product_id": p.id, "product_uom_qty": qty}) for p, qty in lines],
                **values,
            }
        )

    return make
