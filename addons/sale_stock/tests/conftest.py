"""Fixtures of the sales-to-delivery tests: a template database with sales, inventory and their
demo data (sale_stock installs itself with both)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures
from tests.rpc.conftest import _no_login_cooldown, admin, admin_uid, common, demo, models, server  # noqa: F401


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_sale_stock")
    Registry.forget(init_database(url, ["base", "sale", "stock"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def make_product(env):  # noqa: F811
    """``make_product("Desk", stock=5, type="product")``: a product with that much in WH/Stock."""
    counter = iter(range(1, 10_000))

    def make(name: str = "Widget", stock: float = 0.0, type: str = "product", **values):
        product = env["product.product"].create(
            {"name": f"{name} {next(counter)}", "detailed_type": type, "list_price": 10, **values}
        )
        if stock:
            quant = (
                env["stock.quant"]
                .with_context(inventory_mode=True)
                .create(
                    {
                        "product_id": product.id,
                        "location_id": env.ref("stock.warehouse0").lot_stock_id.id,
                        "inventory_quantity": stock,
                    }
                )
            )
            quant.action_apply_inventory()
        return product

    return make


@pytest.fixture
def make_order(env):  # noqa: F811
    """``make_order((product, 3), ...)``: a quotation for the demo customer."""

    def make(*lines, **values):
        return env["sale.order"].create(
            {
                "partner_id": env.ref("base.res_partner_2").id,
                "order_line": [(0, 0, {"product_id": p.id, "product_uom_qty": q}) for p, q in lines],
                **values,
            }
        )

    return make
