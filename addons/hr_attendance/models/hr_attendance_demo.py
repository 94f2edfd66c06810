"""The demo attendances, called from demo/hr_attendance_demo.yaml: the last two working weeks of
every employee, most days on schedule, some with extra hours."""
from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from core import clock, model

DONE_PARAM = "hr_attendance.demo_seed"


@model("hr.attendance")
class HrAttendanceDemo:
    def _demo_generate_attendances(self, seed: int = 13, days: int = 14) -> bool:
        env = self.env(su=True)
        Params = env["ir.config_parameter"]
        if Params.get_param(DONE_PARAM) == str(seed):
            return False
        Params.set_param(DONE_PARAM, str(seed))
        rng = random.Random(seed)
        zone = ZoneInfo("Europe/Madrid")
        today = clock.today()
        employees = env["hr.employee"].search([], order="id")
        on_leave: set[tuple[int, dt.date]] = set()
        if "hr.leave" in env.registry.models:  # nobody works on their approved time off
            for leave in env["hr.leave"].search([("state", "=", "validate")]):
                on_leave.update((leave.employee_id.id, day)
                                for day in _dates(leave.request_date_from, leave.request_date_to))
        values = []
        for offset in range(days, 0, -1):
            day = today - dt.timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            for employee in employees:
                if (employee.id, day) in on_leave or rng.random() < 0.05:
                    continue
                start = dt.time(7 + rng.randint(0, 1), rng.choice((45, 50, 55, 0, 5)) % 60)
                hours = 9 + rng.choice((0, 0, 0, 0.25, 0.5, 1.5))  # with the lunch hour
                check_in = dt.datetime.combine(day, start, zone).astimezone(dt.UTC).replace(tzinfo=None)
                values.append({"employee_id": employee.id, "check_in": check_in,
                               "check_out": check_in + dt.timedelta(hours=hours)})
        env["hr.attendance"].create(values)
        return True


def _dates(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
