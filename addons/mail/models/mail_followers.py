"""Followers: visible to whoever may read the document they follow, and to the follower."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.mail.models.mail_access import combine, document_condition
from core import model


@model("mail.followers")
class MailFollowers:
    def _rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        condition = super()._rule_condition(operation, table)
        if operation != "read" or self.env.su:
            return condition
        documents = document_condition(self.env, table.c.res_model, table.c.res_id)
        if documents is None:
            return condition
        return combine(condition, sa.or_(table.c.partner_id == self.env.user.partner_id.id, documents))

    def _compute_display_name(self) -> None:
        for follower in self:
            follower.display_name = follower.partner_id.display_name or ""
