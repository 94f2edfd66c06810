"""Working schedules: the record side of addons/resource/worktime.py (which holidays apply, and the
computations other apps call: hours between two moments, working days, planning hours ahead)."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from addons.resource import worktime
from core import _, model
from core.exceptions import UserError


def valid_tz(name: str | None) -> bool:
    """Whether ``name`` is a zone zoneinfo knows (Europe/Madrid, UTC...)."""
    if not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _moment(value: Any, name: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise UserError(_("Invalid %(name)s %(value)r: expected a date and time such as 2026-03-02 09:00:00.",
                          name=name, value=value))


@model("resource.calendar")
class ResourceCalendar:
    def _compute_hours_per_week(self) -> None:
        for calendar in self:
            calendar.hours_per_week = round(sum(line.hour_to - line.hour_from
                                                for line in calendar.attendance_ids), 2)

    def _check_timezone(self) -> bool:
        return all(valid_tz(calendar.tz) for calendar in self)

    def _holidays(self, start: dt.datetime, end: dt.datetime) -> Any:
        """The time off of this schedule overlapping [start, end): its own closures and the public
        holidays of its country (and region) or of every country."""
        self.ensure_one()
        leaves = self.env["resource.calendar.leaves"].sudo().search([
            ("date_from", "<", worktime.naive(worktime.as_utc(end))),
            ("date_to", ">", worktime.naive(worktime.as_utc(start))),
            "|", ("calendar_id", "=", False), ("calendar_id", "=", self.id),
            "|", ("country_id", "=", False), ("country_id", "=", self.country_id.id or 0),
        ])
        state = self.state_id.id
        return leaves.filtered(lambda leave: not leave.state_ids or state in leave.state_ids.ids)

    def _schedule(self, start: dt.datetime, end: dt.datetime, extra_leaves: Any = ()) -> worktime.Schedule:
        """The schedule with the time off overlapping [start, end) (and ``extra_leaves`` intervals)."""
        self.ensure_one()
        lines = [(int(line.dayofweek), line.hour_from, line.hour_to) for line in self.attendance_ids]
        leaves = [(leave.date_from, leave.date_to) for leave in self._holidays(start, end)]
        return worktime.Schedule.make(self.tz, lines, [*leaves, *extra_leaves])

    def get_work_hours_count(self, start_dt: Any, end_dt: Any, compute_leaves: bool = True) -> float:
        """Working hours between two moments (naive = UTC), public holidays removed unless told not to."""
        start, end = _moment(start_dt, "start"), _moment(end_dt, "end")
        return worktime.hours_between(self._schedule(start, end), start, end, leaves=compute_leaves)

    def get_work_duration_data(self, from_datetime: Any, to_datetime: Any) -> dict[str, float]:
        """``{"days", "hours"}`` worked between two moments; days count each day's share of its hours."""
        start, end = _moment(from_datetime, "start"), _moment(to_datetime, "end")
        schedule = self._schedule(start, end)
        return {"days": worktime.days_between(schedule, start, end),
                "hours": worktime.hours_between(schedule, start, end)}

    def get_work_days_count(self, date_from: dt.date, date_to: dt.date) -> float:
        """Working days from ``date_from`` to ``date_to`` (both included, local dates), holidays excluded."""
        self.ensure_one()
        bounds = worktime.local_day_bounds(worktime.Schedule.make(self.tz, ()), date_from, date_to)
        return worktime.days_in_dates(self._schedule(*bounds), date_from, date_to)

    def plan_hours(self, hours: float, day_dt: Any, compute_leaves: bool = True) -> dt.datetime:
        """The moment (naive UTC) when ``hours`` working hours have passed since ``day_dt``; with 0, the
        next working moment. Holidays up to three years ahead are skipped."""
        self.ensure_one()
        start = _moment(day_dt, "start")
        horizon = start + dt.timedelta(days=worktime.SEARCH_LIMIT_DAYS)
        try:
            moment = worktime.plan_hours(self._schedule(start, horizon), start, hours, leaves=compute_leaves)
        except ValueError:
            raise UserError(_("The working schedule %(name)s has no working time to plan %(hours)s hours on.",
                              name=self.name, hours=hours))
        return worktime.naive(moment)
