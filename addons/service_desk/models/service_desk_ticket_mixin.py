"""The life of a service ticket: default stage, assignment, the SLA clock (pauses in waiting stages,
deadlines, state, a single escalation), first response and closing."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from core import clock, model

POLICY_KEYS = {"team_id", "ticket_type_id", "priority"}
REFRESH_KEYS = POLICY_KEYS | {"stage_id", "first_response_date", "close_date", "sla_start"}


def _id(value: Any) -> int | bool:
    if hasattr(value, "_ids"):
        return value.id or False
    if isinstance(value, (list, tuple)) and value:
        value = value[0]
    return int(value) if value else False


@model("service_desk.ticket.mixin")
class ServiceTicket:
    # -- stages -------------------------------------------------------------------------------
    def _read_group_stage_ids(self, stages: Any, domain: list[Any]) -> Any:
        team_id = self.env.context.get("default_team_id")
        if team_id:
            return stages.search([("team_ids", "in", [team_id])])
        return stages.search([])

    def _first_stage(self, team_id: int | bool) -> Any:
        Stage = self.env["service_desk.stage"].sudo()
        domain: list[Any] = [("team_ids", "in", [team_id])] if team_id else []
        return Stage.search(
            domain + [("is_close", "=", False), ("fold", "=", False)], limit=1
        ) or Stage.search(domain, limit=1)

    # -- create and write ---------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if not all(isinstance(vals, dict) for vals in vals_list):
            return super().create(vals_list)
        now = clock.utcnow()
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            if "team_id" not in vals and self.env.context.get("default_team_id"):
                vals["team_id"] = self.env.context["default_team_id"]
            if not vals.get("stage_id") and vals.get("team_id"):
                vals["stage_id"] = self._first_stage(_id(vals["team_id"])).id or False
            if vals.get("partner_email") and not vals.get("partner_id"):
                vals["partner_id"] = self._requester_partner(vals).id
            vals.setdefault("sla_start", now)
            vals.setdefault("access_token", secrets.token_urlsafe(24))
            if vals.get("user_id"):
                vals.setdefault("assign_date", now)
            prepared.append(vals)
        tickets = super().create(prepared)
        tickets._auto_assign()
        tickets._enter_stages({}, now)
        for ticket in tickets.filtered("partner_id"):
            ticket.message_subscribe(partner_ids=[ticket.partner_id.id])
        tickets._sla_apply(now)
        return tickets

    def _requester_partner(self, vals: dict[str, Any]) -> Any:
        """The contact of the requester's email, created when nobody has it yet."""
        Partner = self.env["res.partner"].sudo()
        email = vals["partner_email"].strip()
        found = Partner.search([("email", "=ilike", email)], limit=1)
        return found or Partner.create(
            {
                "name": vals.get("partner_name") or email.split("@")[0],
                "email": email,
                "phone": vals.get("partner_phone") or False,
            }
        )

    def write(self, vals: dict[str, Any]) -> bool:
        if not isinstance(vals, dict) or not self or self.env.context.get("service_desk_sla_write"):
            return super().write(vals)
        now = clock.utcnow()
        old_stages = {ticket.id: ticket.stage_id for ticket in self}
        unassigned = self.filtered(lambda t: not t.assign_date)
        if vals.get("team_id") and "stage_id" not in vals:
            # a ticket moved to a team that does not use its stage starts in the team's first stage
            team = self.env["service_desk.team"].browse(_id(vals["team_id"]))
            move = self.filtered(lambda t: team.stage_ids and t.stage_id not in team.stage_ids)
            if move:
                super(ServiceTicket, move).write({**vals, "stage_id": self._first_stage(team.id).id or False})
            if self - move:
                super(ServiceTicket, self - move).write(vals)
        else:
            super().write(vals)
        if vals.get("user_id") and unassigned:
            unassigned.with_context(service_desk_sla_write=True).write({"assign_date": now})
        if "stage_id" in vals or "team_id" in vals:
            self._enter_stages(old_stages, now)
        if vals.get("team_id") and not vals.get("user_id"):
            self._auto_assign()
        if REFRESH_KEYS & set(vals):
            self._sla_apply(now, repick=bool(POLICY_KEYS & set(vals)))
        return True

    def _auto_assign(self) -> None:
        """Tickets without an assignee get one by their team's method, one after the other."""
        for ticket in self.filtered(lambda t: t.team_id and not t.user_id):
            user = ticket.team_id._pick_user(self._name)
            if user:
                ticket.write({"user_id": user.id})

    def _enter_stages(self, old_stages: dict[int, Any], now: dt.datetime) -> None:
        """Pause or resume the SLA clock and open or close the tickets their new stage asks for."""
        for ticket in self:
            old, new = old_stages.get(ticket.id) or self.env["service_desk.stage"], ticket.stage_id
            values: dict[str, Any] = {}
            if new.is_waiting and not ticket.sla_paused_since:
                values["sla_paused_since"] = now
            elif not new.is_waiting and ticket.sla_paused_since:
                clock_ = ticket._sla_clock(now)
                values.update(sla_paused_hours=clock_.paused_at(now), sla_paused_since=False)
            if new.is_close and not ticket.close_date:
                values["close_date"] = now
            elif not new.is_close and ticket.close_date:
                values["close_date"] = False
            if values:
                ticket.with_context(service_desk_sla_write=True).write(values)
            if new.is_close and not old.is_close:
                ticket._request_rating()
