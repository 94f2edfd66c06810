"""The audit trail of models with a chatter: creation, changes of ``tracking: true`` fields (old → new,
author, date) and deletion, each logged as a message. Every step works on the whole recordset: one
read of the old values, one insert of messages, one of tracking values, whatever the batch size.

The context keys ``tracking_disable`` (no trail at all), ``mail_create_nolog`` and
``mail_create_nosubscribe`` switch parts off, as in Odoo; installs and upgrades log nothing.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from addons.mail.models.mail_subtype_cache import partner_of, subtype_id
from core import clock, model
from core.i18n import translate
from core.records.environment import SUPERUSER_ID

SKIP_TYPES = ("binary", "image", "json", "html")


def _tracking_off(env: Any) -> bool:
    return bool(env.context.get("tracking_disable") or env.context.get("install_mode"))


@model("mail.thread")
class MailThreadTracking:
    # -- hooks of the record API -----------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        records = super().create(vals_list)
        if not records or _tracking_off(self.env):
            return records
        if not self.env.context.get("mail_create_nolog"):
            created = records._system_text("%(document)s created")
            records._log_messages({record.id: created for record in records})
        if not self.env.context.get("mail_create_nosubscribe") and self.env.uid != SUPERUSER_ID:
            records.sudo()._add_followers([partner_of(self.env)], records._default_subtypes(), new=True)
        return records

    def write(self, vals: dict[str, Any]) -> bool:
        fields = self._tracked_fields(vals) if self and not _tracking_off(self.env) else []
        if not fields or not all(isinstance(record_id, int) for record_id in self._ids):
            return super().write(vals)  # in-memory records of a form being edited: nothing to log
        before = self._track_snapshot(fields)
        result = super().write(vals)
        after = self._track_snapshot(fields)
        changes = {record_id: [(field, before[record_id][field.name], values[field.name]) for field in fields
                               if _changed(before[record_id][field.name], values[field.name])]
                   for record_id, values in after.items()}
        changes = {record_id: changed for record_id, changed in changes.items() if changed}
        if changes:
            self.browse(list(changes))._log_tracking(changes)
        return result

    def unlink(self) -> bool:
        if not self or _tracking_off(self.env):
            return super().unlink()
        fields = self._tracked_fields(None)
        before = self._track_snapshot(fields) if fields else {record_id: {} for record_id in self.ids}
        names = {record.id: record.display_name for record in self.sudo()}
        ids = list(self.ids)
        result = super().unlink()
        Message = self.env["mail.message"].sudo()
        Message.search([("model", "=", self._name), ("res_id", "in", ids)]).write({"is_orphan": True})
        deleted = self._system_text("%(document)s deleted")
        bodies = {record_id: deleted for record_id in ids}
        changes = {record_id: [(field, values[field.name], _empty(field)) for field in fields
                               if _changed(values[field.name], _empty(field))]
                   for record_id, values in before.items()}
        self._log_messages(bodies, changes, names=names, orphan=True)
        return result

    # -- what to track ---------------------------------------------------------------------
    def _tracked_fields(self, vals: dict[str, Any] | None) -> list[Any]:
        """Tracked fields a write of ``vals`` may change (all tracked fields when ``vals`` is None)."""
        cls = type(self)
        tracked = cls.__dict__.get("_tracked_fields_cache")
        if tracked is None:
            tracked = [f for f in self._fields.values() if f.tracking and f.type not in SKIP_TYPES]
            cls._tracked_fields_cache = tracked
        if vals is None:
            return list(tracked)
        return [f for f in tracked if f.name in vals or f.computed]

    def _track_snapshot(self, fields: list[Any]) -> dict[int, dict[str, Any]]:
        """Values of ``fields`` per record, read in batch, in a form that survives the write."""
        records = self.sudo().with_context(active_test=False)
        result: dict[int, dict[str, Any]] = {}
        for record in records:
            values: dict[str, Any] = {}
            for field in fields:
                value = record[field.name]
                if field.type == "many2one":
                    value = (value.id, value.display_name) if value else False
                elif field.type in ("one2many", "many2many"):
                    value = tuple((r.id, r.display_name) for r in value)
                elif field.type == "monetary":
                    currency = record[field.currency_field] if field.currency_field else False
                    value = (value, currency.id if currency else False)
                values[field.name] = value
            result[record.id] = values
        return result

    def _track_subtype(self, changes: dict[int, list[Any]]) -> str:
        """The subtype (external id) of the message logging ``changes``; models override it (a stage...)."""
        return "mail.mt_note"

    # -- writing the trail -----------------------------------------------------------------
    def _log_tracking(self, changes: dict[int, list[Any]]) -> None:
        self._log_messages({record_id: "" for record_id in changes}, changes)

    def _system_text(self, key: str) -> SystemText:
        """A message naming the model's document ("%(document)s created"), kept untranslated with its
        values so that each reader sees it in their own language (the chatter translates it)."""
        return SystemText(key, {"document": {"msgid": self._description or self._name}})

    def _log_messages(self, bodies: dict[int, str | SystemText], changes: dict[int, list[Any]] | None = None,
                      names: dict[int, str] | None = None, orphan: bool = False) -> None:
        """One notification per record (with its tracking values), all inserted at once; a body given
        as a SystemText is stored in the writer's language and with its key for other readers."""
        changes = changes or {}
        env = self.env
        subtype = subtype_id(env, self._track_subtype(changes) if changes else "mail.mt_note")
        author = partner_of(env)
        now = clock.utcnow()
        if names is None:
            names = {record.id: record.display_name for record in self.sudo().browse(list(bodies))}
        messages = env["mail.message"].sudo().create([{
            "model": self._name, "res_id": record_id, "body": f"<p>{_escape(str(body))}</p>" if body else "",
            "message_type": "notification", "subtype_id": subtype, "is_internal": True,
            "author_id": author, "date": now, "record_name": names.get(record_id) or False,
            "is_orphan": orphan,
            **({"body_key": body.key, "body_params": body.params} if isinstance(body, SystemText) else {}),
        } for record_id, body in bodies.items()])
        names_changed = {item[0].name for changed in changes.values() for item in changed}
        field_ids = self._tracking_field_ids(names_changed)
        values = []
        for message, record_id in zip(messages, bodies):
            for field, old, new in changes.get(record_id, ()):
                values.append(self._tracking_values(message.id, field, old, new, field_ids.get(field.name)))
        if values:
            env["mail.tracking.value"].sudo().create(values)

    def _tracking_field_ids(self, names: set[str]) -> dict[str, int]:
        if not names:
            return {}
        cache = self.env.cr.data.setdefault("mail_tracking_field_ids", {})
        missing = [name for name in names if (self._name, name) not in cache]
        if missing:
            rows = self.env["ir.model.fields"].sudo().search_read(
                [("model", "=", self._name), ("name", "in", missing)], ["name"])
            found = {row["name"]: row["id"] for row in rows}
            for name in missing:
                cache[(self._name, name)] = found.get(name)
        return {name: cache[(self._name, name)] for name in names if cache[(self._name, name)]}

    @staticmethod
    def _tracking_values(message_id: int, field: Any, old: Any, new: Any,
                         field_id: int | None) -> dict[str, Any]:
        values: dict[str, Any] = {"mail_message_id": message_id, "field_id": field_id or False,
                                  "field_desc": field.string, "field_type": field.type,
                                  "tracking_sequence": field.tracking if type(field.tracking) is int else 100}
        for prefix, value in (("old", old), ("new", new)):
            values.update(_typed_value(field, prefix, value))
        if field.type == "monetary":
            values["currency_id"] = (new[1] if isinstance(new, tuple) else False) or (
                old[1] if isinstance(old, tuple) else False)
        return values


class SystemText:
    """A message text the system writes: its untranslated ``key`` and the ``params`` of its placeholders
    (``{"msgid": text}`` for a value to translate too); str() is the text in the current language."""

    def __init__(self, key: str, params: dict[str, Any]) -> None:
        self.key, self.params = key, params

    def __str__(self) -> str:
        return render_system_text(self.key, self.params)

    def __bool__(self) -> bool:
        return True


def render_system_text(key: str, params: dict[str, Any] | None, lang: str | None = None) -> str:
    """``key`` filled with ``params`` in ``lang`` (default: the current one), the marked values translated."""
    values = {name: translate(value["msgid"], lang) if isinstance(value, dict) and "msgid" in value else value
              for name, value in (params or {}).items()}
    text = translate(key, lang)
    try:
        return text % values if values else text
    except (KeyError, TypeError, ValueError):  # a translation that lost a placeholder: the source text
        return key % values if values else key


def _typed_value(field: Any, prefix: str, value: Any) -> dict[str, Any]:
    kind = field.type
    if kind in ("integer", "boolean"):
        return {f"{prefix}_value_integer": int(value or 0)}
    if kind in ("float", "monetary"):
        amount = value[0] if isinstance(value, tuple) else value
        return {f"{prefix}_value_float": float(amount or 0.0)}
    if kind in ("date", "datetime"):
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        return {f"{prefix}_value_datetime": value or False}
    if kind == "many2one":
        return {f"{prefix}_value_integer": value[0] if value else 0,
                f"{prefix}_value_char": value[1] if value else ""}
    if kind in ("one2many", "many2many"):
        return {f"{prefix}_value_char": ", ".join(name for _id, name in value or ())}
    if kind == "selection":
        return {f"{prefix}_value_char": dict(field.selection).get(value, value or "") if value else ""}
    return {f"{prefix}_value_char": "" if value in (False, None) else str(value)}


def _comparable(value: Any) -> Any:
    """Values that mean "nothing" compare equal (False, None, empty string, no records)."""
    if value in (False, None, "", ()):
        return None
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return tuple(sorted(item[0] for item in value))
    if isinstance(value, tuple):
        return _comparable(value[0])
    return value


def _changed(old: Any, new: Any) -> bool:
    return _comparable(old) != _comparable(new)


def _empty(field: Any) -> Any:
    return () if field.type in ("one2many", "many2many") else False


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
