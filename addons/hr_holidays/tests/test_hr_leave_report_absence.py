"""The absence rate by department and month, on a small company counted by hand."""
from __future__ import annotations

import datetime as dt

from addons.hr_holidays.models.hr_leave_report_absence import absence_rows
from core import clock

UNPAID = "hr_holidays.holiday_status_unpaid"


def week_calendar(env, name, days):
    """A schedule of 8 hours on ``days`` (0 = Monday), in UTC, with no country (no national holiday)."""
    return env["resource.calendar"].create({
        "name": name, "tz": "UTC", "attendance_ids": [
            (0, 0, {"name": str(day), "dayofweek": str(day), "hour_from": h, "hour_to": h + 4})
            for day in days for h in (8, 13)]})


def take(env, employee, first, last):
    leave = env["hr.leave"].create({"employee_id": employee.id, "holiday_status_id": env.ref(UNPAID).id,
                                    "request_date_from": first, "request_date_to": last})
    leave.with_context(leave_action=True).write({"state": "validate"})
    return leave


def test_absence_rate_per_department_and_month(env, make_employee):
    full = week_calendar(env, "Full time", range(5))
    part = week_calendar(env, "Three days", (0, 1, 2))
    # a public holiday of every country on Thursday 19 March 2026
    env["resource.calendar.leaves"].create({"name": "Holiday", "date_from": "2026-03-19 00:00:00",
                                            "date_to": "2026-03-20 00:00:00"})
    sales = env["hr.department"].create({"name": "Sales"})
    support = env["hr.department"].create({"name": "Support"})
    ana = make_employee("ana", department_id=sales.id, resource_calendar_id=full.id)
    make_employee("eva", department_id=sales.id, resource_calendar_id=part.id)
    otto = make_employee("otto", department_id=support.id, resource_calendar_id=full.id)
    # March 2026: 22 weekdays, 21 working days for full time (the holiday), 14 Mon-Wed for part time
    take(env, ana, "2026-03-16", "2026-03-20")  # 4 working days, the holiday not counted
    take(env, otto, "2026-03-30", "2026-04-03")  # 2 days in March, 3 in April
    rows = absence_rows(env, [dt.date(2026, 3, 1), dt.date(2026, 4, 1)])
    found = {(row["department_id"], str(row["date"])): row for row in rows
             if row["department_id"] in (sales.id, support.id)}
    march_sales = found[sales.id, "2026-03-01"]
    assert (march_sales["employee_count"], march_sales["leave_days"]) == (2, 4)
    assert march_sales["working_days"] == 35
    assert march_sales["absence_rate"] == round(100 * 4 / 35, 2)
    assert found[support.id, "2026-03-01"]["leave_days"] == 2
    assert found[support.id, "2026-03-01"]["absence_rate"] == round(100 * 2 / 21, 2)
    # April 2026: 22 weekdays
    assert found[support.id, "2026-04-01"]["leave_days"] == 3
    assert found[support.id, "2026-04-01"]["absence_rate"] == round(100 * 3 / 22, 2)
    assert found[sales.id, "2026-04-01"]["leave_days"] == 0


def test_the_report_follows_time_off_employees_and_holidays(env, as_user, make_employee):
    sales = env["hr.department"].create({"name": "Sales"})
    calendar = week_calendar(env, "Full time", range(5))
    ana = make_employee("ana", department_id=sales.id, resource_calendar_id=calendar.id)
    make_employee("officer", groups=("hr_holidays.group_hr_holidays_user",))
    monday = clock.today() - dt.timedelta(days=clock.today().weekday())
    month = monday.replace(day=1)
    report = as_user("officer")["hr.leave.report.absence"]

    def figures():
        rows = report.search_read([("department_id", "=", sales.id), ("date", "=", month)],
                                  ["leave_days", "working_days", "employee_count"])
        return (rows[0]["leave_days"], rows[0]["working_days"], rows[0]["employee_count"]) if rows else None

    days = calendar.get_work_days_count(month, (month + dt.timedelta(days=32)).replace(day=1)
                                        - dt.timedelta(days=1))
    assert figures() == (0, days, 1)
    leave = take(env, ana, monday, monday)
    assert figures() == (1, days, 1)
    leave.with_context(leave_action=True).write({"state": "refuse"})
    assert figures() == (0, days, 1)
    take(env, ana, monday + dt.timedelta(days=1), monday + dt.timedelta(days=1)).unlink()
    assert figures() == (0, days, 1)
    make_employee("eva", department_id=sales.id, resource_calendar_id=calendar.id)
    assert figures() == (0, 2 * days, 2)
    env["resource.calendar.leaves"].create({"name": "Closed", "date_from": f"{monday} 00:00:00",
                                            "date_to": f"{monday + dt.timedelta(days=1)} 00:00:00"})
    assert figures() == (0, 2 * (days - 1), 2)


def test_the_pivot_and_graph_show_the_rate(login_as, in_db):
    action = in_db(lambda env: env.ref("hr_holidays.hr_leave_report_absence_action").id)
    admin = login_as("admin")
    pivot = admin.get(f"/web/action/{action}")
    assert pivot.status_code == 200
    assert "Absence Rate (%)" in pivot.get_data(as_text=True) and "Days Off" in pivot.get_data(as_text=True)
    graph = admin.get(f"/web/action/{action}?view=graph")
    assert graph.status_code == 200 and "Absence Rate" in graph.get_data(as_text=True)
    parent = in_db(lambda env: env.ref("hr_holidays.menu_hr_holidays_report_absence").parent_id.id)
    assert parent == in_db(lambda env: env.ref("hr_holidays.menu_hr_holidays_report").id)


def test_the_pivot_averages_rates_instead_of_adding_them(env):
    """The web client's pivot and graph aggregate a measure as its field's ``aggregator`` says."""
    from web.client.views.pivot_table import compute, measure_kind

    Report = env["hr.leave.report.absence"]
    Report.search([]).unlink()
    sales = env["hr.department"].create({"name": "Sales"})
    support = env["hr.department"].create({"name": "Support"})
    Report.create([
        {"department_id": sales.id, "date": "2026-03-01", "absence_rate": 10.0, "leave_days": 1},
        {"department_id": sales.id, "date": "2026-04-01", "absence_rate": 20.0, "leave_days": 2},
        {"department_id": support.id, "date": "2026-03-01", "absence_rate": 30.0, "leave_days": 3}])
    assert (measure_kind(Report, "absence_rate"), measure_kind(Report, "leave_days")) == ("avg", "sum")
    table = compute(Report, [], ["department_id"], ["date:month"], ["absence_rate", "leave_days"],
                    (set(), set()), "Total")
    totals = table.values[(), ()]
    assert totals == [20.0, 6.0]  # the rate of all three rows averaged, the days added
    by_department = {key[0][0]: value for key, value in table.values.items() if key[0] and not key[1]}
    assert sorted(by_department.values()) == [[15.0, 3.0], [30.0, 3.0]]
