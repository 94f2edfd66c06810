"""Fixtures of the HR tests: a database with the HR addons, and factories of users and employees."""
from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("mail", "resource", "hr", demo=False, label="hr")
