"""Tracked changes: readable with their message; shown as text in the user's language."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.mail.models.mail_access import sees_everything
from core import _, model
from core.i18n import translate


@model("mail.tracking.value")
class MailTrackingValue:
    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """Reading: only the values of messages the user may read."""
        if operation != "read" or sees_everything(self.env):
            return None
        messages = self.env["mail.message"]._subquery_ids([])
        return table.c.mail_message_id.in_(messages)

    def _compute_display_values(self) -> None:
        names = self._current_names()
        for value in self:
            value.old_value_display = value._display_value("old", names)
            value.new_value_display = value._display_value("new", names)

    def _current_names(self) -> dict[tuple[str, int], str]:
        """Names of the records many2one changes point to, read now in the reader's language (a stage
        renamed or translated shows as it is called today); one read per comodel."""
        wanted: dict[str, set[int]] = {}
        for value in self.filtered(lambda v: v.field_type == "many2one" and v.field_id):
            comodel = value.field_id.sudo().relation
            if comodel in self.env:
                ids = {value.old_value_integer, value.new_value_integer} - {0, None}
                wanted.setdefault(comodel, set()).update(ids)
        names: dict[tuple[str, int], str] = {}
        for comodel, ids in wanted.items():
            for record_id, name in self.env[comodel].sudo().browse(sorted(ids)).exists().name_get():
                names[(comodel, record_id)] = name
        return names

    def _display_value(self, prefix: str, names: dict[tuple[str, int], str] | None = None) -> str:
        kind = self.field_type
        if kind == "many2one" and names and self.field_id:
            current = names.get((self.field_id.sudo().relation, self[f"{prefix}_value_integer"]))
            if current:
                return current
        if kind == "selection":
            return translate(self[f"{prefix}_value_char"] or "", self.env.lang)
        if kind == "boolean":
            return _("Yes") if self[f"{prefix}_value_integer"] else _("No")
        if kind == "integer":
            return str(self[f"{prefix}_value_integer"] or 0)
        if kind in ("float", "monetary"):
            amount = self[f"{prefix}_value_float"] or 0.0
            if kind == "monetary" and self.currency_id:
                return self.currency_id.format(amount)
            return f"{amount:g}"
        if kind in ("date", "datetime"):
            value = self[f"{prefix}_value_datetime"]
            if not value:
                return ""
            return value.date().isoformat() if kind == "date" else value.strftime("%Y-%m-%d %H:%M:%S")
        return self[f"{prefix}_value_char"] or ""
