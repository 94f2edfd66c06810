"""Fixtures of the unit tests: a template database with the units of measure."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("uom", demo=False, label="template_uom")
