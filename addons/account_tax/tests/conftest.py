"""Fixtures of the tax tests: a template database with the taxes addon and its demo taxes."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("account_tax", label="template_tax")
