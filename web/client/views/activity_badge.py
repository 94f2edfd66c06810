"""The ``activity`` widget of lists and kanban cards: the badge of a record's most urgent activity,
read from the activity mixin's fields (BADGE_FIELDS); the activities themselves are the mail addon's."""

from __future__ import annotations

from typing import Any

from core.i18n import _
from web.i18n import format_date

# what a list column or a kanban card with ``widget: activity`` shows
BADGE_FIELDS = ("activity_state", "activity_summary", "activity_date_deadline", "activity_type_icon")
STATE_LABELS = {"overdue": "Overdue", "today": "Today", "planned": "Planned"}


def state_label(state: str | bool) -> str:
    return _(STATE_LABELS[state]) if state in STATE_LABELS else ""


def icon_name(icon: str | bool) -> str:
    """The icon key of an activity type (``fa-phone`` → ``phone``); the macro draws the known ones."""
    return str(icon or "").removeprefix("fa-") or "clock"


def badge(row: dict[str, Any]) -> dict[str, Any] | None:
    """The activity badge of a list row or card read with BADGE_FIELDS (None without activities)."""
    state = row.get("activity_state")
    if not state:
        return None
    deadline = row.get("activity_date_deadline")
    summary = row.get("activity_summary") or ""
    title = " · ".join(part for part in (state_label(state), summary, format_date(deadline)) if part)
    return {
        "state": state,
        "icon": icon_name(row.get("activity_type_icon")),
        "text": summary or format_date(deadline),
        "title": title,
    }
