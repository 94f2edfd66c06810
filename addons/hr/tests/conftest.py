"""Fixtures of the HR tests: a database with the HR addons, and factories of users and employees."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.records.environment import Environment
from core.registry.registry import Registry
from tests.conftest import as_user, env, fresh_registry, new_db_url, registry  # noqa: F401 - shared fixtures

HR_ADDONS = ["base", "mail", "resource", "hr"]


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("hr")
    built = init_database(url, HR_ADDONS, demo=False)
    Registry.forget(built.url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def make_user(env: Environment) -> Callable[..., Any]:  # noqa: F811
    """``make_user("login", groups=["hr.group_hr_user"])``: an internal user."""

    def make(login: str, groups: tuple[str, ...] = (), **values: Any) -> Any:
        group_ids = [env.ref(xmlid).id for xmlid in ("base.group_user", *groups)]
        return env["res.users"].create({"name": login.title(), "login": login,
                                        "email": f"{login}@example.com",
                                        "groups_id": [(6, 0, group_ids)], **values})

    return make


@pytest.fixture
def make_employee(env: Environment, make_user: Callable[..., Any]) -> Callable[..., Any]:  # noqa: F811
    """``make_employee("ana", manager=boss, groups=(...))``: an employee with a user of that login
    (``user=False`` for none)."""

    def make(login: str, manager: Any = None, user: bool = True, groups: tuple[str, ...] = (),
             **values: Any) -> Any:
        user_id = make_user(login, groups).id if user else False
        return env["hr.employee"].create({"name": login.title(), "user_id": user_id,
                                          "work_email": f"{login}@example.com",
                                          "parent_id": manager.id if manager else False, **values})

    return make
