"""Fixtures of the CRM tests: salespeople by default, and factories of teams and leads."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.records.environment import Environment


@pytest.fixture
def default_user_groups() -> tuple[str, ...]:
    """The users of these tests sell, unless a test gives other groups."""
    return ("sales_team.group_sale_salesman",)


@pytest.fixture
def make_team(env: Environment) -> Callable[..., Any]:
    """``make_team("A", members={user: capacity}, domain="[...]")``: a sales team with its members."""

    def make(name: str, members: dict[Any, int] | None = None, **values: Any) -> Any:
        team = env["crm.team"].create({"name": name, **values})
        env["crm.team.member"].create([{"crm_team_id": team.id, "user_id": user.id,
                                        "assignment_max": capacity}
                                       for user, capacity in (members or {}).items()])
        return team

    return make


@pytest.fixture
def make_lead(env: Environment) -> Callable[..., Any]:
    """``make_lead(name="x", **values)``: a lead (unassigned unless ``user_id`` is given)."""
    counter = iter(range(1, 1_000_000))

    def make(name: str | None = None, **values: Any) -> Any:
        values.setdefault("user_id", False)
        return env["crm.lead"].create({"name": name or f"Lead {next(counter)}", **values})

    return make
