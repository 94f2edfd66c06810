"""Fixtures of the HR tests: a database with the HR addons, and factories of users and employees."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.records.environment import Environment
from tests.databases import template_fixture

template_url = template_fixture("mail", "resource", "hr", "hr_holidays", demo=False, label="hr_holidays")




@pytest.fixture
def team(env: Environment, make_employee: Callable[..., Any]) -> Any:
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


def allocate(env: Environment, employee: Any, days: float,
             xmlid: str = "hr_holidays.holiday_status_cl") -> Any:
    allocation = env["hr.leave.allocation"].create({"employee_id": employee.id, "number_of_days": days,
                                                    "holiday_status_id": env.ref(xmlid).id})
    allocation.action_validate()
    return allocation
