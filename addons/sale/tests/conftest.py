"""Fixtures of the sales tests: a template database with the sales addon and its demo data."""

from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("sale", label="template_sale")
