"""The calendar view: records placed by a date field on a month or a week."""

from __future__ import annotations

import datetime as dt
from typing import Any

from babel.dates import format_date, get_day_names
from flask import request

from core.domain.parse import AND_
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.formatting import display
from web.client.nav import Nav, current_args, url_with
from web.i18n import locale, to_user_tz


def period(anchor: dt.date, mode: str) -> tuple[dt.date, dt.date]:
    """First and last-plus-one day shown: whole weeks (Monday first) around the month, or one week."""
    if mode == "week":
        start = anchor - dt.timedelta(days=anchor.weekday())
        return start, start + dt.timedelta(days=7)
    first = anchor.replace(day=1)
    start = first - dt.timedelta(days=first.weekday())
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    end = next_month + dt.timedelta(days=(7 - next_month.weekday()) % 7)
    return start, end


def shift(anchor: dt.date, mode: str, step: int) -> dt.date:
    if mode == "week":
        return anchor + dt.timedelta(days=7 * step)
    month = anchor.month - 1 + step
    return dt.date(anchor.year + month // 12, month % 12 + 1, 1)


def _last_day(model: BaseModel, stop_name: str | None, row: dict[str, Any]) -> dt.date | None:
    """The last day a record covers: its stop date, or the day before a stop at local midnight."""
    stop = row.get(stop_name) if stop_name else None
    if not stop:
        return None
    if model._fields[stop_name].type != "datetime":
        return stop
    local = to_user_tz(stop)
    return (local - dt.timedelta(seconds=1)).date() if local.time() == dt.time() else local.date()


def _days_of(day: dt.date, last_day: dt.date | None, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days of the period on which a record from ``day`` to ``last_day`` shows."""
    end = min(max(last_day or day, day), last - dt.timedelta(days=1))
    current, days = max(day, first), []
    while current <= end:
        days.append(current)
        current += dt.timedelta(days=1)
    return days or ([day] if first <= day < last else [])


def build_calendar(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], anchor: dt.date, mode: str
) -> dict[str, Any]:
    start_name = arch["date_start"]
    start_field = model._fields[start_name]
    first, last = period(anchor, mode)
    stop_name = arch.get("date_stop")
    bounds: list[Any] = [(start_name, ">=", first.isoformat()), (start_name, "<", last.isoformat())]
    if stop_name:  # records that started earlier and run into the period show too
        bounds = ["|", "&", *bounds, "&", (start_name, "<", first.isoformat()),
                  (stop_name, ">=", first.isoformat())]
    records = model.search(AND_([domain, bounds]), order=f"{start_name} asc", limit=1000)
    title_name = arch.get("title") or model._rec_name_field()
    names = [n for n in (start_name, stop_name, title_name, arch.get("color")) if n]
    rows = records.read(list(dict.fromkeys(names))) if records else []
    by_day: dict[dt.date, list[dict[str, Any]]] = {}
    for row in rows:
        moment = row.get(start_name)
        if not moment:
            continue
        if start_field.type == "datetime":
            local = to_user_tz(moment)
            day, time = local.date(), local.strftime("%H:%M")
        else:
            day, time = moment, ""
        title = (
            display(model._fields[title_name], row.get(title_name), row)
            if title_name != "id"
            else str(row["id"])
        )
        color = row.get(arch["color"]) if arch.get("color") else 0
        if isinstance(color, (tuple, list)):
            color = color[0]
        event = {"id": row["id"], "title": title, "time": time, "color": int(color or 0) % 12}
        for current in _days_of(day, _last_day(model, stop_name, row), first, last):
            by_day.setdefault(current, []).append(event if current == day else {**event, "time": ""})
    days = []
    current = first
    while current < last:
        days.append(
            {
                "date": current,
                "iso": current.isoformat(),
                "day": current.day,
                "other_month": mode == "month" and current.month != anchor.month,
                "today": current == dt.date.today(),
                "events": by_day.get(current, []),
            }
        )
        current += dt.timedelta(days=1)
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    names_of_days = get_day_names("abbreviated", locale=locale())
    if mode == "month":
        title = format_date(anchor, "LLLL yyyy", locale=locale())
    else:
        start_text = format_date(first, "medium", locale=locale())
        title = f"{start_text} – {format_date(last - dt.timedelta(days=1), 'medium', locale=locale())}"
    return {
        "weeks": weeks,
        "day_names": [names_of_days[i] for i in range(7)],
        "title": title.capitalize(),
        "mode": mode,
        "anchor": anchor.isoformat(),
        "prev": shift(anchor, mode, -1).isoformat(),
        "next": shift(anchor, mode, 1).isoformat(),
        "today": dt.date.today().isoformat(),
        "date_field": start_name,
        "count": len(rows),
    }


# -- the calendar page -----------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    """The calendar page's data: the month or week asked for, and the URLs to move through time."""
    mode = (
        request.args.get("mode")
        if request.args.get("mode") in ("month", "week")
        else arch.get("mode", "month")
    )
    try:
        anchor = dt.date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        anchor = dt.date.today()
    data = build_calendar(env, model, arch, domain, anchor, mode)
    pairs = [p for p in current_args() if p[0] not in ("date", "mode")]
    data.update(
        prev_url=url_with(pairs, date=data["prev"], mode=mode),
        next_url=url_with(pairs, date=data["next"], mode=mode),
        today_url=url_with(pairs, date=data["today"], mode=mode),
        month_url=url_with(pairs, date=data["anchor"], mode="month"),
        week_url=url_with(pairs, date=data["anchor"], mode="week"),
    )
    return data
