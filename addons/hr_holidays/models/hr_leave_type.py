"""Balances of time off: days allocated, taken and waiting for approval, per employee and type."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from core import clock, model

PENDING = ("confirm", "validate1")


def balances(env: Any, employee_ids: list[int],
             type_ids: list[int] | None = None) -> dict[tuple[int, int], dict[str, float]]:
    """``{(employee_id, type_id): {"max_leaves", "leaves_taken", "remaining_leaves",
    "virtual_remaining_leaves"}}`` from approved allocations valid today (or on the context's
    ``balance_date``) and the requests they cover: days left in an allocation that has ended are
    lost, and the days off taken from it count no more. Two queries whatever the number of employees."""
    env = env(su=True)
    today = env.context.get("balance_date") or clock.today()
    if isinstance(today, str):
        today = dt.date.fromisoformat(today)
    domain: list[Any] = [("employee_id", "in", employee_ids)]
    if type_ids is not None:
        domain.append(("holiday_status_id", "in", type_ids))
    allocations: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for row in env["hr.leave.allocation"].search_read(
            domain + [("state", "=", "validate")],
            ["employee_id", "holiday_status_id", "number_of_days", "date_from", "date_to"], load=None,
            order="id"):
        allocations[row["employee_id"], row["holiday_status_id"]].append({**row, "used": 0.0})
    taken: dict[tuple[int, int], float] = defaultdict(float)
    pending: dict[tuple[int, int], float] = defaultdict(float)
    for row in env["hr.leave"].search_read(
            domain + [("state", "in", ["validate", *PENDING])],
            ["employee_id", "holiday_status_id", "number_of_days", "state", "request_date_from"],
            load=None, order="request_date_from, id"):
        key = (row["employee_id"], row["holiday_status_id"])
        source = _allocation_of(allocations.get(key, []), row["request_date_from"], row["number_of_days"])
        if source is not None and not _valid_on(source, today):
            continue  # taken from an allocation that has ended: it weighs on nothing left
        if row["state"] == "validate":
            taken[key] += row["number_of_days"]
        else:
            pending[key] += row["number_of_days"]
    allocated = {key: sum(a["number_of_days"] for a in rows if _valid_on(a, today))
                 for key, rows in allocations.items()}
    result = {}
    for key in set(allocated) | set(taken) | set(pending):
        remaining = allocated.get(key, 0.0) - taken[key]
        result[key] = {"max_leaves": round(allocated.get(key, 0.0), 2), "leaves_taken": round(taken[key], 2),
                       "remaining_leaves": round(remaining, 2),
                       "virtual_remaining_leaves": round(remaining - pending[key], 2)}
    return result


def _valid_on(allocation: dict[str, Any], day: Any) -> bool:
    start, end = allocation["date_from"], allocation["date_to"]
    return (not start or start <= day) and (not end or end >= day)


def _allocation_of(rows: list[dict[str, Any]], day: Any, days: float) -> dict[str, Any] | None:
    """The allocation a request of ``days`` starting on ``day`` draws on: the first valid that day with
    days left, else the last valid that day (it goes below zero); None when none covers it."""
    if not day:
        return None
    covering = [row for row in rows if _valid_on(row, day)]
    for row in covering:
        if row["number_of_days"] - row["used"] >= days:
            row["used"] += days
            return row
    if covering:
        covering[-1]["used"] += days
        return covering[-1]
    return None


EMPTY = {"max_leaves": 0.0, "leaves_taken": 0.0, "remaining_leaves": 0.0, "virtual_remaining_leaves": 0.0}


@model("hr.leave.type")
class HrLeaveType:
    def _context_employee_id(self) -> int | None:
        """The employee the balances are for: ``employee_id`` in the context, else the user's."""
        employee = self.env.context.get("employee_id")
        if isinstance(employee, (list, tuple)):
            employee = employee[0] if employee else None
        if employee:
            return int(employee)
        return self.env["res.users"].sudo().browse(self.env.uid).employee_id.id or None

    def _compute_leaves(self) -> None:
        employee_id = self._context_employee_id()
        found = balances(self.env, [employee_id], self.ids) if employee_id else {}
        for leave_type in self:
            values = found.get((employee_id, leave_type.id), EMPTY)
            for name, value in values.items():
                setattr(leave_type, name, value)


@model("hr.employee")
class HrEmployeeBalance:
    def _compute_leave_manager_id(self) -> None:
        for employee in self:
            employee.leave_manager_id = employee.parent_id.user_id

    def _compute_remaining_leaves(self) -> None:
        with_allocation = self.env["hr.leave.type"].sudo().search([("requires_allocation", "=", "yes")]).ids
        found = balances(self.env, self.ids, with_allocation)
        for employee in self:
            mine = [values for (emp, _type), values in found.items() if emp == employee.id]
            employee.remaining_leaves = round(sum(v["remaining_leaves"] for v in mine), 2)
            employee.virtual_remaining_leaves = round(sum(v["virtual_remaining_leaves"] for v in mine), 2)
