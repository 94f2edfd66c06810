"""Fixtures of the citizen request tests: a database with the czrm addon, without demo data (the
town hall's data is built by the tests that need it)."""

from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("czrm", label="czrm")
