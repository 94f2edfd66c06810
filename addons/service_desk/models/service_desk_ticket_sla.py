"""The SLA clock of service tickets: which policy applies, the deadlines in working hours of the team,
the on time / at risk / failed state, and the one escalation to the team leader."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from addons.service_desk import sla
from core import _, clock, model

HORIZON = dt.timedelta(days=400)  # holidays read ahead of now when planning deadlines
TOP_PRIORITY = 3


@model("service_desk.ticket.mixin")
class ServiceTicketSla:
    def _sla_policy(self) -> Any:
        """The active policy of the ticket's team that matches its type and priority, the most specific
        first (type and priority, then either, then neither); none without a team."""
        self.ensure_one()
        if not self.team_id:
            return self.env["service_desk.sla"]
        policies = (
            self.env["service_desk.sla"]
            .sudo()
            .search(
                [
                    ("team_id", "=", self.team_id.id),
                    "|",
                    ("ticket_type_id", "=", False),
                    ("ticket_type_id", "=", self.ticket_type_id.id or 0),
                    "|",
                    ("priority", "=", False),
                    ("priority", "=", self.priority or "0"),
                ],
                order="sequence, id",
            )
        )
        ranked = sorted(
            policies, key=lambda p: (-(bool(p.ticket_type_id) + bool(p.priority)), p.sequence, p.id)
        )
        return ranked[0] if ranked else policies

    def _sla_apply(self, now: dt.datetime | None = None, repick: bool = True) -> None:
        """Pick the policy (when ``repick``), then refresh deadlines and state."""
        if repick:
            for ticket in self:
                policy = ticket._sla_policy()
                if policy.id != ticket.sla_id.id:
                    ticket.with_context(service_desk_sla_write=True).write({"sla_id": policy.id or False})
        self._sla_refresh(now)

    def _sla_clock(self, now: dt.datetime, schedule: Any = None) -> sla.Clock:
        self.ensure_one()
        start = self.sla_start or self.create_date or now
        if schedule is None:
            schedule = self.team_id._work_schedule(start, max(start, now) + HORIZON)
        return sla.Clock(schedule, start, self.sla_paused_hours or 0.0, self.sla_paused_since or None)

    def _sla_refresh(self, now: dt.datetime | None = None) -> None:
        """Bring deadlines and SLA state up to date at ``now``; escalate tickets newly at risk."""
        now = now or clock.utcnow()
        by_team: dict[Any, list[Any]] = defaultdict(list)
        for ticket in self:
            by_team[ticket.team_id].append(ticket)
        for team, tickets in by_team.items():
            schedule = None
            if team:
                first = min(t.sla_start or t.create_date or now for t in tickets)
                schedule = team._work_schedule(first, max(first, now) + HORIZON)
            for ticket in tickets:
                ticket._sla_write(ticket._sla_values(now, schedule))
        self.filtered(
            lambda t: t.sla_state in ("at_risk", "failed") and not t.sla_escalated and not t.close_date
        )._sla_escalate()

    def _sla_values(self, now: dt.datetime, schedule: Any) -> dict[str, Any]:
        policy = self.sla_id
        if not policy or schedule is None:
            return {"sla_reply_deadline": False, "sla_deadline": False, "sla_state": False}
        clock_ = self._sla_clock(now, schedule)
        risk = self.team_id.sla_risk_percent or 75.0
        values: dict[str, Any] = {"sla_reply_deadline": False, "sla_deadline": False}
        states = []
        if policy.time_first_response:
            values["sla_reply_deadline"] = clock_.deadline(policy.time_first_response, now)
            states.append(
                sla.target_state(
                    clock_, policy.time_first_response, self.first_response_date or None, now, risk
                )
            )
        if policy.time_resolution:
            values["sla_deadline"] = clock_.deadline(policy.time_resolution, now)
            states.append(
                sla.target_state(clock_, policy.time_resolution, self.close_date or None, now, risk)
            )
        values["sla_state"] = sla.worst(*states) if states else False
        return values

    def _sla_write(self, values: dict[str, Any]) -> None:
        changed = {k: v for k, v in values.items() if (self[k] or False) != (v or False)}
        if changed:
            self.with_context(service_desk_sla_write=True, mail_notrack=True).write(changed)

    def _sla_escalate(self) -> None:
        """Raise the priority once and tell the team leader (a to-do activity and a note)."""
        for ticket in self:
            priority = str(min(int(ticket.priority or 0) + 1, TOP_PRIORITY))
            ticket.with_context(service_desk_sla_write=True).write(
                {"sla_escalated": True, "priority": priority}
            )
            leader = ticket.team_id.user_id
            deadline = ticket.sla_deadline or ticket.sla_reply_deadline
            summary = _("SLA at risk: %(ticket)s", ticket=ticket.display_name)
            body = _(
                "The SLA of this ticket is %(state)s (deadline %(deadline)s): the priority was raised.",
                state=ticket._fields["sla_state"].labels().get(ticket.sla_state, ticket.sla_state),
                deadline=deadline or "-",
            )
            partners = [leader.partner_id.id] if leader.partner_id else []
            ticket.sudo().message_post(body=body, subtype_xmlid="mail.mt_note", partner_ids=partners)
            if leader and hasattr(ticket, "activity_schedule"):
                ticket.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=summary,
                    date_deadline=(deadline or clock.utcnow()).date(),
                    user_id=leader.id,
                )
