"""The absence rate per department and month: approved days off / working days of the department's
employees (their schedules, public holidays excluded). The rows are kept up to date as time off,
employees and public holidays change, and rebuilt once a day as the months move on."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from core import clock, model, public

REPORT_EMPLOYEE_FIELDS = frozenset({"department_id", "resource_calendar_id", "active"})
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
    def _period(self) -> tuple[dt.date, dt.date]:
        """The months the report holds: the last twelve, this one and the next three."""
        today = clock.today()
        first = month_start(today)
        for _step in range(MONTHS_BACK):
            first = month_start(first - dt.timedelta(days=1))
        last = month_start(today)
        for _step in range(MONTHS_AHEAD + 1):
            last = next_month(last)
        return first, last - dt.timedelta(days=1)

    @public
    def action_refresh(self) -> bool:
        """Rebuild every row (the daily job does it, as the months move on)."""
        self._refresh_months(months(*self._period()))
        return True

    def _refresh_months(self, starts: list[dt.date]) -> None:
        """Rebuild the rows of the months ``starts`` that fall in the report's period."""
        first, last = self._period()
        starts = sorted({start for start in starts if first <= start <= last})
        if not starts:
            return
        Report = self.env(su=True)["hr.leave.report.absence"]
        Report.search([("date", "in", starts)]).unlink()
        Report.create(absence_rows(Report.env, starts))

    def _leaves_changed(self, spans: list[tuple[Any, Any]]) -> None:
        """Time off changed over these (first day, last day) spans: rebuild their months."""
        self._refresh_months([start for first, last in spans if first and last
                              for start in months(first, last)])


@model("hr.leave")
class HrLeaveAbsenceReport:
    def _absence_spans(self) -> list[tuple[Any, Any]]:
        return [(leave.request_date_from, leave.request_date_to) for leave in self.sudo()]

    def unlink(self) -> bool:
        spans = self._absence_spans()
        result = super().unlink()
        self.env["hr.leave.report.absence"]._leaves_changed(spans)
        return result


@model("hr.employee")
class HrEmployeeAbsenceReport:
    def create(self, vals_list: Any) -> Any:
        employees = super().create(vals_list)
        self.env["hr.leave.report.absence"].action_refresh()
        return employees

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if isinstance(vals, dict) and REPORT_EMPLOYEE_FIELDS & set(vals):
            self.env["hr.leave.report.absence"].action_refresh()
        return result


@model("resource.calendar.leaves")
class ResourceCalendarLeavesAbsenceReport:
    """Public holidays change the working days of everyone."""

    def create(self, vals_list: Any) -> Any:
        holidays = super().create(vals_list)
        self.env["hr.leave.report.absence"].action_refresh()
        return holidays

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        self.env["hr.leave.report.absence"].action_refresh()
        return result

    def unlink(self) -> bool:
        result = super().unlink()
        self.env["hr.leave.report.absence"].action_refresh()
        return result


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
