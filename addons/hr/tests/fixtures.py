"""Fixtures the HR addon offers to its tests and to those of the addons built on it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.records.environment import Environment


@pytest.fixture
def make_employee(env: Environment, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``make_employee("ana", manager=boss, groups=(...))``: an employee with a user of that login
    (``user=False`` for none)."""

    def make(login: str, manager: Any = None, user: bool = True, groups: tuple[str, ...] = (),
             **values: Any) -> Any:
        user_id = make_user(login, groups).id if user else False
        return env["hr.employee"].create({"name": login.title(), "user_id": user_id,
                                          "work_email": f"{login}@example.com",
                                          "parent_id": manager.id if manager else False, **values})

    return make
