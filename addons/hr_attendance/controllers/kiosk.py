"""The attendance kiosk: the employees' names (with a search box), then the employee's PIN when the
settings ask for it, then "Welcome" or "Goodbye" for a few seconds and back to the names. Opened by an
attendance officer on a shared screen; every check in and out goes through ``attendance_manual``."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from flask import render_template, request

from addons.hr_attendance.models.hr_attendance import is_attendance_officer
from addons.hr_attendance.models.hr_attendance_kiosk import kiosk_uses_pin
from addons.resource.models.resource_calendar import valid_tz
from core.exceptions import AccessError, MissingError, UserError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.request_env import with_env

bp = addon_blueprint("hr_attendance", __name__, "/hr_attendance", assets=True)
BACK_AFTER_SECONDS = 5


def _officer_env(env: Environment) -> Environment:
    if "hr.attendance" not in env:  # the routes are mounted for every database, the addon may be absent
        raise MissingError(_("Attendances are not installed in this database."))
    if not is_attendance_officer(env):
        raise AccessError(_("Only attendance officers open the attendance kiosk."))
    return env


def _employee(env: Environment, employee_id: int) -> Any:
    employee = env["hr.employee"].browse(employee_id).exists()
    if not employee:
        raise MissingError(_("This employee does not exist or was deleted."))
    return employee


@bp.route("/kiosk")
@with_env(readonly=True)
def kiosk(env: Environment) -> Any:
    """The names of the employees; ``?q=`` filters them (the search box filters as one types too)."""
    _officer_env(env)
    query = (request.args.get("q") or "").strip()
    domain: list[Any] = [("name", "ilike", query)] if query else []
    employees = env["hr.employee"].search_read(domain, ["name", "job_title", "attendance_state"],
                                               order="name")
    company = env(su=True)["res.users"].browse(env.uid).company_id.name or ""
    return render_template("hr_attendance/kiosk.html", title=_("Attendance Kiosk"), employees=employees,
                           query=query, company=company)


@bp.route("/kiosk/<int:employee_id>")
@with_env(readonly=True)
def kiosk_employee(env: Environment, employee_id: int) -> Any:
    """The employee's check in or check out, with their PIN when the settings ask for it."""
    _officer_env(env)
    return _employee_page(env, _employee(env, employee_id))


def _employee_page(env: Environment, employee: Any, error: str = "", status: int = 200) -> Any:
    return render_template("hr_attendance/kiosk_employee.html", title=employee.name, employee=employee,
                           use_pin=kiosk_uses_pin(env), error=error), status


def _refused(env: Environment, error: Exception, employee_id: int) -> Any:
    """A wrong PIN (or any refusal): nothing was written; the PIN page again, with the reason."""
    _officer_env(env)
    return _employee_page(env, _employee(env, employee_id), str(error), 422 if isinstance(error, UserError)
                          else 403)


@bp.route("/kiosk/<int:employee_id>", methods=["POST"])
@with_env(recover=_refused)
def kiosk_toggle(env: Environment, employee_id: int) -> Any:
    _officer_env(env)
    employee = _employee(env, employee_id)
    result = employee.attendance_manual(request.form.get("next_action") or None,
                                        request.form.get("pin") or None)
    zone = _zone(employee)
    if result["attendance_state"] == "checked_in":
        message = _("Welcome %(name)s, checked in at %(time)s", name=_first_name(employee.name),
                    time=_local_time(result["check_in"], zone))
    else:
        message = _("Goodbye %(name)s, worked %(hours)s today", name=_first_name(employee.name),
                    hours=hours_minutes(result["hours_today"]))
    return render_template("hr_attendance/kiosk_done.html", title=message, message=message,
                           checked_in=result["attendance_state"] == "checked_in",
                           back_after=BACK_AFTER_SECONDS)


def _zone(employee: Any) -> ZoneInfo:
    tz = employee.sudo().tz
    return ZoneInfo(tz if valid_tz(tz) else "UTC")


def _local_time(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.replace(tzinfo=dt.UTC).astimezone(zone).strftime("%H:%M")


def _first_name(name: str) -> str:
    return (name or "").split(" ")[0]


def hours_minutes(hours: float) -> str:
    """7.75 → ``7:45``."""
    minutes = round((hours or 0.0) * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"
