"""Working time on a weekly schedule: the pure computations behind resource.calendar.

A schedule is a time zone, attendance lines (weekday, hour from, hour to, in local time) and leave
intervals (public holidays, closures) in UTC. Naive datetimes are read as UTC, as the record API stores
them; results are naive UTC datetimes too. Local days are built with zoneinfo, so a day of a
daylight-saving change has the hours its wall clock says.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

Interval = tuple[dt.datetime, dt.datetime]
UTC = dt.UTC
SEARCH_LIMIT_DAYS = 366 * 3  # plan_hours gives up after this, rather than loop on an empty schedule


@dataclass(frozen=True)
class Schedule:
    """A weekly schedule: ``lines`` of (weekday 0=Monday, hour_from, hour_to) in ``tz``."""

    tz: ZoneInfo
    lines: tuple[tuple[int, float, float], ...]
    leaves: tuple[Interval, ...] = field(default=())

    @classmethod
    def make(cls, tz: str, lines: Iterable[tuple[int, float, float]],
             leaves: Iterable[Interval] = ()) -> Schedule:
        """A schedule from a zone name, attendance lines and leave intervals (naive = UTC)."""
        return cls(ZoneInfo(tz or "UTC"), tuple(sorted(lines)),
                   tuple(sorted((as_utc(a), as_utc(b)) for a, b in leaves)))


def as_utc(value: dt.datetime) -> dt.datetime:
    """An aware UTC datetime from a naive (UTC) or aware one."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _local_moment(day: dt.date, hour: float, tz: ZoneInfo) -> dt.datetime:
    minutes = round(hour * 60)
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return moment.replace(tzinfo=tz).astimezone(UTC)


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def attendance_intervals(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> list[Interval]:
    """The scheduled intervals within [start, end), holidays not removed, in UTC."""
    start, end = as_utc(start), as_utc(end)
    if end <= start:
        return []
    first = start.astimezone(schedule.tz).date() - dt.timedelta(days=1)
    last = end.astimezone(schedule.tz).date() + dt.timedelta(days=1)
    result: list[Interval] = []
    for day in _days(first, last):
        for weekday, hour_from, hour_to in schedule.lines:
            if weekday != day.weekday():
                continue
            a = max(_local_moment(day, hour_from, schedule.tz), start)
            b = min(_local_moment(day, hour_to, schedule.tz), end)
            if a < b:
                result.append((a, b))
    return _merge(result)


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for a, b in sorted(intervals):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def subtract(intervals: list[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """``intervals`` without any moment covered by ``holes``."""
    holes = _merge([(as_utc(a), as_utc(b)) for a, b in holes])
    result: list[Interval] = []
    for a, b in intervals:
        pieces = [(a, b)]
        for ha, hb in holes:
            if hb <= a or ha >= b:
                continue
            pieces = [piece for pa, pb in pieces
                      for piece in ((pa, min(pb, ha)), (max(pa, hb), pb)) if piece[0] < piece[1]]
        result.extend(pieces)
    return result


def work_intervals(schedule: Schedule, start: dt.datetime, end: dt.datetime,
                   leaves: bool = True) -> list[Interval]:
    """The working intervals within [start, end): attendance minus the schedule's leaves."""
    intervals = attendance_intervals(schedule, start, end)
    return subtract(intervals, schedule.leaves) if leaves else intervals


def _hours(intervals: Iterable[Interval]) -> float:
    return sum((b - a).total_seconds() for a, b in intervals) / 3600


def hours_between(schedule: Schedule, start: dt.datetime, end: dt.datetime, leaves: bool = True) -> float:
    """Working hours between two moments."""
    return round(_hours(work_intervals(schedule, start, end, leaves)), 6)


def days_between(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> float:
    """Working days between two moments: each local day counts the share of its scheduled hours that
    fall in [start, end) and are not on leave (a full day 1, a morning 0.5, a holiday 0)."""
    start, end = as_utc(start), as_utc(end)
    total = 0.0
    first = start.astimezone(schedule.tz).date()
    last = end.astimezone(schedule.tz).date()
    for day in _days(first, last):
        day_start = _local_moment(day, 0, schedule.tz)
        day_end = _local_moment(day + dt.timedelta(days=1), 0, schedule.tz)
        planned = _hours(attendance_intervals(schedule, day_start, day_end))
        if planned:
            worked = _hours(work_intervals(schedule, max(start, day_start), min(end, day_end)))
            total += worked / planned
    return round(total, 4)


def local_day_bounds(schedule: Schedule, first: dt.date, last: dt.date) -> Interval:
    """From the start of local day ``first`` to the end of local day ``last``, in UTC."""
    return (_local_moment(first, 0, schedule.tz), _local_moment(last + dt.timedelta(days=1), 0, schedule.tz))


def days_in_dates(schedule: Schedule, first: dt.date, last: dt.date) -> float:
    """Working days from local date ``first`` to ``last``, both included, holidays excluded."""
    if last < first:
        return 0.0
    return days_between(schedule, *local_day_bounds(schedule, first, last))


def plan_hours(schedule: Schedule, start: dt.datetime, hours: float, leaves: bool = True) -> dt.datetime:
    """The moment when ``hours`` working hours have passed since ``start`` (0: the next working moment).

    Raises ValueError when the schedule has no working time in the next three years."""
    if hours < 0:
        raise ValueError("hours must not be negative")
    cursor = as_utc(start)
    remaining = dt.timedelta(hours=hours)
    horizon = cursor + dt.timedelta(days=SEARCH_LIMIT_DAYS)
    while cursor < horizon:
        window_end = cursor + dt.timedelta(days=14)
        for a, b in work_intervals(schedule, cursor, window_end, leaves):
            if remaining <= b - a:
                return (a + remaining).astimezone(UTC)
            remaining -= b - a
        cursor = window_end
    raise ValueError("the schedule has no working time to plan on")
