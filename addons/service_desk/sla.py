"""The SLA clock: deadlines and elapsed time in working hours of a schedule, minus the paused time.

Pure functions over ``addons.resource.worktime`` schedules; the ticket mixin feeds them its dates.
Naive datetimes are UTC, as the record API stores them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from addons.resource import worktime

ON_TIME, AT_RISK, FAILED = "on_time", "at_risk", "failed"


@dataclass(frozen=True)
class Clock:
    """The SLA clock of one ticket: started at ``start``, ``paused_hours`` of working time spent in
    waiting stages, and a pause running since ``paused_since`` (or None)."""

    schedule: worktime.Schedule
    start: dt.datetime
    paused_hours: float = 0.0
    paused_since: dt.datetime | None = None

    def paused_at(self, now: dt.datetime) -> float:
        """Working hours paused up to ``now``, the running pause included."""
        running = 0.0
        if self.paused_since is not None and now > self.paused_since:
            running = worktime.hours_between(self.schedule, self.paused_since, now)
        return self.paused_hours + running

    def elapsed(self, now: dt.datetime) -> float:
        """Working hours the clock has counted at ``now`` (paused time left out)."""
        if now <= self.start:
            return 0.0
        return max(worktime.hours_between(self.schedule, self.start, now) - self.paused_at(now), 0.0)

    def deadline(self, hours: float, now: dt.datetime) -> dt.datetime:
        """When ``hours`` working hours will have been counted, the pauses known at ``now`` added."""
        return worktime.naive(worktime.plan_hours(self.schedule, self.start, hours + self.paused_at(now)))


def target_state(
    clock: Clock, hours: float, reached: dt.datetime | None, now: dt.datetime, risk_percent: float
) -> str:
    """The state of one target (first response or resolution) of ``hours`` working hours.

    Reached: failed when reached after its budget, else on time. Not reached: failed when the budget is
    spent, at risk once ``risk_percent`` of it is, else on time."""
    moment = reached or now
    spent = clock.elapsed(moment)
    if spent > hours + 1e-6:
        return FAILED
    if reached is None and hours > 0 and spent >= hours * risk_percent / 100.0:
        return AT_RISK
    return ON_TIME


def worst(*states: str) -> str:
    """The worst of several target states."""
    order = (ON_TIME, AT_RISK, FAILED)
    return max(states, key=order.index) if states else ON_TIME
