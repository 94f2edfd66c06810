"""The demo time off: allocations for everyone, approved and waiting requests."""
from __future__ import annotations


def test_demo_time_off_gives_balances_and_requests(env):
    env["hr.employee"]._demo_generate_company(seed=3)
    assert env["hr.leave"]._demo_generate_time_off(seed=5) is True
    employees = env["hr.employee"].search([])
    assert all(e.remaining_leaves >= 22 - 5 for e in employees)
    leaves = env["hr.leave"].search([])
    assert set(leaves.mapped("state")) == {"validate", "confirm"}
    assert all(leave.number_of_days > 0 for leave in leaves)
    assert env["hr.leave"]._demo_generate_time_off(seed=5) is False
