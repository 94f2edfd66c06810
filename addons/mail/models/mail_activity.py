"""Activities: things to do on a record (call, meeting, to-do) by a user before a due date.

An activity is attached to any record of a model declared ``activities: true`` (res_model, res_id).
Its state is computed in the assigned user's time zone; marking it done posts it in the record's
chatter and deletes it. Access follows the document: an activity is visible with its document, and
changed by whoever may change the document, or by its assignee when they may read it.
"""
from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from typing import Any

import nh3
import pytz
import sqlalchemy as sa
from dateutil.relativedelta import relativedelta
from icalendar import Calendar, Event, vCalAddress, vText
from markupsafe import Markup, escape

from core import _, clock, model, public
from core.domain.parse import OR_
from core.exceptions import AccessError, UserError, ValidationError

STATES = ("overdue", "today", "planned")
DELAY_UNITS = ("days", "weeks", "months")


def today_in(tz_name: str | None) -> dt.date:
    """Today's date in time zone ``tz_name`` (UTC when empty or unknown), by core.clock."""
    try:
        zone = pytz.timezone(tz_name) if tz_name else pytz.utc
    except pytz.UnknownTimeZoneError:
        zone = pytz.utc
    return pytz.utc.localize(clock.utcnow()).astimezone(zone).date()


def deadline_state(deadline: dt.date | None, today: dt.date) -> str | bool:
    if not deadline:
        return False
    if deadline < today:
        return "overdue"
    return "today" if deadline == today else "planned"


def type_deadline(activity_type: Any, start: dt.date) -> dt.date:
    """The due date of an activity of ``activity_type`` scheduled on ``start``."""
    if not activity_type or not activity_type.delay_count:
        return start
    unit = activity_type.delay_unit if activity_type.delay_unit in DELAY_UNITS else "days"
    return start + relativedelta(**{unit: activity_type.delay_count})


def check_state_leaf(operator: str, value: Any) -> list[Any]:
    """The states a state leaf asks for; ValidationError for another operator or an unknown state."""
    if operator not in ("=", "!=", "in", "not in"):
        raise ValidationError(_("Invalid operator %(operator)r for an activity state: use =, !=, in or "
                                "not in.", operator=operator))
    wanted = list(value) if isinstance(value, (list, tuple)) else [value]
    for state in wanted:
        if state and state not in STATES:
            raise ValidationError(_("Invalid activity state %(value)r: expected overdue, today or planned.",
                                    value=state))
    return wanted


@model("mail.activity")
class MailActivity:
    # -- computes --------------------------------------------------------------------------
    def _compute_state(self) -> None:
        today_of: dict[int, dt.date] = {}
        for activity in self:
            user = activity.user_id.sudo()
            if user.id not in today_of:
                today_of[user.id] = today_in(user.tz if user else None)
            activity.state = deadline_state(activity.date_deadline, today_of[user.id])

    def _search_state(self, operator: str, value: Any) -> list[Any]:
        """Exact in every user's own time zone: one (users, due date) clause per time zone in use."""
        wanted = check_state_leaf(operator, value)
        by_tz: dict[str, list[int]] = defaultdict(list)
        for user in self.env["res.users"].sudo().with_context(active_test=False).search([]):
            by_tz[user.tz or "UTC"].append(user.id)
        comparison = {"overdue": "<", "today": "=", "planned": ">"}
        clauses = [[("user_id", "in", user_ids), ("date_deadline", comparison[state],
                                                  today_in(tz).isoformat())]
                   for tz, user_ids in by_tz.items() for state in wanted if state]
        domain = OR_(clauses) if clauses else [(0, "=", 1)]
        return ["!", *domain] if operator in ("!=", "not in") else domain

    def _compute_res_name(self) -> None:
        by_model: dict[str, set[int]] = defaultdict(set)
        for activity in self:
            if activity.res_model in self.env and activity.res_id:
                by_model[activity.res_model].add(activity.res_id)
        names: dict[tuple[str, int], str] = {}
        for model_name, ids in by_model.items():
            for record_id, name in self.env[model_name].sudo().browse(sorted(ids)).exists()._display_names():
                names[(model_name, record_id)] = name
        for activity in self:
            activity.res_name = names.get((activity.res_model, activity.res_id), False)

    def _compute_display_name(self) -> None:
        for activity in self:
            activity.display_name = activity.summary or activity.activity_type_id.name or ""

    def _compute_can_write(self) -> None:
        targets = [(a.res_model, a.res_id) for a in self.sudo()]
        writable = self._documents_allowed("write", targets)
        readable = self._documents_allowed("read", targets)
        for activity in self:
            key = (activity.res_model, activity.res_id)
            activity.can_write = key in writable or activity.user_id.id == self.env.uid and key in readable

    # -- access follows the document -------------------------------------------------------
    def _sees_everything(self) -> bool:
        return self.env.su or self.env.user.has_group("base.group_system")

    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """Reading: the activity's document is readable (as SQL, so searches, counts and groups agree)."""
        if operation != "read" or self._sees_everything():
            return None
        documents = []
        for name, cls in self.env.registry.models.items():
            if cls._abstract or "activity_ids" not in cls._fields:
                continue
            records = self.env[name].with_context(active_test=False)
            if records.check_access_rights("read", raise_exception=False):
                documents.append(sa.and_(table.c.res_model == name,
                                         table.c.res_id.in_(records._subquery_ids([]))))
        visible = sa.or_(*documents) if documents else sa.false()
        return visible

    def _documents_allowed(self, operation: str, targets: list[tuple[str, int]]) -> set[tuple[str, int]]:
        """The (model, id) documents among ``targets`` on which the user may ``operation``."""
        by_model: dict[str, set[int]] = defaultdict(set)
        for res_model, res_id in targets:
            by_model[res_model].add(res_id)
        allowed: set[tuple[str, int]] = set()
        for res_model, ids in by_model.items():
            if res_model not in self.env:
                continue
            records = self.env[res_model].with_context(active_test=False)
            if self.env.su:
                allowed.update((res_model, i) for i in ids)
                continue
            if not records.check_access_rights(operation, raise_exception=False):
                continue
            table = records._table
            statement = sa.select(table.c.id).where(table.c.id.in_(sorted(ids)))
            rule = records._rule_condition(operation, table)
            if rule is not None:
                statement = statement.where(rule)
            allowed.update((res_model, row[0]) for row in self.env.cr.execute(statement))
        return allowed

    def _check_documents(self, operation: str, targets: list[tuple[str, int, int]]) -> None:
        """AccessError unless the user may ``operation`` activities on the ``targets`` (model, id,
        assignee): the document writable, or readable when the activity is the user's own."""
        if self.env.su:
            return
        pairs = [(m, i) for m, i, _user in targets]
        writable = self._documents_allowed("write", pairs)
        readable = self._documents_allowed("read", pairs)
        for res_model, res_id, user_id in targets:
            key = (res_model, res_id)
            if key in writable or user_id == self.env.uid and key in readable:
                continue
            description = self.env[res_model]._description if res_model in self.env else res_model
            raise AccessError(_("You are not allowed to %(operation)s activities of this %(document)s record "
                                "(%(model)s, %(id)s).", operation=_(operation), document=description,
                                model=res_model, id=res_id))

    def _targets(self) -> list[tuple[str, int, int]]:
        return [(a.res_model, a.res_id, a.user_id.id) for a in self.sudo()]

    # -- CRUD ------------------------------------------------------------------------------
    def _prepare_documents(self, vals_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Fill res_model and res_model_id from each other and check the documents exist, in a few
        queries for the whole batch."""
        models = self.env["ir.model"].sudo().search_read([], ["model"])
        name_of = {row["id"]: row["model"] for row in models}
        id_of = {row["model"]: row["id"] for row in models}
        prepared, wanted = [], defaultdict(set)
        for vals in vals_list:
            vals = dict(vals)
            if vals.get("res_model_id") and not vals.get("res_model"):
                vals["res_model"] = name_of.get(self._id_of(vals["res_model_id"])) or False
            elif vals.get("res_model"):
                if vals["res_model"] not in id_of:
                    raise ValidationError(_("Invalid value %(value)r for field 'Related Document Model' "
                                            "(res_model): no such model.", value=vals["res_model"]),
                                          field="res_model")
                vals["res_model_id"] = id_of[vals["res_model"]]
            res_model = vals.get("res_model")
            if res_model and (res_model not in self.env or "activity_ids" not in self.env[res_model]._fields):
                raise ValidationError(_("Model %(model)s does not have activities: declare it with "
                                        "'activities: true'.", model=res_model), field="res_model_id")
            if res_model and vals.get("res_id"):
                wanted[res_model].add(self._id_of(vals["res_id"]))
            prepared.append(vals)
        self._check_documents_exist(wanted)
        return prepared

    def _check_documents_exist(self, wanted: dict[str, set[int]]) -> None:
        for res_model, ids in wanted.items():
            records = self.env[res_model].sudo().with_context(active_test=False).browse(sorted(ids))
            missing = sorted(ids - set(records.exists().ids))
            if missing:
                message = _("Invalid value %(value)r for field 'Related Document ID' (res_id): there is no "
                            "%(model)s record with this id.", value=missing[0], model=res_model)
                raise ValidationError(message, field="res_id")

    @staticmethod
    def _id_of(value: Any) -> int:
        if hasattr(value, "_ids"):
            return value.id
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(_("Invalid id %(value)r.", value=value)) from None

    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if not all(isinstance(vals, dict) for vals in vals_list):
            return super().create(vals_list)  # the core reports the malformed item
        prepared = self._prepare_documents(vals_list)
        types = self.env["mail.activity.type"].sudo()
        for vals in prepared:
            if vals.get("activity_type_id") and not vals.get("date_deadline"):
                vals["date_deadline"] = type_deadline(types.browse(self._id_of(vals["activity_type_id"])),
                                                      clock.today())
        self._check_documents("create", [(v.get("res_model"), self._id_of(v.get("res_id") or 0),
                                          self._id_of(v.get("user_id") or self.env.uid)) for v in prepared])
        activities = super().create(prepared)
        activities._subscribe_assignees()
        return activities

    def write(self, vals: dict[str, Any]) -> bool:
        self._check_documents("write", self._targets())
        if isinstance(vals, dict) and {"res_model", "res_model_id", "res_id"} & set(vals):
            vals = self._prepare_documents([vals])[0]
            self._check_documents("write", [(vals.get("res_model") or a.res_model,
                                             self._id_of(vals.get("res_id") or a.res_id), a.user_id.id)
                                            for a in self.sudo()])
        result = super().write(vals)
        if isinstance(vals, dict) and vals.get("user_id"):
            self._subscribe_assignees()
        return result

    def unlink(self) -> bool:
        self._check_documents("unlink", self._targets())
        return super().unlink()

    def _subscribe_assignees(self) -> None:
        """The assignees follow the documents, so they hear what happens next (one call per group)."""
        groups: dict[tuple[str, tuple[int, ...]], list[int]] = defaultdict(list)
        by_record: dict[tuple[str, int], set[int]] = defaultdict(set)
        for activity in self.sudo():
            if activity.user_id.partner_id:
                by_record[(activity.res_model, activity.res_id)].add(activity.user_id.partner_id.id)
        for (res_model, res_id), partners in by_record.items():
            groups[(res_model, tuple(sorted(partners)))].append(res_id)
        for (res_model, partners), res_ids in groups.items():
            records = self.env[res_model].sudo().browse(res_ids)
            if hasattr(records, "message_subscribe"):
                records.message_subscribe(partner_ids=list(partners))

    # -- completing ------------------------------------------------------------------------
    @public
    def action_feedback(self, feedback: str | bool = False,
                        attachment_ids: list[int] | None = None) -> int | bool:
        """Mark the activities done: each is logged in its record's chatter (with ``feedback``) and
        deleted. The id of the first message posted."""
        messages = self._action_done(feedback or None, attachment_ids)
        return messages[0] if messages else False

    @public
    def action_done(self) -> int | bool:
        """Mark the activities done without feedback; the id of the first message posted."""
        return self.action_feedback()

    @public
    def action_done_open_document(self) -> dict[str, Any]:
        """Mark the activity done with the feedback written on it; the window action of its document
        (what a form button needs: the activity itself is gone)."""
        self.ensure_one()
        document = self.action_open_document()
        self.action_feedback(feedback=self.feedback or False)
        return document

    @public
    def action_open_document(self) -> dict[str, Any]:
        """The window action showing the activity's document."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form", "name": self.res_name or "", "context": {}}

    def _action_done(self, feedback: str | None = None, attachment_ids: list[int] | None = None) -> list[int]:
        self._check_documents("write", self._targets())
        message_ids: list[int] = []
        for activity in self.sudo():
            # rights were checked above, on the activity; posting is part of completing it
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            if not hasattr(record, "message_post"):
                raise UserError(_("Model %(model)s has no chatter to log the done activity in.",
                                  model=activity.res_model))
            extra: dict[str, Any] = {"attachment_ids": list(attachment_ids)} if attachment_ids else {}
            if activity.activity_type_id:
                extra["mail_activity_type_id"] = activity.activity_type_id.id
            message_ids.append(record.message_post(body=activity._done_body(feedback),
                                                   message_type="notification",
                                                   subtype_xmlid="mail.mt_activities", **extra))
        self.sudo().unlink()
        return message_ids

    def _done_body(self, feedback: str | None) -> Markup:
        kind = self.activity_type_id.name or _("Activity")
        title = escape(kind) + (Markup(": ") + escape(self.summary) if self.summary else Markup(""))
        body = Markup('<div class="o_mail_activity_done"><p><b>%s</b> %s</p>') % (title, _("done"))
        if self.note:
            body += Markup('<div class="o_mail_activity_note">%s</div>') % Markup(self.note)
        if feedback:
            body += Markup("<p><b>%s</b> %s</p>") % (_("Feedback:"), feedback)
        return body + Markup("</div>")

    # -- calendars -------------------------------------------------------------------------
    @public
    def action_export_ics(self) -> str:
        """The meetings among these activities as an iCalendar (.ics) document."""
        meetings = self.filtered(lambda a: a.activity_type_id.category == "meeting")
        if not meetings:
            raise UserError(_("None of the selected activities is a meeting: only meetings can be exported "
                              "to a calendar."))
        return activities_to_ics(meetings)


def activities_to_ics(activities: Any) -> str:
    """An iCalendar document with one all-day event per activity, in the order given."""
    calendar = Calendar()
    calendar.add("prodid", "-//ERP Suite//Activities//EN")
    calendar.add("version", "2.0")
    stamp = pytz.utc.localize(clock.utcnow())
    database = activities.env.registry.db_name
    for activity in activities.sudo():
        event = Event()
        event.add("uid", f"mail.activity-{activity.id}@{database}")
        event.add("dtstamp", stamp)
        event.add("dtstart", activity.date_deadline)
        event.add("dtend", activity.date_deadline + dt.timedelta(days=1))
        event.add("summary", activity.summary or activity.activity_type_id.name or activity.res_name or "")
        details = [activity.res_name or "", html_to_text(activity.note)]
        event.add("description", "\n\n".join(part for part in details if part))
        user = activity.user_id
        if user.email:
            organizer = vCalAddress(f"mailto:{user.email}")
            organizer.params["cn"] = vText(user.name or user.email)
            event.add("organizer", organizer)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def html_to_text(value: str | bool) -> str:
    """The text of an HTML fragment, without tags and entities."""
    if not value:
        return ""
    text = nh3.clean(str(value).replace("</p>", "</p>\n").replace("<br>", "\n"), tags=set())
    return html.unescape(text).strip()
