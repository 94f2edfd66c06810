"""Followers: visible to whoever may read the document they follow, and to the follower."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.mail.models.mail_access import document_condition
from core import model


@model("mail.followers")
class MailFollowers:
    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """Reading: the user's own followings and those of documents the user may read."""
        if operation != "read":
            return None
        documents = document_condition(self.env, table.c.res_model, table.c.res_id)
        if documents is None:
            return None
        return sa.or_(table.c.partner_id == self.env.user.partner_id.id, documents)

    def _compute_display_name(self) -> None:
        for follower in self:
            follower.display_name = follower.partner_id.display_name or ""
