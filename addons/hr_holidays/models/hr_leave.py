"""Time off requests: their dates in the employee's time zone, the working days they take, and the
checks that refuse overlaps and requests beyond the balance."""
from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from addons.resource.models.resource_calendar import valid_tz
from core import _, model
from core.exceptions import AccessError, ValidationError

COUNTED = ("confirm", "validate1", "validate")  # requests that hold days and block overlaps
DATE_KEYS = ("request_date_from", "request_date_to", "date_from", "date_to")
# what the absence rate counts
REPORT_KEYS = frozenset({"state", "employee_id", "holiday_status_id", *DATE_KEYS})


def _as_date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _zone(employee: Any) -> ZoneInfo:
    tz = employee.sudo().resource_calendar_id.tz or employee.sudo().user_id.tz
    return ZoneInfo(tz if valid_tz(tz) else "UTC")


def complete_dates(vals: dict[str, Any], employee: Any, current: Any = None) -> dict[str, Any]:
    """``vals`` with both the requested days and the UTC period: whole local days from the request
    dates, or the request dates read from a period given as datetimes (as Odoo's clients send)."""
    vals = dict(vals)
    zone = _zone(employee)
    if "request_date_from" in vals or "request_date_to" in vals:
        first = _as_date(vals.get("request_date_from", current.request_date_from if current else None))
        last = _as_date(vals.get("request_date_to", current.request_date_to if current else None)) or first
        if first and "date_from" not in vals:
            vals["date_from"] = _utc(dt.datetime.combine(first, dt.time()), zone)
        if last and "date_to" not in vals:
            vals["date_to"] = _utc(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()), zone)
        vals.setdefault("request_date_to", last)
    else:
        start, end = _as_datetime(vals.get("date_from")), _as_datetime(vals.get("date_to"))
        if start:
            vals["request_date_from"] = _local(start, zone).date()
        if end:
            vals["request_date_to"] = (_local(end, zone) - dt.timedelta(seconds=1)).date()
    return vals


def _utc(local: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    return local.replace(tzinfo=zone).astimezone(dt.UTC).replace(tzinfo=None)


def _local(moment: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return aware.astimezone(zone).replace(tzinfo=None)


@model("hr.leave")
class HrLeave:
    def _default_employee_id(self) -> Any:
        return self.env["res.users"].sudo().browse(self.env.uid).employee_id.id or False

    def _compute_number_of_days(self) -> None:
        for leave in self:
            if not (leave.date_from and leave.date_to) or leave.date_to <= leave.date_from:
                leave.number_of_days = 0.0
                continue
            calendar = leave.employee_id.sudo().resource_calendar_id
            if calendar:
                leave.number_of_days = calendar.get_work_duration_data(leave.date_from, leave.date_to)["days"]
            else:  # no schedule: every day counts
                leave.number_of_days = round((leave.date_to - leave.date_from).total_seconds() / 86400, 2)

    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if not all(isinstance(vals, dict) for vals in vals_list):
            return super().create(vals_list)  # the core reports the malformed item
        if not self._is_officer() and any(vals.get("state", "confirm") not in ("draft", "confirm")
                                          for vals in vals_list):
            raise AccessError(_("A new time off is a draft or waits for approval: only time off officers "
                                "record it in another status."))
        default_employee = self._default_employee_id()
        Employee = self.env["hr.employee"].sudo()
        prepared = [complete_dates(vals, Employee.browse(int(vals.get("employee_id") or default_employee
                                                             or 0)))
                    for vals in vals_list]
        leaves = super().create(prepared)
        automatic = leaves.filtered(lambda leave: leave.validation_type == "no_validation"
                                    and leave.state == "confirm")
        if automatic:
            automatic.with_context(leave_action=True).write({"state": "validate"})
        leaves._notify_approvers()
        self.env["hr.leave.report.absence"]._leaves_changed(leaves._absence_spans())
        return leaves

    def write(self, vals: dict[str, Any]) -> bool:
        if not isinstance(vals, dict) or not self:
            return super().write(vals)
        self._check_write_rights(vals)
        report = self.env["hr.leave.report.absence"]
        counted = REPORT_KEYS & set(vals)
        before = self._absence_spans() if counted else []
        if any(key in vals for key in DATE_KEYS) or "employee_id" in vals:
            for leave in self:
                employee = self.env["hr.employee"].sudo().browse(int(vals.get("employee_id")
                                                                    or leave.employee_id.id))
                super(HrLeave, leave).write(complete_dates(vals, employee, leave))
            result = True
        else:
            result = super().write(vals)
        if counted:
            report._leaves_changed(before + self._absence_spans())
        return result

    def _check_request(self) -> None:
        """Counted requests take working days, do not overlap and stay within the balance."""
        counted = self.filtered(lambda leave: leave.state in COUNTED)
        for leave in counted:
            if leave.number_of_days <= 0:
                raise ValidationError(_("The time off of %(employee)s from %(start)s to %(end)s covers no "
                                        "working day (weekend or public holiday).",
                                        employee=leave.employee_id.name, start=leave.request_date_from,
                                        end=leave.request_date_to), field="date_from")
            overlap = self.sudo().search([("id", "!=", leave.id), ("employee_id", "=", leave.employee_id.id),
                                          ("state", "in", list(COUNTED)), ("date_from", "<", leave.date_to),
                                          ("date_to", ">", leave.date_from)], limit=1)
            if overlap:
                raise ValidationError(_("%(employee)s already has time off from %(start)s to %(end)s: two "
                                        "requests of one employee cannot overlap.",
                                        employee=leave.employee_id.name, start=overlap.request_date_from,
                                        end=overlap.request_date_to), field="date_from")
        for leave in counted.filtered(lambda leave: leave.holiday_status_id.requires_allocation == "yes"):
            leave._check_allocation()

    def _check_allocation(self) -> None:
        """The request fits in the employee's approved allocations of its type valid on its dates, less
        the other requests that fall in their periods."""
        env = self.env(su=True)
        first, last = self.request_date_from, self.request_date_to
        key = [("employee_id", "=", self.employee_id.id),
               ("holiday_status_id", "=", self.holiday_status_id.id)]
        pool = env["hr.leave.allocation"].search(key + [
            ("state", "=", "validate"), "|", ("date_from", "=", False), ("date_from", "<=", first),
            "|", ("date_to", "=", False), ("date_to", ">=", last)])
        if not pool:
            raise ValidationError(_("%(employee)s has no approved allocation of %(type)s valid from "
                                    "%(start)s to %(end)s.", employee=self.employee_id.name,
                                    type=self.holiday_status_id.name, start=first, end=last),
                                  field="holiday_status_id")
        others = env["hr.leave"].search(key + [("id", "!=", self.id), ("state", "in", list(COUNTED))])
        used = sum(other.number_of_days for other in others
                   if any(_within(other, allocation) for allocation in pool))
        available = sum(pool.mapped("number_of_days")) - used
        if available - self.number_of_days < 0:
            raise ValidationError(_("Not enough %(type)s left: %(employee)s has %(available)s days "
                                    "available and this request takes %(days)s.",
                                    type=self.holiday_status_id.name, employee=self.employee_id.name,
                                    available=round(max(available, 0.0), 2), days=self.number_of_days),
                                  field="holiday_status_id")


def _within(leave: Any, allocation: Any) -> bool:
    """Whether ``leave`` takes days of the period of ``allocation``."""
    return ((not allocation.date_from or leave.request_date_to >= allocation.date_from)
            and (not allocation.date_to or leave.request_date_from <= allocation.date_to))
