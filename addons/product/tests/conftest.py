"""Fixtures of the product tests: a template database with the products addon and its demo catalogue."""
from __future__ import annotations

import pytest

from tests.databases import template_fixture

template_url = template_fixture("product", label="template_product")


@pytest.fixture
def make_product(env):
    """``make_product("Chair", list_price=100)``: a product.product (with its template)."""

    def make(name: str, **values):
        return env["product.product"].create({"name": name, **values})

    return make


@pytest.fixture
def make_pricelist(env):
    """``make_pricelist(rule_values, ...)``: a pricelist whose rules have these values."""

    def make(*rules, **values):
        return env["product.pricelist"].create({"name": values.pop("name", "Test pricelist"), **values,
                                                "item_ids": [(0, 0, rule) for rule in rules]})

    return make
