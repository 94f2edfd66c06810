"""Fixtures of the service desk tests: a database with the helpdesk (the first app on the service desk core),
a team on the standard 40-hour calendar in Madrid, and its SLA policies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("service_desk")
    Registry.forget(init_database(url, ["base", "helpdesk"], demo=False).url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def stages(env):  # noqa: F811
    return {
        name: env.ref(f"service_desk.stage_{name}")
        for name in ("new", "in_progress", "waiting", "solved", "cancelled")
    }


@pytest.fixture
def make_user(env):  # noqa: F811
    def make(login: str, **values):
        return env["res.users"].create(
            {
                "name": login.title(),
                "login": login,
                "email": f"{login}@example.com",
                "groups_id": [(6, 0, [env.ref("service_desk.group_service_desk_user").id])],
                **values,
            }
        )

    return make


@pytest.fixture
def team(env, stages, make_user):  # noqa: F811
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
def customer(env):  # noqa: F811
    return env["res.partner"].create({"name": "Ana Requester", "email": "ana@example.com"})


@pytest.fixture
def make_ticket(env, team, customer):  # noqa: F811
    def make(**values):
        return env["helpdesk.ticket"].create(
            {"name": "Printer on fire", "team_id": team.id, "partner_id": customer.id, **values}
        )

    return make
