"""Messages: readable by whoever may read their document (see mail_access.py); written by their author."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from addons.mail.models.mail_access import document_condition, is_share_user
from core import _, model
from core.exceptions import AccessError


@model("mail.message")
class MailMessage:
    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        if operation != "read":
            return None
        documents = document_condition(self.env, table.c.model, table.c.res_id)
        if documents is None:
            return None
        partner = self.env.user.partner_id.id
        recipients = self.env.registry.relation_table(self._fields["partner_ids"])
        visible = sa.or_(table.c.author_id == partner,
                         table.c.id.in_(sa.select(recipients.c.mail_message_id)
                                        .where(recipients.c.res_partner_id == partner)),
                         documents)
        if is_share_user(self.env):
            visible = sa.and_(visible, sa.or_(table.c.is_internal.is_(None), table.c.is_internal.is_(False)))
        return visible

    def create(self, vals_list: Any) -> Any:
        if not self.env.su:
            vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
            vals_list = [self._check_document_post(vals) for vals in vals_list]
        return super().create(vals_list)

    def _check_document_post(self, vals: Any) -> Any:
        """A message written directly (not through message_post) obeys the same rights on its document."""
        if not isinstance(vals, dict):
            return vals
        vals = dict(vals)
        vals.setdefault("author_id", self.env.user.partner_id.id)
        model_name, res_id = vals.get("model"), vals.get("res_id")
        if model_name and res_id:
            if model_name not in self.env:
                raise AccessError(_("You cannot post on %(model)s: it does not exist.", model=model_name))
            document = self.env[model_name].browse(res_id)
            operation = getattr(document, "_mail_post_access", "write")
            document.check_access_rights(operation)
            document.check_access_rule(operation)
        return vals

    def _compute_display_name(self) -> None:
        for message in self:
            message.display_name = message.subject or message.record_name or f"#{message.id}"
