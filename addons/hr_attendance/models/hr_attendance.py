"""Attendances: hours worked, the schedule's hours within them and the overtime; one open attendance
per employee and no overlaps; employees record theirs only through checking in and out."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from addons.resource import worktime
from addons.resource.models.resource_calendar import valid_tz
from core import _, clock, model, public
from core.exceptions import AccessError, UserError, ValidationError

OFFICER = "hr_attendance.group_hr_attendance_officer"
FAR_FUTURE = dt.datetime(9999, 1, 1)


def is_attendance_officer(env: Any) -> bool:
    return env.su or env.user.has_group(OFFICER)


def my_employee(env: Any) -> Any:
    """The logged-in user's employee (sudo), or an empty recordset."""
    return env["res.users"].sudo().browse(env.uid).employee_id


@model("hr.attendance")
class HrAttendance:
    def _default_employee_id(self) -> Any:
        return my_employee(self.env).id or False

    def _compute_hours(self) -> None:
        done = self.filtered(lambda a: a.check_in and a.check_out)
        for attendance in self - done:
            attendance.worked_hours = attendance.expected_hours = attendance.overtime_hours = 0.0
        # one schedule (and one holidays query) per working calendar for the whole batch
        by_calendar: dict[Any, list[Any]] = {}
        for attendance in done:
            by_calendar.setdefault(attendance.employee_id.sudo().resource_calendar_id, []).append(attendance)
        for calendar, attendances in by_calendar.items():
            schedule = calendar._schedule(min(a.check_in for a in attendances),
                                          max(a.check_out for a in attendances)) if calendar else None
            for attendance in attendances:
                worked = (attendance.check_out - attendance.check_in).total_seconds() / 3600
                expected = worktime.hours_between(schedule, attendance.check_in, attendance.check_out) \
                    if schedule else worked
                attendance.worked_hours = round(worked, 2)
                attendance.expected_hours = round(expected, 2)
                attendance.overtime_hours = round(max(worked - expected, 0.0), 2)

    def _check_validity(self) -> None:
        for attendance in self:
            end = attendance.check_out or FAR_FUTURE
            other = self.sudo().search([("id", "!=", attendance.id),
                                        ("employee_id", "=", attendance.employee_id.id),
                                        ("check_in", "<", end),
                                        "|", ("check_out", "=", False),
                                        ("check_out", ">", attendance.check_in)],
                                       limit=1)
            if other:
                if not other.check_out:
                    raise ValidationError(_("%(employee)s is still checked in since %(since)s: check out "
                                            "first.", employee=attendance.employee_id.name,
                                            since=other.check_in), field="check_in")
                raise ValidationError(_("This attendance of %(employee)s overlaps the one from %(start)s to "
                                        "%(end)s.", employee=attendance.employee_id.name,
                                        start=other.check_in, end=other.check_out), field="check_in")

    def _check_recording_rights(self) -> None:
        if not (is_attendance_officer(self.env) or self.env.context.get("attendance_toggle")):
            raise AccessError(_("Employees record their attendance by checking in and out; only attendance "
                                "officers change attendances."))

    def create(self, vals_list: Any) -> Any:
        self._check_recording_rights()
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        self._check_recording_rights()
        return super().write(vals)


@model("hr.employee")
class HrEmployeeAttendance:
    def _compute_last_attendance(self) -> None:
        for employee in self:
            last = employee.attendance_ids.sorted(key=lambda a: a.check_in, reverse=True)[:1]
            employee.last_attendance_id = last
            employee.attendance_state = "checked_in" if last and not last.check_out else "checked_out"

    def _compute_hours_today(self) -> None:
        now = clock.utcnow().replace(tzinfo=None)
        for employee in self:
            tz = employee.sudo().resource_calendar_id.tz
            zone = ZoneInfo(tz if valid_tz(tz) else "UTC")
            local_midnight = dt.datetime.combine(dt.datetime.now(zone).date(), dt.time(), zone)
            start = local_midnight.astimezone(dt.UTC).replace(tzinfo=None)
            total = 0.0
            for attendance in employee.attendance_ids:
                end = attendance.check_out or now
                if end > start:
                    total += (end - max(attendance.check_in, start)).total_seconds() / 3600
            employee.hours_today = round(total, 2)

    @public
    def action_attendance_toggle(self) -> bool:
        """Check the employee in, or out when checked in (their own record, or by an attendance officer)."""
        self.ensure_one()
        if not is_attendance_officer(self.env) and self.sudo().user_id.id != self.env.uid:
            raise AccessError(_("You can only check yourself in and out."))
        Attendance = self.env["hr.attendance"].with_context(attendance_toggle=True)
        now = clock.utcnow().replace(tzinfo=None, microsecond=0)
        if self.attendance_state == "checked_in":
            last = self.last_attendance_id
            Attendance.browse(last.id).write({"check_out": max(now, last.check_in + dt.timedelta(seconds=1))})
        else:
            Attendance.create({"employee_id": self.id, "check_in": now})
        return True

    def _check_state(self, wanted: str) -> None:
        if self.attendance_state == wanted:
            if wanted == "checked_in":
                raise UserError(_("%(employee)s is already checked in.", employee=self.name))
            raise UserError(_("%(employee)s is already checked out.", employee=self.name))

    @public
    def action_check_in(self) -> bool:
        """Check the employee in (refused when already checked in)."""
        self.ensure_one()
        self._check_state("checked_in")
        return self.action_attendance_toggle()

    @public
    def action_check_out(self) -> bool:
        """Check the employee out (refused when not checked in)."""
        self.ensure_one()
        self._check_state("checked_out")
        return self.action_attendance_toggle()


@model("hr.attendance.check")
class HrAttendanceCheck:
    """The check in / check out screen of the logged-in user."""

    def _default_employee_id(self) -> Any:
        return my_employee(self.env).id or False

    def _default_attendance_state(self) -> str:
        return my_employee(self.env).attendance_state or "checked_out"

    def _default_hours_today(self) -> float:
        return my_employee(self.env).hours_today or 0.0

    def _employee(self) -> Any:
        employee = my_employee(self.env)
        if not employee:
            raise UserError(_("Your user is not linked to an employee: ask HR to link it."))
        return employee.with_env(self.env)

    @public
    def action_check_in(self) -> bool:
        return self._employee().action_check_in()

    @public
    def action_check_out(self) -> bool:
        return self._employee().action_check_out()
