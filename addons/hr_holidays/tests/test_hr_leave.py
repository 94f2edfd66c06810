"""Time off requests: working days counted, approval steps as Odoo 17, overlaps and balances."""
from __future__ import annotations

import pytest

from addons.hr_holidays.tests.conftest import allocate
from core.exceptions import AccessError, UserError, ValidationError

PAID, SICK = "hr_holidays.holiday_status_cl", "hr_holidays.holiday_status_sl"
UNPAID, COMP = "hr_holidays.holiday_status_unpaid", "hr_holidays.holiday_status_comp"


def request(env, employee, first, last, xmlid=PAID, **values):
    return env["hr.leave"].create({"employee_id": employee.id, "holiday_status_id": env.ref(xmlid).id,
                                   "request_date_from": first, "request_date_to": last, **values})


def test_days_count_working_days_without_public_holidays(env, team):
    # Monday 30 March to Sunday 5 April 2026: Good Friday is a national holiday
    leave = request(env, team.ana, "2026-03-30", "2026-04-05")
    assert leave.number_of_days == 4
    assert str(leave.date_from) == "2026-03-29 22:00:00"  # midnight in Madrid (summer time)


def test_a_period_given_as_datetimes_counts_part_of_a_day(env, team):
    leave = env["hr.leave"].create({"employee_id": team.ana.id, "holiday_status_id": env.ref(UNPAID).id,
                                    "date_from": "2026-03-02 07:00:00", "date_to": "2026-03-02 11:00:00"})
    assert leave.number_of_days == 0.5
    assert str(leave.request_date_from) == str(leave.request_date_to) == "2026-03-02"


def test_paid_time_off_needs_the_manager_then_hr(env, as_user, team):
    leave = request(as_user("ana")["hr.leave"].env, team.ana, "2026-03-02", "2026-03-05")
    assert leave.state == "confirm" and leave.number_of_days == 4
    assert leave.activity_ids.user_id == team.boss.user_id
    boss_view = as_user("boss")["hr.leave"].browse(leave.id)
    boss_view.action_approve()
    assert leave.state == "validate1" and leave.first_approver_id == team.boss
    with pytest.raises(AccessError):
        boss_view.action_validate()
    as_user("officer")["hr.leave"].browse(leave.id).action_validate()
    assert leave.state == "validate" and leave.second_approver_id == team.officer
    assert not leave.activity_ids
    paid = env.ref(PAID).with_context(employee_id=team.ana.id)
    assert (paid.max_leaves, paid.leaves_taken, paid.remaining_leaves) == (10, 4, 6)
    assert team.ana.remaining_leaves == 6


def test_manager_approval_is_final_for_compensatory_days(env, as_user, team):
    allocate(env, team.ana, 2, COMP)
    leave = request(env, team.ana, "2026-03-09", "2026-03-09", COMP)
    as_user("boss")["hr.leave"].browse(leave.id).action_approve()
    assert leave.state == "validate"


def test_sick_leave_is_approved_by_hr_only(env, as_user, team):
    leave = request(env, team.ana, "2026-03-09", "2026-03-10", SICK)
    with pytest.raises(AccessError):
        as_user("boss")["hr.leave"].browse(leave.id).action_approve()
    as_user("officer")["hr.leave"].browse(leave.id).action_approve()
    assert leave.state == "validate"


def test_nobody_approves_their_own_time_off(env, as_user, team):
    leave = request(env, team.ana, "2026-03-09", "2026-03-10", UNPAID)
    with pytest.raises(AccessError, match="own"):
        as_user("ana")["hr.leave"].browse(leave.id).action_approve()
    assert leave.state == "confirm"


def test_overlapping_requests_are_refused(env, team):
    request(env, team.ana, "2026-03-09", "2026-03-11")
    with pytest.raises(ValidationError, match="Ana already has time off from 2026-03-09 to 2026-03-11"):
        request(env, team.ana, "2026-03-11", "2026-03-12", UNPAID)


def test_a_request_beyond_the_balance_is_refused(env, team):
    request(env, team.ana, "2026-03-02", "2026-03-06")  # 5 days, waiting
    with pytest.raises(ValidationError, match="Ana has 5.0 days available and this request takes 6"):
        request(env, team.ana, "2026-03-09", "2026-03-16")


def test_types_without_allocation_have_no_limit(env, team):
    assert request(env, team.eva, "2026-03-02", "2026-03-20", UNPAID).number_of_days == 15


def test_a_weekend_request_is_refused(env, team):
    with pytest.raises(ValidationError, match="no working day"):
        request(env, team.ana, "2026-03-07", "2026-03-08", UNPAID)


def test_refusing_gives_the_days_back(env, as_user, team):
    leave = request(env, team.ana, "2026-03-02", "2026-03-06")
    paid = env.ref(PAID).with_context(employee_id=team.ana.id)
    assert paid.virtual_remaining_leaves == 5
    as_user("boss")["hr.leave"].browse(leave.id).action_refuse()
    env.invalidate_all()
    assert leave.state == "refuse" and paid.virtual_remaining_leaves == 10


def test_employee_resets_changes_and_resubmits(env, as_user, team):
    mine = as_user("ana")["hr.leave"]
    leave = mine.browse(request(env, team.ana, "2026-03-02", "2026-03-03").id)
    leave.action_draft()
    leave.write({"request_date_to": "2026-03-04"})
    leave.action_confirm()
    assert leave.state == "confirm" and leave.number_of_days == 3


def test_status_and_approved_requests_are_out_of_the_employees_hands(env, as_user, team):
    leave = request(env, team.ana, "2026-03-02", "2026-03-03", UNPAID)
    mine = as_user("ana")["hr.leave"].browse(leave.id)
    with pytest.raises(AccessError):
        mine.write({"state": "validate"})
    as_user("boss")["hr.leave"].browse(leave.id).action_approve()
    with pytest.raises(UserError):
        mine.write({"request_date_to": "2026-03-06"})


def test_colleagues_see_the_department_time_off(env, as_user, team):
    leave = request(env, team.ana, "2026-03-02", "2026-03-03", UNPAID)
    assert leave in as_user("eva")["hr.leave"].search([])
    assert leave not in as_user("otto")["hr.leave"].search([])
    with pytest.raises(AccessError):
        as_user("eva")["hr.leave"].browse(leave.id).action_refuse()


def test_only_officers_approve_allocations(env, as_user, team):
    allocation = env["hr.leave.allocation"].create({"employee_id": team.eva.id, "number_of_days": 3,
                                                    "holiday_status_id": env.ref(PAID).id})
    with pytest.raises(AccessError):
        as_user("boss")["hr.leave.allocation"].browse(allocation.id).action_validate()
    as_user("officer")["hr.leave.allocation"].browse(allocation.id).action_approve()
    assert allocation.state == "validate" and team.eva.remaining_leaves == 3


def test_balance_report_follows_approved_time_off(env, as_user, team):
    second = allocate(env, team.ana, 3)
    first = env["hr.leave.allocation"].search([("employee_id", "=", team.ana.id), ("id", "!=", second.id)])
    leave = request(env, team.ana, "2026-03-02", "2026-03-06")
    as_user("boss")["hr.leave"].browse(leave.id).action_approve()
    as_user("officer")["hr.leave"].browse(leave.id).action_validate()
    assert (first.leaves_taken, first.remaining_leaves) == (5, 5)
    assert (second.leaves_taken, second.remaining_leaves) == (0, 3)
    [row] = env["hr.leave.allocation"].read_group([("employee_id", "=", team.ana.id)],
                                                  ["remaining_leaves:sum"], ["employee_id"])
    assert row["remaining_leaves"] == 8
    leave.action_refuse()
    assert first.remaining_leaves == 10


def test_employee_cannot_create_an_approved_request(env, as_user, team):
    ana_env = as_user("ana")["hr.leave"].env
    with pytest.raises(AccessError, match="draft or waits for approval"):
        request(ana_env, team.ana, "2026-03-02", "2026-03-03", UNPAID, state="validate")
    draft = request(ana_env, team.ana, "2026-03-02", "2026-03-03", UNPAID, state="draft")
    assert draft.state == "draft" and draft.number_of_days == 2
