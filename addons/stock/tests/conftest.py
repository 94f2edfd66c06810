"""Fixtures of the inventory tests: a database with the inventory addon and its demo data."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("stock", label="template_stock")
