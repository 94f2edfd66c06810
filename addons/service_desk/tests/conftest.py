"""Fixtures of the service desk tests: a database with the helpdesk (the first app on the service desk core),
a team on the standard 40-hour calendar in Madrid, and its SLA policies."""

from __future__ import annotations

import pytest

from tests.databases import template_fixture

template_url = template_fixture("helpdesk", demo=False, label="service_desk")


@pytest.fixture
def stages(env):
    return {
        name: env.ref(f"service_desk.stage_{name}")
        for name in ("new", "in_progress", "waiting", "solved", "cancelled")
    }


@pytest.fixture
def default_user_groups() -> tuple[str, ...]:
    return ("service_desk.group_service_desk_user",)


@pytest.fixture
def team(env, stages, make_user):
    """A team working Monday to Friday 8-12 and 13-17 in Madrid, 2 h to answer and 16 h to solve."""
    lead = make_user("lead")
    team = env["service_desk.team"].create(
        {
            "name": "Support",
            "user_id": lead.id,
            "tz": "Europe/Madrid",
            "resource_calendar_id": env.ref("resource.resource_calendar_std").id,
            "stage_ids": [(6, 0, [s.id for s in stages.values()])],
        }
    )
    env["service_desk.sla"].create(
        {"name": "Standard", "team_id": team.id, "time_first_response": 2, "time_resolution": 16}
    )
    return team


@pytest.fixture
def customer(env):
    return env["res.partner"].create({"name": "Ana Requester", "email": "ana@example.com"})


@pytest.fixture
def make_ticket(env, team, customer):
    def make(**values):
        return env["helpdesk.ticket"].create(
            {"name": "Printer on fire", "team_id": team.id, "partner_id": customer.id, **values}
        )

    return make
