"""Fixtures of the resource tests: a database with the resource addon (no demo data needed)."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("resource", demo=False, label="resource")
