"""Working schedules with their public holidays: Spain's 2026 national and Aragón's regional days."""
from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import UserError, ValidationError


@pytest.fixture
def standard(env):
    return env.ref("resource.resource_calendar_std")


def test_standard_schedule_has_forty_hours(standard):
    assert standard.hours_per_week == 40
    assert standard.get_work_hours_count(dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 9)) == 40


def test_national_holiday_is_not_worked(standard):
    # week of Good Friday, 3 April 2026; Madrid (no region) still works Maundy Thursday
    assert standard.get_work_days_count(dt.date(2026, 3, 30), dt.date(2026, 4, 5)) == 4
    assert standard.get_work_hours_count(dt.datetime(2026, 3, 30), dt.datetime(2026, 4, 6)) == 32
    assert standard.get_work_hours_count(dt.datetime(2026, 3, 30), dt.datetime(2026, 4, 6),
                                         compute_leaves=False) == 40


def test_regional_holidays_apply_in_their_region_only(env, standard):
    zaragoza = standard.copy({"name": "Zaragoza", "state_id": env.ref("base.state_es_z").id})
    # Maundy Thursday and Good Friday; then Aragón Day, Thursday 23 April
    assert zaragoza.get_work_days_count(dt.date(2026, 3, 30), dt.date(2026, 4, 5)) == 3
    assert zaragoza.get_work_days_count(dt.date(2026, 4, 20), dt.date(2026, 4, 26)) == 4
    assert standard.get_work_days_count(dt.date(2026, 4, 20), dt.date(2026, 4, 26)) == 5


def test_holidays_of_another_country_do_not_apply(env, standard):
    france = standard.copy({"name": "Paris", "tz": "Europe/Paris", "country_id": env.ref("base.fr").id})
    assert france.get_work_days_count(dt.date(2026, 4, 27), dt.date(2026, 5, 3)) == 5
    assert standard.get_work_days_count(dt.date(2026, 4, 27), dt.date(2026, 5, 3)) == 4


def test_closure_of_one_schedule_leaves_others_open(env, standard):
    other = standard.copy({"name": "Other"})
    env["resource.calendar.leaves"].create({"name": "Inventory", "calendar_id": other.id,
                                            "date_from": "2026-03-03 07:00:00",
                                            "date_to": "2026-03-03 11:00:00"})
    assert other.get_work_hours_count(dt.datetime(2026, 3, 3), dt.datetime(2026, 3, 4)) == 4
    assert standard.get_work_hours_count(dt.datetime(2026, 3, 3), dt.datetime(2026, 3, 4)) == 8


def test_plan_hours_skips_the_easter_holidays(standard):
    # Thursday 2 April 2026, 16:00 Madrid (14:00 UTC) + 9 h: 1 h on Thursday, Friday is Good Friday,
    # Monday 6 April 8 h, ending at 17:00 local (15:00 UTC)
    assert standard.plan_hours(9, dt.datetime(2026, 4, 2, 14)) == dt.datetime(2026, 4, 6, 15)


def test_plan_hours_on_a_schedule_without_hours_is_refused(env):
    empty = env["resource.calendar"].create({"name": "Empty"})
    with pytest.raises(UserError, match="Empty"):
        empty.plan_hours(2, dt.datetime(2026, 3, 2))


def test_unknown_time_zone_is_refused(env):
    with pytest.raises(ValidationError):
        env["resource.calendar"].create({"name": "Bad", "tz": "Mars/Olympus"})


def test_attendance_ending_before_it_starts_is_refused(env, standard):
    with pytest.raises(ValidationError):
        env["resource.calendar.attendance"].create({"name": "x", "calendar_id": standard.id,
                                                    "dayofweek": "0", "hour_from": 14, "hour_to": 9})


def test_bad_moment_names_the_parameter(standard):
    with pytest.raises(UserError, match="start"):
        standard.get_work_hours_count("not a date", dt.datetime(2026, 3, 2))
