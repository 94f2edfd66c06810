"""Automatic assignment of leads to sales teams and salespersons, and the team's pipeline figures.

Unassigned leads go first to a team whose assignment domain accepts them, then to a member of the
team whose own domain accepts them, both by weighted round robin on capacity (leads per 30 days).
A scheduled job runs it; leads created without a salesperson get one at once only where the
settings ("Rule-Based Assignment") or their team ("Assign on creation") switch it on, as Odoo 17
leaves new leads alone.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from addons.crm.models.crm_lead_scoring import parse_domain
from core import _, assignment, clock, model, public
from core.exceptions import AccessError

ON_CREATE_PARAM = "crm.lead.auto.assignment"
PERIOD_DAYS = 30


def assignment_everywhere(env: Any) -> bool:
    """Whether the settings' "Rule-Based Assignment" assigns new leads of every team."""
    enabled = env["ir.config_parameter"].sudo().get_param(ON_CREATE_PARAM, "False")
    return str(enabled).lower() in ("1", "true", "yes")


@model("crm.team")
class CrmTeam:
    def _compute_assignment_max(self) -> None:
        for team in self:
            members = team.crm_team_member_ids.filtered(lambda m: not m.assignment_optout)
            team.assignment_max = sum(members.mapped("assignment_max"))

    def _compute_lead_counts(self) -> None:
        Lead = self.env["crm.lead"]
        unassigned = Lead.read_group([("team_id", "in", self.ids), ("user_id", "=", False),
                                      ("won_status", "=", "pending")], ["team_id"], ["team_id"])
        opportunities = Lead.read_group([("team_id", "in", self.ids), ("type", "=", "opportunity"),
                                         ("won_status", "=", "pending")], ["team_id", "expected_revenue:sum"],
                                        ["team_id"])
        unassigned_by = {g["team_id"][0]: g["team_id_count"] for g in unassigned if g["team_id"]}
        open_by = {g["team_id"][0]: g for g in opportunities if g["team_id"]}
        for team in self:
            team.lead_unassigned_count = unassigned_by.get(team.id, 0)
            group = open_by.get(team.id) or {}
            team.opportunities_count = group.get("team_id_count", 0)
            team.opportunities_amount = group.get("expected_revenue") or 0.0

    def _check_assignment_domain(self) -> None:
        for team in self:
            domain = parse_domain(team.assignment_domain, team.name, self.env)
            self.env["crm.lead"].sudo()._search(domain, limit=1)

    @public
    def action_assign_leads(self) -> int:
        """Assign the unassigned leads to these teams (all teams when called on none) now; how many."""
        if not self.env.su and not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales administrators can run the lead assignment."))
        teams = self or self.search([])
        leads = self.env["crm.lead"].sudo().search(self._assignable_domain(), order="priority desc, id asc")
        return leads._assign_to_teams(teams)

    @staticmethod
    def _assignable_domain() -> list[Any]:
        return [("user_id", "=", False), ("won_status", "=", "pending"), ("active", "=", True)]

    def _cron_assign_leads(self) -> bool:
        """The scheduled job: assign every unassigned open lead."""
        self.sudo().action_assign_leads()
        return True


@model("crm.team.member")
class CrmTeamMember:
    def _compute_lead_month_count(self) -> None:
        since = clock.utcnow() - dt.timedelta(days=PERIOD_DAYS)
        counts = self.env["crm.lead"].sudo()._month_loads(self, since)
        for member in self:
            member.lead_month_count = counts.get((member.crm_team_id.id, member.user_id.id), 0)

    def _check_assignment_domain(self) -> None:
        for member in self:
            domain = parse_domain(member.assignment_domain, member.user_id.name, self.env)
            self.env["crm.lead"].sudo()._search(domain, limit=1)


@model("crm.lead")
class CrmLeadAssignment:
    def _assign_on_create(self) -> None:
        """Leads created without a salesperson get a team and a salesperson by the assignment rules, from
        every team when the settings switch it on, else from the teams that assign on creation."""
        todo = self.filtered(lambda lead: not lead.user_id and lead.active and lead.won_status == "pending")
        if not todo:
            return
        Teams = self.env["crm.team"].sudo()
        if assignment_everywhere(self.env):
            teams = Teams.search([])
        else:
            teams = Teams.search([("assignment_on_create", "=", True)])
            todo = todo.filtered(lambda lead: not lead.team_id or lead.team_id in teams)
        if teams and todo:
            todo.sudo()._assign_to_teams(teams)

    def _month_loads(self, members: Any, since: dt.datetime) -> dict[tuple[int, int], int]:
        """Leads each (team, salesperson) of ``members`` received since ``since``."""
        groups = self.with_context(active_test=False).read_group(
            [("team_id", "in", members.mapped("crm_team_id").ids),
             ("user_id", "in", members.mapped("user_id").ids),
             ("date_open", ">=", since)], ["team_id"], ["team_id", "user_id"], lazy=False)
        return {(g["team_id"][0], g["user_id"][0]): g["__count"]
                for g in groups if g["team_id"] and g["user_id"]}

    def _eligible(self, domains: dict[Any, str | bool], label: Any) -> dict[Any, set[int]]:
        """For each key, the ids of these leads its domain accepts (one query per key)."""
        result: dict[Any, set[int]] = {}
        for key, text in domains.items():
            domain = parse_domain(text, label(key), self.env)
            result[key] = set(self.with_context(active_test=False)._search([("id", "in", self.ids)] + domain))
        return result

    def _assign_to_teams(self, teams: Any) -> int:
        """Assign these (sudo) leads: teamless ones to a team of ``teams``, then each to a member."""
        teams = teams.filtered(lambda t: t.active and not t.assignment_optout)
        members = teams.mapped("crm_team_member_ids").filtered(lambda m: m.active and not m.assignment_optout)
        since = clock.utcnow() - dt.timedelta(days=PERIOD_DAYS)
        loads = self._month_loads(members, since) if members else {}
        capacity = {m.id: m.assignment_max for m in members}
        load = {m.id: loads.get((m.crm_team_id.id, m.user_id.id), 0) for m in members}
        team_of = {lead.id: lead.team_id.id for lead in self}
        # teams first, weighted by their remaining capacity
        teamless = [lead.id for lead in self if not lead.team_id]
        if teamless:
            free = {t.id: sum(max(capacity[m.id] - load[m.id], 0) for m in members if m.crm_team_id == t)
                    for t in teams}
            eligible = self.browse(teamless)._eligible({t.id: t.assignment_domain for t in teams},
                                                        lambda key: self.env["crm.team"].browse(key).name)
            team_of.update(assignment.assign(teamless, eligible, free))
        # then members of each lead's team
        member_domains = {m.id: m.assignment_domain for m in members}
        eligible_members = self._eligible(member_domains, lambda key: self.env["crm.team.member"].browse(key)
                                          .user_id.name)
        for member in members:
            eligible_members[member.id] = {i for i in eligible_members[member.id]
                                           if team_of.get(i) == member.crm_team_id.id}
        chosen = assignment.assign([lead.id for lead in self], eligible_members, capacity, load)
        by_target: dict[tuple[int, int], list[int]] = defaultdict(list)
        member_records = {m.id: m for m in members}
        for lead_id, member_id in chosen.items():
            member = member_records[member_id]
            by_target[(member.crm_team_id.id, member.user_id.id)].append(lead_id)
        for (team_id, user_id), lead_ids in by_target.items():
            self.browse(lead_ids).write({"team_id": team_id, "user_id": user_id})
        # a lead that found a team but no free salesperson still joins the team's queue
        team_only: dict[int, list[int]] = defaultdict(list)
        for lead_id in teamless:
            if lead_id not in chosen and team_of.get(lead_id):
                team_only[team_of[lead_id]].append(lead_id)
        for team_id, lead_ids in team_only.items():
            self.browse(lead_ids).write({"team_id": team_id})
        return len(chosen)
