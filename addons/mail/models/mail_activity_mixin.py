"""The activity mixin: what every model declared ``activities: true`` gets (activity_ids, the
most urgent state, deadline, user and type, searchable, and the scheduling helpers)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from addons.mail.models.mail_activity import STATES, check_state_leaf, deadline_state, today_in, type_deadline
from core import _, clock, model, public
from core.domain.parse import AND_, OR_
from core.exceptions import ValidationError


@model("mail.activity.mixin")
class MailActivityMixin:
    """Fields and helpers of every model declared ``activities: true``."""

    def _compute_activity_fields(self) -> None:
        today_of: dict[int, dt.date] = {}
        for record in self:
            activities = record.activity_ids
            state: str | bool = False
            for activity in activities:
                user = activity.user_id
                if user.id not in today_of:
                    today_of[user.id] = today_in(user.sudo().tz if user else None)
                current = deadline_state(activity.date_deadline, today_of[user.id])
                if current and (not state or STATES.index(current) < STATES.index(state)):
                    state = current
            first = activities[:1]  # activities come ordered by due date
            record.activity_state = state
            record.activity_date_deadline = first.date_deadline if first else False
            record.activity_user_id = first.user_id
            record.activity_type_id = first.activity_type_id
            record.activity_type_icon = first.activity_type_id.icon if first else False
            record.activity_summary = first.summary if first else False

    def _compute_my_activity_date_deadline(self) -> None:
        for record in self:
            mine = record.activity_ids.filtered(lambda a: a.user_id.id == self.env.uid)
            record.my_activity_date_deadline = min(mine.mapped("date_deadline")) if mine else False

    def _search_activity_state(self, operator: str, value: Any) -> list[Any]:
        """Records whose most urgent activity is in the state(s) ``value`` (False: no activity)."""
        clauses = []
        for state in check_state_leaf(operator, value):
            if not state:
                clauses.append([("activity_ids", "=", False)])
                continue
            more_urgent = list(STATES[:STATES.index(state)])
            clause = [("activity_ids", "any", [("state", "=", state)])]
            if more_urgent:
                clause.append(("activity_ids", "not any", [("state", "in", more_urgent)]))
            clauses.append(clause)
        domain = OR_(clauses) if clauses else [(0, "=", 1)]
        return ["!", *domain] if operator in ("!=", "not in") else domain

    def _search_activity_date_deadline(self, operator: str, value: Any) -> list[Any]:
        if operator == "=" and not value:
            return [("activity_ids", "=", False)]
        return [("activity_ids.date_deadline", operator, value)]

    def _search_activity_user_id(self, operator: str, value: Any) -> list[Any]:
        return [("activity_ids.user_id", operator, value)]

    def _search_activity_type_id(self, operator: str, value: Any) -> list[Any]:
        return [("activity_ids.activity_type_id", operator, value)]

    def _search_activity_summary(self, operator: str, value: Any) -> list[Any]:
        return [("activity_ids.summary", operator, value)]

    def _search_my_activity_date_deadline(self, operator: str, value: Any) -> list[Any]:
        return [("activity_ids", "any", AND_([[("user_id", "=", self.env.uid)],
                                              [("date_deadline", operator, value)]]))]

    # -- scheduling ------------------------------------------------------------------------
    def activity_schedule(self, act_type_xmlid: str = "", date_deadline: Any = None, summary: str = "",
                          note: str = "", **act_values: Any) -> Any:
        """Schedule one activity on each record; the activities created.

        The type comes from ``act_type_xmlid`` (e.g. ``mail.mail_activity_data_call``) or
        ``activity_type_id``; without a due date, the type's delay from today gives it."""
        if not self:
            return self.env["mail.activity"]
        activity_type = self.env["mail.activity.type"].sudo().browse()
        if act_type_xmlid:
            activity_type = self.env.ref(act_type_xmlid).sudo()
        elif act_values.get("activity_type_id"):
            activity_type = activity_type.browse(int(act_values["activity_type_id"])).exists()
        if activity_type and activity_type.res_model and activity_type.res_model != self._name:
            raise ValidationError(_("The activity type %(type)s is for %(model)s records only.",
                                    type=activity_type.name, model=activity_type.res_model),
                                  field="activity_type_id")
        model_id = self.env["ir.model"].sudo().search([("model", "=", self._name)], limit=1).id
        deadline = date_deadline or type_deadline(activity_type, clock.today())
        user_id = act_values.pop("user_id", None) or activity_type.default_user_id.id or self.env.uid
        values = {"res_model_id": model_id, "res_model": self._name,
                  "activity_type_id": activity_type.id or False,
                  "date_deadline": deadline, "summary": summary or activity_type.summary or False,
                  "note": note or activity_type.default_note or False, "user_id": user_id, **act_values}
        return self.env["mail.activity"].create([{**values, "res_id": record.id} for record in self])

    @public
    def action_schedule_activity(self, activity_type_id: int | bool = False, date_deadline: Any = None,
                                 summary: str = "", note: str = "", user_id: int | bool = False) -> list[int]:
        """Schedule an activity on each record (RPC-friendly form of activity_schedule); the new ids."""
        extra: dict[str, Any] = {"activity_type_id": activity_type_id} if activity_type_id else {}
        if user_id:
            extra["user_id"] = user_id
        return self.activity_schedule(date_deadline=date_deadline, summary=summary, note=note, **extra).ids

    def _activities_of(self, act_type_xmlids: list[str] | str, user_id: int | None = None) -> Any:
        xmlids = [act_type_xmlids] if isinstance(act_type_xmlids, str) else list(act_type_xmlids)
        types = [self.env.ref(x, raise_if_not_found=False) for x in xmlids]
        domain: list[Any] = [("res_model", "=", self._name), ("res_id", "in", self.ids),
                             ("activity_type_id", "in", [t.id for t in types if t is not None])]
        if user_id:
            domain.append(("user_id", "=", user_id))
        return self.env["mail.activity"].search(domain)

    def activity_feedback(self, act_type_xmlids: list[str] | str, user_id: int | None = None,
                          feedback: str | None = None) -> bool:
        """Mark done the activities of these types on the records (optionally of one user)."""
        activities = self._activities_of(act_type_xmlids, user_id)
        if activities:
            activities.action_feedback(feedback=feedback or False)
        return True

    def activity_unlink(self, act_type_xmlids: list[str] | str, user_id: int | None = None) -> bool:
        """Delete the activities of these types on the records (optionally of one user)."""
        self._activities_of(act_type_xmlids, user_id).unlink()
        return True
