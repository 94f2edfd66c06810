"""Data of the activities shown in the chatter of records whose model declares ``activities: true``
(the activity mixin): the planned activities with their due state, and what the "Schedule activity"
dialog proposes (types with their default summary and due date)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytz
from dateutil.relativedelta import relativedelta
from flask import url_for
from werkzeug.routing import BuildError

from core import clock
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.views.activity_badge import icon_name, state_label
from web.i18n import format_date, request_tz

ACTIVITY_FIELDS = ("activity_type_id", "summary", "note", "date_deadline", "user_id", "state", "can_write")
DELAY_UNITS = ("days", "weeks", "months")


def has_activities(env: Environment, model: BaseModel) -> bool:
    """Whether records of ``model`` carry activities the user may see."""
    field = model._fields.get("activity_ids")
    return (
        field is not None
        and "mail.activity" in env
        and model._field_accessible(field)
        and env["mail.activity"].check_access_rights("read", raise_exception=False)
    )


def local_today(tz_name: str | None) -> dt.date:
    """Today in time zone ``tz_name`` (UTC when unknown), by core.clock so tests can freeze it."""
    zone = pytz.timezone(tz_name) if tz_name in pytz.all_timezones_set else pytz.utc
    return pytz.utc.localize(clock.utcnow()).astimezone(zone).date()


def due_text(days: int) -> str:
    """How far a due date is, as people say it."""
    if days == 0:
        return _("Today")
    if days == 1:
        return _("Tomorrow")
    if days == -1:
        return _("Yesterday")
    if days < 0:
        return _("%(days)s days overdue", days=-days)
    return _("Due in %(days)s days", days=days)


def activities_data(env: Environment, model: BaseModel, record_id: int, back: str) -> dict[str, Any] | None:
    """The planned activities of one record (most urgent first), or None when it has none to show."""
    if not has_activities(env, model):
        return None
    activities = model.browse(record_id).activity_ids
    rows = activities.read(list(ACTIVITY_FIELDS)) if activities else []
    users = env["res.users"].sudo().browse({row["user_id"][0] for row in rows if row["user_id"]})
    today_of = {user.id: local_today(user.tz) for user in users}
    icons = _type_icons(env, rows)
    items = []
    for row in rows:
        user_id = row["user_id"][0] if row["user_id"] else None
        deadline = row["date_deadline"]
        days = (deadline - today_of.get(user_id, local_today(None))).days if deadline else 0
        type_id = row["activity_type_id"][0] if row["activity_type_id"] else None
        items.append(
            {
                "id": row["id"],
                "type": row["activity_type_id"][1] if row["activity_type_id"] else _("Activity"),
                "icon": icons.get(type_id, ("clock", False))[0],
                "is_meeting": icons.get(type_id, ("clock", False))[1],
                "summary": row["summary"] or "",
                "note": row["note"] or "",
                "user": row["user_id"][1] if row["user_id"] else "",
                "deadline": format_date(deadline),
                "due": due_text(days),
                "state": row["state"] or "planned",
                "state_label": state_label(row["state"]),
                "can_write": bool(row["can_write"]),
                "ics_url": _ics_url(row["id"]) if icons.get(type_id, ("", False))[1] else None,
            }
        )
    return {
        "items": items,
        "can_schedule": env["mail.activity"].check_access_rights("create", raise_exception=False),
        "schedule_url": url_for("mail_client.activity_new", model=model._name, res_id=record_id, back=back),
        "back": back,
    }


def _type_icons(env: Environment, rows: list[dict[str, Any]]) -> dict[int, tuple[str, bool]]:
    ids = {row["activity_type_id"][0] for row in rows if row["activity_type_id"]}
    types = env["mail.activity.type"].sudo().browse(sorted(ids))
    return {t.id: (icon_name(t.icon), t.category == "meeting") for t in types}


def _ics_url(activity_id: int) -> str | None:
    """The calendar download of a meeting, when the mail addon's routes are mounted."""
    try:
        return url_for("mail.activity_ics", activity_id=activity_id)
    except BuildError:
        return None


# -- the "Schedule activity" dialog ----------------------------------------------------------
def type_deadline(activity_type: BaseModel, start: dt.date) -> dt.date:
    """The due date of an activity of ``activity_type`` scheduled on ``start`` (its delay)."""
    count = activity_type.delay_count or 0
    unit = activity_type.delay_unit if activity_type.delay_unit in DELAY_UNITS else "days"
    return start + relativedelta(**{unit: count}) if count else start


def type_options(env: Environment, model_name: str) -> list[dict[str, Any]]:
    """Activity types usable on ``model_name``, each with the summary and due date it proposes."""
    today = local_today(request_tz())
    types = env["mail.activity.type"].search(["|", ("res_model", "=", False), ("res_model", "=", model_name)])
    return [
        {
            "id": kind.id,
            "name": kind.name,
            "summary": kind.summary or "",
            "deadline": type_deadline(kind, today).isoformat(),
            "icon": icon_name(kind.icon),
        }
        for kind in types
    ]


def default_type(env: Environment, options: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The to-do type when it applies (as in Odoo), else the first one."""
    todo = env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
    chosen = next((o for o in options if todo is not None and o["id"] == todo.id), None)
    return chosen or (options[0] if options else None)
