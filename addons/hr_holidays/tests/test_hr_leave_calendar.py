"""The team calendar: a time off shows on every day it covers, as a colleague sees it."""
from __future__ import annotations

import re

import pytest

from tests.fixtures.web_client import csrf_token, log_in
from web.app import create_app


@pytest.fixture
def client(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        group = env.ref("base.group_user").id
        users = env["res.users"].create([{"name": n, "login": n.lower(), "password": f"{n.lower()}-pass-1",
                                          "groups_id": [(6, 0, [group])]} for n in ("Ana", "Eva")])
        sales = env["hr.department"].create({"name": "Sales"})
        ana, _eva = env["hr.employee"].create([{"name": u.name, "user_id": u.id, "department_id": sales.id}
                                               for u in users])
        env["hr.leave"].create({"employee_id": ana.id, "request_date_from": "2026-03-04",
                                "request_date_to": "2026-03-06",
                                "holiday_status_id": env.ref("hr_holidays.holiday_status_unpaid").id})
        action = env.ref("hr_holidays.action_hr_holidays_dashboard").id
    client = create_app(registry.url, {"TESTING": True}).test_client()
    assert log_in(client, "eva", "eva-pass-1").status_code == 302
    client.csrf = csrf_token(client, "/web")
    client.action = action
    return client


def test_time_off_shows_on_each_day_it_covers(client):
    html = client.get(f"/web/action/{client.action}?view=calendar&date=2026-03-01").get_data(as_text=True)
    cells = html.split('class="calendar-day')[1:]
    with_ana = [int(re.search(r'day-number">(\d+)<', cell).group(1)) for cell in cells
                if not cell.startswith(" other") and ">Ana<" in cell]
    assert with_ana == [4, 5, 6]
