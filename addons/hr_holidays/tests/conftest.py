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

HR_ADDONS = ["base", "mail", "resource", "hr", "hr_holidays"]


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("hr_holidays")
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


@pytest.fixture
def team(env: Environment, make_employee: Callable[..., Any]) -> Any:  # noqa: F811
    """A manager (boss), two of their employees in one department (ana, eva), a time off officer, and
    someone of another department (otto); ana has 10 days of paid time off."""
    sales = env["hr.department"].create({"name": "Sales"})
    boss = make_employee("boss", department_id=sales.id)
    ana = make_employee("ana", manager=boss, department_id=sales.id)
    eva = make_employee("eva", manager=boss, department_id=sales.id)
    officer = make_employee("officer", groups=("hr_holidays.group_hr_holidays_user",))
    otto = make_employee("otto", department_id=env["hr.department"].create({"name": "Other"}).id)
    allocate(env, ana, 10)
    return type("Team", (), {"boss": boss, "ana": ana, "eva": eva, "officer": officer, "otto": otto})


def allocate(env: Environment, employee: Any, days: float,  # noqa: F811
             xmlid: str = "hr_holidays.holiday_status_cl") -> Any:
    allocation = env["hr.leave.allocation"].create({"employee_id": employee.id, "number_of_days": days,
                                                    "holiday_status_id": env.ref(xmlid).id})
    allocation.action_validate()
    return allocation
