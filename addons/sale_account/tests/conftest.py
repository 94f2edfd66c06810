"""Fixtures of the sales invoicing tests: a template database with sales and invoicing (and their demo)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_sale_account")
    Registry.forget(init_database(url, ["base", "sale", "account"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def order(env):  # noqa: F811
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
