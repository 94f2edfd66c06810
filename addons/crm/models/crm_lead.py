"""Leads and opportunities: defaults, stages, won/lost, and the dates that follow them."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from core import _, clock, model, public
from core.exceptions import UserError, ValidationError
from core.records.defaults import add_missing_defaults

# what a change of these fields means for the other fields of the lead
WON_PROBABILITY = 100.0
# scoring values a lead may be created with (migrations): kept as given
SCORING_GIVEN = frozenset({"probability", "automated_probability"})


@model("crm.lead")
class CrmLead:
    # -- defaults and computes -------------------------------------------------------------
    def _default_type(self) -> str:
        return "lead" if self.env.user.has_group("crm.group_use_lead") else "opportunity"

    def _compute_prorated_revenue(self) -> None:
        for lead in self:
            revenue = (lead.expected_revenue or 0.0) * (lead.probability or 0.0) / 100.0
            lead.prorated_revenue = round(revenue, 2)

    def _compute_won_status(self) -> None:
        for lead in self:
            if lead.active and lead.probability == WON_PROBABILITY:
                lead.won_status = "won"
            elif not lead.active and not lead.probability:
                lead.won_status = "lost"
            else:
                lead.won_status = "pending"

    def _compute_day_open(self) -> None:
        for lead in self:
            opened, created = lead.date_open, lead.create_date
            lead.day_open = round(abs((opened - created).total_seconds()) / 86400,
                                  2) if opened and created else 0.0

    def _compute_day_close(self) -> None:
        for lead in self:
            closed, created = lead.date_closed, lead.create_date
            lead.day_close = round(abs((closed - created).total_seconds()) / 86400,
                                   2) if closed and created else 0.0

    # -- stages ----------------------------------------------------------------------------
    def _stage_find(self, team_id: int | bool = False, domain: list[Any] | None = None) -> Any:
        """The first stage (by sequence) shared by every team or specific to ``team_id``."""
        teams = [team_id] if team_id else []
        search_domain: list[Any] = ["|", ("team_id", "=", False), ("team_id", "in", teams)]
        return self.env["crm.stage"].search(search_domain + list(domain or []), limit=1)

    def _read_group_stage_ids(self, stages: Any, domain: list[Any]) -> Any:
        """The columns of the pipeline: shared stages and those of the team in context (or the user's)."""
        team_id = self.env.context.get("default_team_id")
        team_ids = [team_id] if team_id else self.env.user.sudo().crm_team_ids.ids
        return stages.search(["|", ("team_id", "=", False), ("team_id", "in", team_ids)])

    def _default_team_setting(self) -> int | bool:
        """The settings' "Default Sales Team" (crm.default_team_id), if it still exists."""
        raw = self.env["ir.config_parameter"].sudo().get_param("crm.default_team_id", False)
        if not raw or not str(raw).isdigit():
            return False
        return self.env["crm.team"].sudo().browse(int(raw)).exists().id or False

    # -- create and write ------------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if not all(isinstance(vals, dict) for vals in vals_list):
            return super().create(vals_list)  # the core reports the malformed item
        now = clock.utcnow()
        complete = [add_missing_defaults(self, vals) for vals in vals_list]
        teams = self._teams_of_users({v.get("user_id") for v in complete if v.get("user_id")})
        default_team = self._default_team_setting()
        stages: dict[Any, Any] = {}
        prepared = []
        for vals in complete:
            vals = dict(vals)
            if vals.get("user_id") and not vals.get("team_id"):
                vals["team_id"] = teams.get(self._id_of(vals["user_id"])) or False
            if not vals.get("team_id") and default_team:
                vals["team_id"] = default_team
            if not vals.get("stage_id"):
                team = self._id_of(vals.get("team_id"))
                if team not in stages:
                    stages[team] = self._stage_find(team, [("fold", "=", False)]) or self._stage_find(team)
                vals["stage_id"] = stages[team].id or False
            if vals.get("user_id"):
                vals.setdefault("date_open", now)
            vals.setdefault("date_last_stage_update", now)
            prepared.append(vals)
        won_stages = set(self.env["crm.stage"].search([("is_won", "=", True)]).ids)
        for vals in prepared:
            if self._id_of(vals.get("stage_id")) in won_stages:
                vals["probability"] = WON_PROBABILITY
                vals.setdefault("date_closed", now)
        leads = super().create(prepared)
        leads._open_stage_history(prepared, now)
        # probabilities given on create stay what they were given, whatever team the assignment picks
        given = [lead.id for lead, vals in zip(leads, prepared) if SCORING_GIVEN & set(vals)]
        leads.with_context(crm_scoring_given=given)._assign_on_create()
        return leads

    def _open_stage_history(self, vals_list: list[dict[str, Any]], now: Any) -> None:
        """The first row of each new lead's stage history; the history is the system's bookkeeping, written
        whoever creates the lead (salespersons only read it)."""
        rows = [{"lead_id": lead.id, "stage_id": self._id_of(vals["stage_id"]), "date_in": now,
                 "team_id": self._id_of(vals.get("team_id")), "user_id": self._id_of(vals.get("user_id"))}
                for lead, vals in zip(self, vals_list)
                if vals.get("stage_id") and "stage_history_ids" not in vals]
        if rows:
            self.env["crm.lead.stage.history"].sudo().create(rows)

    @staticmethod
    def _id_of(value: Any) -> int | bool:
        if hasattr(value, "_ids"):
            return value.id or False
        if isinstance(value, (list, tuple)) and value:
            value = value[0]
        return int(value) if value else False

    def _teams_of_users(self, user_ids: set[Any]) -> dict[int, int]:
        ids = sorted({self._id_of(u) for u in user_ids} - {False})
        users = self.env["res.users"].sudo().browse(ids)
        return {user.id: user.sale_team_id.id for user in users}

    def write(self, vals: dict[str, Any]) -> bool:
        if not isinstance(vals, dict) or not self:
            return super().write(vals)
        vals = dict(vals)
        now = clock.utcnow()
        if vals.get("user_id"):
            vals.setdefault("date_open", now)
        if "stage_id" in vals:
            vals.setdefault("date_last_stage_update", now)
        moving = {"stage_id", "team_id", "user_id"} & set(vals)
        old_stage = {lead.id: lead.stage_id.id for lead in self} if moving else {}
        for records, group_vals in self._split_write(vals, now):
            super(CrmLead, records).write(group_vals)
        if old_stage:
            self._log_stage_changes(old_stage, now)
        self._refresh_scoring(changed=set(vals))
        return True

    def _split_write(self, vals: dict[str, Any], now: Any) -> list[tuple[Any, dict[str, Any]]]:
        """The write as groups of leads sharing the same final values: a new salesperson may bring a
        new team, a new team a new stage, and leaving a won stage restores each lead's probability."""
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        extras: dict[tuple[Any, ...], dict[str, Any]] = {}
        teams = self._teams_of_users({vals["user_id"]}) if vals.get("user_id") else {}
        stage_cache: dict[Any, Any] = {}
        won_ids = set(self.env["crm.stage"].search([("is_won", "=", True)]).ids)
        for lead in self:
            extra: dict[str, Any] = {}
            if vals.get("user_id") and "team_id" not in vals:
                user_teams = self.env["res.users"].sudo().browse(self._id_of(vals["user_id"])).crm_team_ids
                if lead.team_id not in user_teams:
                    extra["team_id"] = teams.get(self._id_of(vals["user_id"])) or lead.team_id.id or False
            team_id = self._id_of(vals["team_id"]) if "team_id" in vals else extra.get("team_id",
                                                                                       lead.team_id.id)
            stage = lead.stage_id
            if "stage_id" not in vals and stage.team_id and stage.team_id.id != team_id:
                if team_id not in stage_cache:
                    stage_cache[team_id] = self._stage_find(team_id, [("fold", "=", False)])
                extra["stage_id"] = stage_cache[team_id].id or False
            new_stage = self._id_of(vals["stage_id"]) if "stage_id" in vals else extra.get("stage_id",
                                                                                           stage.id)
            if new_stage != stage.id:
                extra.update(self._stage_change_values(lead, new_stage in won_ids, now))
            key = tuple(sorted(extra.items()))
            groups[key].append(lead.id)
            extras[key] = extra
        return [(self.browse(ids), {**extras[key], **vals} if not extras[key] else {**vals, **extras[key]})
                for key, ids in groups.items()]

    def _stage_change_values(self, lead: Any, to_won: bool, now: Any) -> dict[str, Any]:
        if to_won:
            return {"probability": WON_PROBABILITY, "date_closed": now, "date_last_stage_update": now}
        if lead.won_status == "won":
            return {"probability": lead.automated_probability or 0.0, "date_closed": False,
                    "date_last_stage_update": now}
        return {"date_last_stage_update": now}

    def _log_stage_changes(self, old_stage: dict[int, int], now: Any) -> None:
        """Close the history row of the stage each lead left and open one for the stage it entered."""
        moved = self.filtered(lambda lead: lead.stage_id.id != old_stage.get(lead.id))
        if not moved:
            return
        History = self.env["crm.lead.stage.history"].sudo()
        History.search([("lead_id", "in", moved.ids), ("date_out", "=", False)]).write({"date_out": now})
        History.create([{"lead_id": lead.id, "stage_id": lead.stage_id.id, "date_in": now,
                         "team_id": lead.team_id.id or False, "user_id": lead.user_id.id or False}
                        for lead in moved if lead.stage_id])

    # -- won, lost, restore ----------------------------------------------------------------
    @public
    def action_set_won(self) -> bool:
        """Move each lead to the won stage of its team, at 100% probability."""
        for team_id, leads in self._by_team().items():
            stage = self._stage_find(team_id, [("is_won", "=", True)])
            if not stage:
                raise UserError(_("There is no won stage for the team of %(lead)s: mark a stage as won "
                                  "first.", lead=leads[0].name))
            leads.write({"stage_id": stage.id, "probability": WON_PROBABILITY})
        return True

    @public
    def action_set_won_rainbowman(self) -> bool:
        """Odoo's button name for action_set_won."""
        return self.action_set_won()

    @public
    def action_set_lost(self, **additional_values: Any) -> bool:
        """Archive the leads at 0% probability; ``lost_reason_id`` and other values may be given."""
        reason = additional_values.get("lost_reason_id")
        if reason and not self.env["crm.lost.reason"].browse(self._id_of(reason)).exists():
            raise ValidationError(_("Invalid value %(value)r for field %(field)s: no such lost reason.",
                                    value=reason, field="'Lost Reason' (lost_reason_id)"),
                                  field="lost_reason_id")
        self.write({"active": False, "probability": 0.0, "date_closed": clock.utcnow(), **additional_values})
        return True

    @public
    def action_restore(self) -> bool:
        """Bring lost leads back: active again, without a lost reason, at their automated probability."""
        for lead in self.with_context(active_test=False):
            lead.write({"active": True, "lost_reason_id": False, "date_closed": False,
                        "probability": lead.automated_probability or 0.0})
        return True

    @public
    def action_unarchive(self) -> bool:
        return self.action_restore()

    @public
    def toggle_active(self) -> bool:
        """Archive active leads (lost without reason) and restore archived ones."""
        active = self.filtered("active")
        if active:
            active.action_set_lost()
        (self - active).action_restore()
        return True

    def _by_team(self) -> dict[int | bool, Any]:
        groups: dict[int | bool, list[int]] = defaultdict(list)
        for lead in self:
            groups[lead.team_id.id or False].append(lead.id)
        return {team: self.browse(ids) for team, ids in groups.items()}


@model("crm.lead.stage.history")
class CrmLeadStageHistory:
    def _compute_duration_days(self) -> None:
        for row in self:
            if row.date_in and row.date_out:
                row.duration_days = round((row.date_out - row.date_in).total_seconds() / 86400, 2)
            else:
                row.duration_days = False


@model("crm.lost.reason")
class CrmLostReason:
    def _compute_leads_count(self) -> None:
        groups = self.env["crm.lead"].with_context(active_test=False).read_group(
            [("lost_reason_id", "in", self.ids)], ["lost_reason_id"], ["lost_reason_id"])
        counts = {g["lost_reason_id"][0]: g["lost_reason_id_count"] for g in groups if g["lost_reason_id"]}
        for reason in self:
            reason.leads_count = counts.get(reason.id, 0)
