"""The demo time off, called from demo/hr_holidays_demo.yaml: 22 days of paid time off for everyone,
approved time off in the past weeks and requests waiting for approval in the next ones."""
from __future__ import annotations

import datetime as dt
import random

from core import clock, model

DONE_PARAM = "hr_holidays.demo_seed"


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@model("hr.leave")
class HrLeaveDemo:
    def _demo_generate_time_off(self, seed: int = 11) -> bool:
        env = self.env(su=True)
        Params = env["ir.config_parameter"]
        if Params.get_param(DONE_PARAM) == str(seed):
            return False
        Params.set_param(DONE_PARAM, str(seed))
        env = env(context={**env.context, "mail_create_nolog": True, "tracking_disable": True})
        rng = random.Random(seed)
        employees = env["hr.employee"].search([], order="id")
        paid, sick = env.ref("hr_holidays.holiday_status_cl"), env.ref("hr_holidays.holiday_status_sl")
        comp = env.ref("hr_holidays.holiday_status_comp")
        year = clock.today().year
        since = dt.date(_monday(clock.today()).year - (clock.today().month < 3), 1, 1)  # the past weeks too
        allocations = env["hr.leave.allocation"].create(
            [{"name": f"Paid time off {year}", "employee_id": e.id, "holiday_status_id": paid.id,
              "number_of_days": 22, "date_from": since} for e in employees]
            + [{"name": "Weekend on-call", "employee_id": e.id, "holiday_status_id": comp.id,
                "number_of_days": 2, "date_from": since} for e in employees[::5]])
        allocations.action_validate()
        this_monday = _monday(clock.today())
        past, future = [], []
        for index, employee in enumerate(employees):
            if index % 2 == 0:
                start = this_monday - dt.timedelta(weeks=rng.randint(1, 8))
                kind = sick if index % 10 == 0 else paid
                past.append(self._demo_values(employee, kind, start, rng.randint(2, 5)))
            if index % 3 == 0:
                start = this_monday + dt.timedelta(weeks=rng.randint(1, 6))
                future.append(self._demo_values(employee, paid, start, rng.randint(2, 5)))
        Leave = env["hr.leave"]
        approved = Leave.create(past)
        approved.with_context(leave_action=True).write({"state": "validate"})
        Leave.create(future)
        return True

    @staticmethod
    def _demo_values(employee: object, kind: object, monday: dt.date, days: int) -> dict[str, object]:
        return {"employee_id": employee.id, "holiday_status_id": kind.id,  # type: ignore[attr-defined]
                "request_date_from": monday, "request_date_to": monday + dt.timedelta(days=days - 1)}
