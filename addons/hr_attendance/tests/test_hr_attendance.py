"""Attendances: hours worked against the schedule, checking in and out, and who records what."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, UserError, ValidationError


def attend(env, employee, check_in, check_out=False):
    return env["hr.attendance"].create({"employee_id": employee.id, "check_in": check_in,
                                        "check_out": check_out})


def test_worked_scheduled_and_overtime_hours(env, make_employee):
    ana = make_employee("ana")
    # Monday 2 March 2026, 07:45 to 18:30 in Madrid (UTC+1): 10.75 h present, 8 h of schedule
    day = attend(env, ana, "2026-03-02 06:45:00", "2026-03-02 17:30:00")
    assert (day.worked_hours, day.expected_hours, day.overtime_hours) == (10.75, 8, 2.75)


def test_hours_on_a_public_holiday_are_all_overtime(env, make_employee):
    ana = make_employee("ana")
    holiday = attend(env, ana, "2026-04-03 07:00:00", "2026-04-03 11:00:00")  # Good Friday
    assert (holiday.worked_hours, holiday.expected_hours, holiday.overtime_hours) == (4, 0, 4)


def test_overlapping_attendances_are_refused(env, make_employee):
    ana = make_employee("ana")
    attend(env, ana, "2026-03-02 07:00:00", "2026-03-02 15:00:00")
    with pytest.raises(ValidationError, match="overlaps"):
        attend(env, ana, "2026-03-02 14:00:00", "2026-03-02 16:00:00")


def test_second_open_attendance_is_refused(env, make_employee):
    ana = make_employee("ana")
    attend(env, ana, "2026-03-02 07:00:00")
    with pytest.raises(ValidationError, match="still checked in"):
        attend(env, ana, "2026-03-03 07:00:00")


def test_check_out_before_check_in_is_refused(env, make_employee):
    with pytest.raises(ValidationError):
        attend(env, make_employee("ana"), "2026-03-02 09:00:00", "2026-03-02 08:00:00")


def test_employee_checks_in_and_out(env, as_user, make_employee):
    ana = make_employee("ana")
    screen = as_user("ana")["hr.attendance.check"]
    screen.create({}).action_check_in()
    assert ana.attendance_state == "checked_in" and not ana.last_attendance_id.check_out
    with pytest.raises(UserError, match="already checked in"):
        screen.create({}).action_check_in()
    screen.create({}).action_check_out()
    env.invalidate_all()
    assert ana.attendance_state == "checked_out" and ana.last_attendance_id.check_out
    assert len(ana.attendance_ids) == 1


def test_check_in_screen_shows_the_current_state(env, as_user, make_employee):
    ana = make_employee("ana")
    ana.action_check_in()
    defaults = as_user("ana")["hr.attendance.check"].default_get(["employee_id", "attendance_state"])
    assert defaults["employee_id"] == ana.id and defaults["attendance_state"] == "checked_in"


def test_user_without_employee_gets_a_clear_error(env, as_user, make_user):
    make_user("ghost")
    with pytest.raises(UserError, match="not linked to an employee"):
        as_user("ghost")["hr.attendance.check"].create({}).action_check_in()


def test_employees_cannot_write_attendances_nor_check_in_others(env, as_user, make_employee):
    ana, luis = make_employee("ana"), make_employee("luis")
    mine = as_user("ana")["hr.attendance"]
    with pytest.raises(AccessError):
        mine.create({"employee_id": ana.id, "check_in": "2026-03-02 07:00:00"})
    with pytest.raises(AccessError):
        as_user("ana")["hr.employee"].browse(luis.id).action_check_in()


def test_manager_reads_the_team_attendances(env, as_user, make_employee):
    boss = make_employee("boss")
    ana = make_employee("ana", manager=boss)
    other = make_employee("other")
    team = attend(env, ana, "2026-03-02 07:00:00", "2026-03-02 15:00:00")
    outside = attend(env, other, "2026-03-02 07:00:00", "2026-03-02 15:00:00")
    visible = as_user("boss")["hr.attendance"].search([])
    assert team in visible and outside not in visible


def test_worked_hours_report_sums_by_employee(env, make_employee):
    ana = make_employee("ana")
    attend(env, ana, "2026-03-02 07:00:00", "2026-03-02 17:00:00")
    attend(env, ana, "2026-03-03 07:00:00", "2026-03-03 16:00:00")
    [group] = env["hr.attendance"].read_group([("employee_id", "=", ana.id)],
                                              ["worked_hours:sum", "overtime_hours:sum"], ["employee_id"])
    assert group["worked_hours"] == 19 and group["overtime_hours"] == 2 + 1


def test_demo_attendances_follow_the_working_days(env):
    env["hr.employee"]._demo_generate_company(seed=3)
    assert env["hr.attendance"]._demo_generate_attendances(seed=1, days=7) is True
    attendances = env["hr.attendance"].search([])
    assert attendances and all(a.check_out and a.worked_hours >= 9 for a in attendances)
    assert all(a.check_in.weekday() < 5 for a in attendances)
