"""Allocations are valid between their dates: a request takes days only from the allocations valid on
its dates, and one outside every valid allocation is refused with a message naming type and dates."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError

PAID = "hr_holidays.holiday_status_cl"


def allocate(env, employee, days, date_from=False, date_to=False):
    allocation = env["hr.leave.allocation"].create({
        "employee_id": employee.id, "number_of_days": days, "holiday_status_id": env.ref(PAID).id,
        "date_from": date_from, "date_to": date_to})
    allocation.action_validate()
    return allocation


def request(env, employee, first, last):
    """A request in a savepoint, as one call is one transaction: a refused request leaves nothing."""
    with env.cr.savepoint():
        return env["hr.leave"].create({"employee_id": employee.id, "holiday_status_id": env.ref(PAID).id,
                                       "request_date_from": first, "request_date_to": last})


def test_a_request_outside_every_valid_allocation_is_refused(env, make_employee):
    eva = make_employee("eva")
    allocate(env, eva, 10, "2026-01-01", "2026-06-30")
    with pytest.raises(ValidationError, match="Eva has no approved allocation of Paid Time Off valid from "
                                              "2026-07-06 to 2026-07-07") as refused:
        request(env, eva, "2026-07-06", "2026-07-07")
    assert refused.value.field == "holiday_status_id"
    assert not env["hr.leave"].search([("employee_id", "=", eva.id)])
    assert request(env, eva, "2026-06-29", "2026-06-30").number_of_days == 2


def test_a_request_straddling_the_end_of_an_allocation_is_refused(env, make_employee):
    eva = make_employee("eva")
    allocate(env, eva, 10, "2026-01-01", "2026-06-30")
    with pytest.raises(ValidationError, match="no approved allocation"):
        request(env, eva, "2026-06-29", "2026-07-02")


def test_the_balance_counts_only_allocations_valid_on_the_dates(env, make_employee):
    eva = make_employee("eva")
    allocate(env, eva, 3, "2026-01-01", "2026-06-30")
    allocate(env, eva, 5, "2026-07-01", "2026-12-31")
    request(env, eva, "2026-03-02", "2026-03-04")  # the 3 days of the first half year
    with pytest.raises(ValidationError, match="Eva has 0.0 days available and this request takes 1"):
        request(env, eva, "2026-03-09", "2026-03-09")
    # the second half year's 5 days are untouched by the first half year's requests
    assert request(env, eva, "2026-07-06", "2026-07-10").number_of_days == 5
    with pytest.raises(ValidationError, match="Eva has 0.0 days available"):
        request(env, eva, "2026-09-07", "2026-09-07")


def test_an_allocation_without_dates_is_valid_any_day(env, make_employee):
    eva = make_employee("eva")
    allocate(env, eva, 2)
    allocate(env, eva, 1, "2027-01-01", "2027-12-31")
    assert request(env, eva, "2026-03-02", "2026-03-03").number_of_days == 2
    with pytest.raises(ValidationError, match="Eva has 0.0 days available"):
        request(env, eva, "2026-03-04", "2026-03-04")
    # in 2027 both allocations are valid: 3 days, 2 of them used by the open-ended allocation's request
    assert request(env, eva, "2027-03-01", "2027-03-01").number_of_days == 1


def test_an_allocation_ending_before_it_starts_is_refused(env, make_employee):
    eva = make_employee("eva")
    with pytest.raises(ValidationError, match="start date of an allocation"):
        allocate(env, eva, 2, "2026-06-30", "2026-01-01")


def test_the_shown_balance_forgets_allocations_that_have_ended(env, make_employee):
    eva = make_employee("eva")
    allocate(env, eva, 10, "2025-01-01", "2025-12-31")
    allocate(env, eva, 5, "2026-01-01", "2026-12-31")
    taken = request(env, eva, "2025-06-02", "2025-06-04")  # 3 days of the 2025 allocation
    taken.sudo().action_approve()
    if taken.state == "validate1":  # the type is approved by the manager, then by HR
        taken.sudo().action_validate()
    assert taken.state == "validate"
    paid = env.ref(PAID)
    now = paid.with_context(employee_id=eva.id, balance_date="2026-12-07")
    assert (now.max_leaves, now.leaves_taken, now.remaining_leaves) == (5, 0, 5)
    env.invalidate_all()
    then = paid.with_context(employee_id=eva.id, balance_date="2025-06-30")
    assert (then.max_leaves, then.leaves_taken, then.remaining_leaves) == (10, 3, 7)
