"""Working time computations on a plain schedule, without a database."""
from __future__ import annotations

import datetime as dt

import pytest

from addons.resource import worktime
from addons.resource.worktime import Schedule

WEEK = [(d, 8, 12) for d in range(5)] + [(d, 13, 17) for d in range(5)]
D = dt.datetime


def madrid(leaves=()):
    return Schedule.make("Europe/Madrid", WEEK, leaves)


def test_hours_of_a_working_day_in_local_time():
    # Monday 2 March 2026: CET, 08:00 local is 07:00 UTC
    assert worktime.hours_between(madrid(), D(2026, 3, 2, 7), D(2026, 3, 2, 16)) == 8


def test_a_weekend_has_no_working_hours():
    assert worktime.hours_between(madrid(), D(2026, 3, 6, 17), D(2026, 3, 8, 23)) == 0
    # Friday 15:00 local to Monday 10:00 local: 2 + 2 hours
    assert worktime.hours_between(madrid(), D(2026, 3, 6, 14), D(2026, 3, 9, 9)) == 4


def test_a_holiday_removes_its_hours():
    holiday = (D(2026, 3, 2, 23), D(2026, 3, 3, 23))  # Tuesday 3 March, a whole local day
    assert worktime.hours_between(madrid([holiday]), D(2026, 3, 2), D(2026, 3, 7)) == 32
    assert worktime.hours_between(madrid([holiday]), D(2026, 3, 2), D(2026, 3, 7), leaves=False) == 40


def test_daylight_saving_change_keeps_local_hours():
    # Spain moves to CEST on Sunday 29 March 2026: Monday 08:00 local is 06:00 UTC
    intervals = worktime.work_intervals(madrid(), D(2026, 3, 30), D(2026, 3, 31))
    assert [(a.hour, b.hour) for a, b in intervals] == [(6, 10), (11, 15)]


def test_same_moments_count_differently_in_another_time_zone():
    new_york = Schedule.make("America/New_York", WEEK)
    # 07:00-16:00 UTC on a Monday is 02:00-11:00 in New York: 3 hours of the morning
    assert worktime.hours_between(new_york, D(2026, 3, 2, 7), D(2026, 3, 2, 16)) == 3


def test_working_days_in_a_date_range_skip_weekends_and_holidays():
    holiday = (D(2026, 3, 18, 23), D(2026, 3, 19, 23))  # Thursday 19 March
    assert worktime.days_in_dates(madrid(), dt.date(2026, 3, 16), dt.date(2026, 3, 22)) == 5
    assert worktime.days_in_dates(madrid([holiday]), dt.date(2026, 3, 16), dt.date(2026, 3, 22)) == 4
    assert worktime.days_in_dates(madrid(), dt.date(2026, 3, 22), dt.date(2026, 3, 16)) == 0


def test_half_a_day_counts_half():
    # Monday 08:00-12:00 local
    assert worktime.days_between(madrid(), D(2026, 3, 2, 7), D(2026, 3, 2, 11)) == 0.5


def test_plan_hours_crosses_the_weekend_and_a_holiday():
    holiday = (D(2026, 3, 8, 23), D(2026, 3, 9, 23))  # Monday 9 March
    # Friday 6 March 16:00 local (15:00 UTC) + 3 working hours: 1 on Friday, then Tuesday 08:00-10:00
    moment = worktime.plan_hours(madrid([holiday]), D(2026, 3, 6, 15), 3)
    assert moment == D(2026, 3, 10, 9, tzinfo=dt.UTC)


def test_plan_zero_hours_gives_the_next_working_moment():
    moment = worktime.plan_hours(madrid(), D(2026, 3, 7, 12), 0)  # a Saturday
    assert moment == D(2026, 3, 9, 7, tzinfo=dt.UTC)


def test_plan_hours_on_an_empty_schedule_is_refused():
    with pytest.raises(ValueError):
        worktime.plan_hours(Schedule.make("UTC", []), D(2026, 3, 2), 1)
    with pytest.raises(ValueError):
        worktime.plan_hours(madrid(), D(2026, 3, 2), -1)


def test_aware_datetimes_are_read_in_their_zone():
    start = D(2026, 3, 2, 8, tzinfo=worktime.ZoneInfo("Europe/Madrid"))
    assert worktime.hours_between(madrid(), start, start + dt.timedelta(hours=4)) == 4
