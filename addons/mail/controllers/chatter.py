"""The chatter beside records of models declared ``chatter: true``: messages, tracked changes and
notes (read with the user's rights), the planned activities, and the composer's route."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from markupsafe import escape

from addons.mail.controllers.activities import safe_back
from addons.mail.controllers.activity_data import activities_data
from addons.mail.controllers.client import bp
from addons.mail.controllers.tracking_lines import TRACKING_FIELDS, tracking_line
from addons.mail.models.mail_thread_tracking import render_system_text
from core.exceptions import UserError, ValidationError
from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.request_env import flash, with_env

MESSAGE_FIELDS = ("body", "author_id", "date", "message_type", "subtype_id", "tracking_value_ids", "body_key",
                  "body_params")


def has_chatter(env: Environment, model: BaseModel) -> bool:
    return bool(model._def.attrs.get("chatter")) and "message_ids" in model._fields and "mail.message" in env


def chatter_panel(env: Environment, model: BaseModel, record_id: int, back: str) -> dict[str, Any] | None:
    """The form panel: the record's messages and activities (None when its model has no chatter)."""
    chatter = chatter_data(env, model, record_id)
    if chatter is None:
        return None
    return {
        **chatter,
        "activities": activities_data(env, model, record_id, back),
        "post_url": url_for("mail_client.post_message", model=model._name, record_id=record_id, back=back),
    }


def chatter_data(env: Environment, model: BaseModel, record_id: int) -> dict[str, Any] | None:
    """Messages of the record, newest first, with their tracked changes (None without chatter)."""
    if not has_chatter(env, model):
        return None
    record = model.browse(record_id)
    messages = record.message_ids
    Message = env["mail.message"]
    names = [n for n in MESSAGE_FIELDS if n in Message._fields]
    rows = messages.read(names) if messages else []
    tracking = _tracking(env, rows) if "tracking_value_ids" in names else {}
    for row in rows:
        if row.get("body_key"):  # written by the system: in the reader's language, not the writer's
            row["body"] = f"<p>{escape(render_system_text(row['body_key'], row.get('body_params')))}</p>"
        row["changes"] = [tracking[i] for i in row.get("tracking_value_ids") or () if i in tracking]
        row["author"] = row["author_id"][1] if row.get("author_id") else ""
        row["subtype"] = row["subtype_id"][1] if row.get("subtype_id") else ""
        row["is_note"] = row.get("message_type") == "comment" and "note" in row["subtype"].lower()
    rows.sort(key=lambda row: (row.get("date") or "", row["id"]), reverse=True)
    return {"messages": rows}


def _tracking(env: Environment, rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    ids = sorted({i for row in rows for i in row.get("tracking_value_ids") or ()})
    if not ids or "mail.tracking.value" not in env:
        return {}
    Tracking = env["mail.tracking.value"]
    names = [n for n in TRACKING_FIELDS if n in Tracking._fields]
    return {row["id"]: tracking_line(row) for row in Tracking.browse(ids).read(names)}


def _record_page(model: str, record_id: int) -> str:
    """Where the composer returns: the page it was on, else the record in its model's view."""
    if request.args.get("back"):
        return safe_back(request.args.get("back")) + "#chatter"
    return url_for("client.model_record", model=model, record_id=record_id) + "#chatter"


def _back_to_record(env: Environment, error: Exception, model: str, record_id: int) -> Any:
    flash(getattr(error, "message", str(error)), "error")
    return redirect(_record_page(model, record_id))


@bp.route("/data/<model>/<int:record_id>/message", methods=["POST"])
@with_env(recover=_back_to_record)
def post_message(env: Environment, model: str, record_id: int) -> Any:
    """Log a note (internal) or send a message on the record, then back to its page."""
    body = request.form.get("body", "").strip()
    if model not in env.registry.models or not has_chatter(env, env[model]):
        raise UserError(_("Records of %(model)s have no chatter.", model=model))
    if not body:
        raise ValidationError(_("Write something before posting."), field="body")
    record = env[model].browse(record_id)
    record.check_access_rule("read")
    subtype = "mail.mt_comment" if request.form.get("kind") == "message" else "mail.mt_note"
    record.message_post(body=body, message_type="comment", subtype_xmlid=subtype)
    return redirect(_record_page(model, record_id))
