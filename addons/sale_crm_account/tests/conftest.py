"""Fixtures of the opportunity invoicing tests: a template database with CRM, sales and invoicing."""

from __future__ import annotations

from tests.databases import template_fixture

template_url = template_fixture("sale_crm", "account", label="template_sale_crm_account")
