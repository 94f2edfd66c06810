"""Fixtures of the product tests: a template database with the products addon and its demo catalogue."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_product")
    Registry.forget(init_database(url, ["base", "product"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def make_product(env):  # noqa: F811
    """``make_product("Chair", list_price=100)``: a product.product (with its template)."""

    def make(name: str, **values):
        return env["product.product"].create({"name": name, **values})

    return make


@pytest.fixture
def make_pricelist(env):  # noqa: F811
    """``make_pricelist(rule_values, ...)``: a pricelist whose rules have these values."""

    def make(*rules, **values):
        return env["product.pricelist"].create({"name": values.pop("name", "Test pricelist"), **values,
                                                "item_ids": [(0, 0, rule) for rule in rules]})

    return make
