"""Tracked changes: readable with their message; shown as text in the user's language."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.mail.models.mail_access import sees_everything
from core import _, model


@model("mail.tracking.value")
class MailTrackingValue:
    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """Reading: only the values of messages the user may read."""
        if operation != "read" or sees_everything(self.env):
            return None
        messages = self.env["mail.message"]._subquery_ids([])
        return table.c.mail_message_id.in_(messages)

    def _compute_display_values(self) -> None:
        for value in self:
            value.old_value_display = value._display_value("old")
            value.new_value_display = value._display_value("new")

    def _display_value(self, prefix: str) -> str:
        kind = self.field_type
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
