"""Meetings to iCalendar: one activity, or the logged-in user's planned meetings, as a .ics file that
calendar applications import. Access follows the activity's document (the user's own environment)."""

from __future__ import annotations

import re
from typing import Any

from flask import Response

from addons.mail.models.mail_activity import activities_to_ics
from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.request_env import with_env

bp = addon_blueprint("mail", __name__, "/mail")
_UNSAFE = re.compile(r"[^\w.-]+")


def _activities(env: Environment) -> Any:
    if "mail.activity" not in env:  # the routes are mounted for every database, the addon may be absent
        raise MissingError(_("Activities are not installed in this database."))
    return env["mail.activity"]


def calendar_file(content: str, name: str) -> Response:
    """An iCalendar document as a download named ``name``.ics."""
    filename = (_UNSAFE.sub("-", name).strip("-") or "calendar")[:80] + ".ics"
    return Response(
        content,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.route("/activity/<int:activity_id>/ics")
@with_env(readonly=True)
def activity_ics(env: Environment, activity_id: int) -> Any:
    """One meeting as a calendar event."""

    activity = _activities(env).browse(activity_id)
    activity.check_access_rule("read")
    if not activity.exists():
        raise MissingError(_("This activity is done or was cancelled in the meantime."))
    content = activity.action_export_ics()
    return calendar_file(content, activity.summary or activity.activity_type_id.name or "meeting")


@bp.route("/activities/meetings.ics")
@with_env(readonly=True)
def my_meetings_ics(env: Environment) -> Any:
    """Every meeting planned for the logged-in user, most urgent first (an empty calendar when none)."""

    meetings = _activities(env).search(
        [("user_id", "=", env.uid), ("activity_type_id.category", "=", "meeting")],
        order="date_deadline, id",
    )
    return calendar_file(activities_to_ics(meetings), _("my-meetings"))
