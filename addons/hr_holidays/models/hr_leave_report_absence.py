"""The absence rate per department and month: approved days off / working days of the department's
employees (their schedules, public holidays excluded). Rows are rebuilt when the report is read and
what it counts has changed since, and once a day."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from core import model, public

STAMP_PARAM = "hr_holidays.absence_report_stamp"
MONTHS_BACK = 12
MONTHS_AHEAD = 3


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from ``first``'s to ``last``'s, both included."""
    found, current = [], month_start(first)
    while current <= last:
        found.append(current)
        current = next_month(current)
    return found


@model("hr.leave.report.absence")
class HrLeaveReportAbsence:
    @public
    def read_group(self, *args: Any, **kwargs: Any) -> Any:
        self._refresh_if_stale()
        return super().read_group(*args, **kwargs)

    @public
    def search_read(self, *args: Any, **kwargs: Any) -> Any:
        self._refresh_if_stale()
        return super().search_read(*args, **kwargs)

    def _refresh_if_stale(self) -> None:
        if self.env.cr.readonly:  # a read-only call serves the rows as they are
            return
        env = self.env(su=True)
        stamp = self._stamp()
        if env["ir.config_parameter"].get_param(STAMP_PARAM) != stamp:
            self._refresh()
            env["ir.config_parameter"].set_param(STAMP_PARAM, stamp)

    def _stamp(self) -> str:
        """What the figures depend on: requests, employees and public holidays, and the months shown."""
        env = self.env(su=True)
        parts = [str(self._period())]
        for name in ("hr.leave", "hr.employee", "resource.calendar.leaves", "resource.calendar"):
            rows = env[name].with_context(active_test=False).read_group([], ["write_date:max"], [])
            parts.append(f"{rows[0]['__count'] if rows else 0}:{rows[0].get('write_date') if rows else ''}")
        return "|".join(parts)

    def _period(self) -> tuple[dt.date, dt.date]:
        today = dt.date.today()
        first = month_start(today)
        for _step in range(MONTHS_BACK):
            first = month_start(first - dt.timedelta(days=1))
        last = today
        for _step in range(MONTHS_AHEAD):
            last = next_month(last)
        return first, last - dt.timedelta(days=1)

    @public
    def action_refresh(self) -> bool:
        """Rebuild the rows now (the daily job and every stale read do it too)."""
        self._refresh()
        self.env(su=True)["ir.config_parameter"].set_param(STAMP_PARAM, self._stamp())
        return True

    def _refresh(self, first: dt.date | None = None, last: dt.date | None = None) -> None:
        env = self.env(su=True)
        if first is None or last is None:
            first, last = self._period()
        rows = absence_rows(env, months(first, last))
        env["hr.leave.report.absence"].search([]).unlink()
        env["hr.leave.report.absence"].create(rows)


def absence_rows(env: Any, starts: list[dt.date]) -> list[dict[str, Any]]:
    """One row per department and month of ``starts`` with employees or days off."""
    employees = env["hr.employee"].search([("department_id", "!=", False)])
    calendar_days: dict[tuple[int, dt.date], float] = {}

    def working_days(calendar: Any, start: dt.date) -> float:
        key = (calendar.id, start)
        if key not in calendar_days:
            end = next_month(start) - dt.timedelta(days=1)
            calendar_days[key] = calendar.get_work_days_count(start, end) if calendar else \
                float((end - start).days + 1)
        return calendar_days[key]

    worked: dict[tuple[int, dt.date], float] = defaultdict(float)
    heads: dict[tuple[int, dt.date], int] = defaultdict(int)
    for employee in employees:
        for start in starts:
            key = (employee.department_id.id, start)
            worked[key] += working_days(employee.resource_calendar_id, start)
            heads[key] += 1
    off: dict[tuple[int, dt.date], float] = defaultdict(float)
    end_of_period = next_month(starts[-1]) - dt.timedelta(days=1) if starts else None
    leaves = env["hr.leave"].search([("state", "=", "validate"), ("employee_id", "in", employees.ids),
                                     ("request_date_to", ">=", starts[0] if starts else False),
                                     ("request_date_from", "<=", end_of_period or False)]) if starts else []
    for leave in leaves:
        calendar = leave.employee_id.resource_calendar_id
        department = leave.employee_id.department_id.id
        first, last = leave.request_date_from, leave.request_date_to
        if month_start(first) == month_start(last):
            if month_start(first) in starts:
                off[department, month_start(first)] += leave.number_of_days
            continue
        for start in months(first, last):
            if start not in starts:
                continue
            piece_end = min(last, next_month(start) - dt.timedelta(days=1))
            piece_start = max(first, start)
            off[department, start] += calendar.get_work_days_count(piece_start, piece_end) if calendar \
                else float((piece_end - piece_start).days + 1)
    rows = []
    for key in sorted(set(worked) | set(off), key=lambda k: (k[1], k[0])):
        days = worked.get(key, 0.0)
        rows.append({"department_id": key[0], "date": key[1], "employee_count": heads.get(key, 0),
                     "leave_days": round(off.get(key, 0.0), 2), "working_days": round(days, 2),
                     "absence_rate": round(100.0 * off.get(key, 0.0) / days, 2) if days else 0.0})
    return rows
