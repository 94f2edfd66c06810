"""The chatter under records of models declared ``chatter: true``: messages, tracked changes and
notes, through the public methods of the mail addon (message_ids, message_post)."""

from __future__ import annotations

from typing import Any

from core.i18n import translate
from core.records.environment import Environment
from core.records.model import BaseModel

MESSAGE_FIELDS = ("body", "author_id", "date", "message_type", "subtype_id", "tracking_value_ids")
TRACKING_FIELDS = (
    "field_desc",
    "field_id",
    "old_value_char",
    "new_value_char",
    "old_value_integer",
    "new_value_integer",
    "old_value_float",
    "new_value_float",
    "old_value_datetime",
    "new_value_datetime",
)


def has_chatter(env: Environment, model: BaseModel) -> bool:
    return bool(model._def.attrs.get("chatter")) and "message_ids" in model._fields and "mail.message" in env


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
    result = {}
    for row in Tracking.browse(ids).read(names):
        label = row.get("field_desc") or (row["field_id"][1] if row.get("field_id") else "")
        old = next(
            (row[k] for k in names if k.startswith("old_value") and row.get(k) not in (None, False)), ""
        )
        new = next(
            (row[k] for k in names if k.startswith("new_value") and row.get(k) not in (None, False)), ""
        )
        result[row["id"]] = {"label": translate(str(label)), "old": old, "new": new}
    return result


def post_note(env: Environment, model_name: str, record_id: int, body: str, note: bool) -> None:
    """Log a note (internal) or send a message on the record."""
    record = env[model_name].browse(record_id)
    subtype = "mail.mt_note" if note else "mail.mt_comment"
    record.message_post(body=body, message_type="comment", subtype_xmlid=subtype)
