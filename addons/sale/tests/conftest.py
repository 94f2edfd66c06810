"""Fixtures of the sales tests: a template database with the sales addon and its demo data."""

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
    url = new_db_url("template_sale")
    Registry.forget(init_database(url, ["base", "sale"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def make_order(env):  # noqa: F811
    """``make_order(("product_delivery_02", 2), partner="base.res_partner_2", **values)``: a quotation
    with lines of demo products (an xmlid of the product addon and a quantity, or line values)."""

    def make(*lines, partner: str = "base.res_partner_2", **values):
        commands = []
        for line in lines:
            if isinstance(line, tuple):
                xmlid, qty = line
                line = {"product_id": env.ref(f"product.{xmlid}").id, "product_uom_qty": qty}
            commands.append((0, 0, line))
        return env["sale.order"].create({"partner_id": env.ref(partner).id, "order_line": commands, **values})

    return make


@pytest.fixture
def make_tax(env):  # noqa: F811
    def make(amount: float, **values):
        return env["account.tax"].create(
            {"name": f"Tax {amount} {sorted(values.items())}", "amount": amount, **values}
        )

    return make
