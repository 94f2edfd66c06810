"""Fixtures of the sales-to-delivery tests: a template database with sales, inventory and their
demo data (sale_stock installs itself with both)."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("sale", "stock", label="template_sale_stock")
