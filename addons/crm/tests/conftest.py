"""Fixtures of the CRM tests: the shared database fixtures, and factories of teams, users and leads."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.records.environment import Environment
from tests.conftest import as_user, env, fresh_registry, registry, template_url  # noqa: F401 - shared fixtures


@pytest.fixture
def make_user(env: Environment) -> Callable[..., Any]:  # noqa: F811
    """``make_user("login", groups=["sales_team.group_sale_salesman"])``: an internal user."""

    def make(login: str, groups: tuple[str, ...] = ("sales_team.group_sale_salesman",), **values: Any) -> Any:
        group_ids = [env.ref(xmlid).id for xmlid in ("base.group_user", *groups)]
        return env["res.users"].create({"name": login.title(), "login": login,
                                        "email": f"{login}@example.com",
                                        "groups_id": [(6, 0, group_ids)], **values})

    return make


@pytest.fixture
def make_team(env: Environment) -> Callable[..., Any]:  # noqa: F811
    """``make_team("A", members={user: capacity}, domain="[...]")``: a sales team with its members."""

    def make(name: str, members: dict[Any, int] | None = None, **values: Any) -> Any:
        team = env["crm.team"].create({"name": name, **values})
        env["crm.team.member"].create([{"crm_team_id": team.id, "user_id": user.id,
                                        "assignment_max": capacity}
                                       for user, capacity in (members or {}).items()])
        return team

    return make


@pytest.fixture
def make_lead(env: Environment) -> Callable[..., Any]:  # noqa: F811
    """``make_lead(name="x", **values)``: a lead (unassigned unless ``user_id`` is given)."""
    counter = iter(range(1, 1_000_000))

    def make(name: str | None = None, **values: Any) -> Any:
        values.setdefault("user_id", False)
        return env["crm.lead"].create({"name": name or f"Lead {next(counter)}", **values})

    return make
