"""Service teams: the working schedule the SLA clock counts in, and who gets the next ticket."""

from __future__ import annotations

import datetime as dt
from typing import Any

from addons.resource import worktime
from addons.resource.models.resource_calendar import valid_tz
from core import assignment, model

MIXIN = "service_desk.ticket.mixin"
OPEN_LOAD = 10**6  # the capacity of a member: assignment shares by load, with no ceiling


def ticket_models(env: Any) -> list[str]:
    """The models built on the service ticket mixin (helpdesk.ticket, czrm.request...)."""
    return sorted(
        name for name, cls in env.registry.models.items() if not cls._abstract and MIXIN in cls._def.mixins
    )


@model("service_desk.team")
class ServiceDeskTeam:
    def _default_calendar(self) -> Any:
        calendar = self.env.ref("resource.resource_calendar_std", raise_if_not_found=False)
        return calendar.id if calendar else False

    def _check_timezone(self) -> bool:
        return all(not team.tz or valid_tz(team.tz) for team in self)

    def _work_schedule(self, start: dt.datetime, end: dt.datetime) -> worktime.Schedule:
        """The team's weekly hours in its time zone, with the holidays of its calendar in [start, end)."""
        self.ensure_one()
        calendar = self.resource_calendar_id.sudo()
        lines = [(int(line.dayofweek), line.hour_from, line.hour_to) for line in calendar.attendance_ids]
        leaves = [(leave.date_from, leave.date_to) for leave in calendar._holidays(start, end)]
        return worktime.Schedule.make(self.tz or calendar.tz, lines, leaves)

    def _pick_user(self, ticket_model: str) -> Any:
        """The member who gets the next ticket of ``ticket_model`` by the team's method (none: manual)."""
        self.ensure_one()
        members = self.member_ids.filtered(lambda user: user.active)
        if self.assign_method == "manual" or not members:
            return self.env["res.users"]
        domain: list[Any] = [("team_id", "=", self.id), ("user_id", "in", members.ids)]
        if self.assign_method == "balanced":
            domain += [("close_date", "=", False)]
        groups = self.env[ticket_model].sudo().read_group(domain, ["user_id"], ["user_id"])
        load = {group["user_id"][0]: group["user_id_count"] for group in groups if group["user_id"]}
        capacity = {user.id: OPEN_LOAD for user in members}
        chosen = assignment.assign(["next"], {user.id: {"next"} for user in members}, capacity, load)
        return self.env["res.users"].browse(chosen["next"])

    def _cron_update_sla(self) -> bool:
        """The scheduled job: bring the SLA state of every open ticket up to date (and escalate)."""
        for name in ticket_models(self.env):
            tickets = self.env[name].sudo().search([("close_date", "=", False), ("sla_id", "!=", False)])
            tickets._sla_refresh()
        return True
