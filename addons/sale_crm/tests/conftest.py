"""Fixtures of the opportunity-to-quotation tests: a template database with CRM, sales and their demo data."""

from __future__ import annotations

import pytest

from tests.databases import template_fixture

template_url = template_fixture("sale_crm", label="template_sale_crm")




@pytest.fixture
def opportunity(env):
    source = env["utm.source"].create({"name": "Spring fair"})
    salesperson = env["res.users"].create(
        {
            "name": "Rita",
            "login": "rita_sale_crm",
            "groups_id": [
                (6, 0, [env.ref("base.group_user").id, env.ref("sales_team.group_sale_salesman").id])
            ],
        }
    )
    team = env["crm.team"].create({"name": "Fairs"})
    return env["crm.lead"].create(
        {
            "name": "Office refit",
            "type": "opportunity",
            "partner_id": env.ref("base.res_partner_2").id,
            "user_id": salesperson.id,
            "team_id": team.id,
            "source_id": source.id,
            "expected_revenue": 5000,
        }
    )
