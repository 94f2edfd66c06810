"""Fixtures of the inventory tests: a template database with the inventory addon and its demo data,
products with stock, and transfers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, fresh_registry, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_stock")
    Registry.forget(init_database(url, ["base", "stock"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def warehouse(env):  # noqa: F811
    return env.ref("stock.warehouse0")


def set_stock(env, product, quantity, location=None):  # noqa: F811
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
def make_product(env):  # noqa: F811
    """``make_product("Desk", stock=5, type="product")``: a product, with that much in WH/Stock."""
    counter = iter(range(1, 10_000))

    def make(name: str = "Widget", stock: float = 0.0, type: str = "product", **values):
        product = env["product.product"].create(
            {"name": f"{name} {next(counter)}", "detailed_type": type, **values}
        )
        if stock:
            set_stock(env, product, stock)
        return product

    return make


@pytest.fixture
def make_picking(env, warehouse):  # noqa: F811
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
