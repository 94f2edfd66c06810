"""Who may read chatter rows: whoever may read the document they belong to.

Messages and followers point at their document by model name and id, which a record rule's domain
cannot follow; the condition is built here instead, as SQL: for each model with a chatter the user
may read, ``model = M AND res_id IN (the ids of M the user may read)``. Administrators read
everything, including the trail of deleted documents.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa


def sees_everything(env: Any) -> bool:
    return env.su or env.user.has_group("base.group_system")


def is_share_user(env: Any) -> bool:
    """Portal and public users, who never see internal notes nor logged changes."""
    return not env.su and not env.user.has_group("base.group_user")


def document_condition(env: Any, model_column: Any, id_column: Any) -> Any:
    """SQL condition: the row's document is one the user may read (None: no restriction)."""
    if sees_everything(env):
        return None
    cache = env.cr.data.setdefault("mail_readable_models", {})
    key = (env.uid, tuple(env.context.get("allowed_company_ids") or ()))
    if key not in cache:
        readable = []
        for name, cls in env.registry.models.items():
            if cls._abstract or not cls._def.attrs.get("chatter"):
                continue
            if env[name].check_access_rights("read", raise_exception=False):
                readable.append(name)
        cache[key] = readable
    parts = []
    for name in cache[key]:
        records = env[name].with_context(active_test=False)
        parts.append(sa.and_(model_column == name, id_column.in_(records._subquery_ids([]))))
    return sa.or_(*parts) if parts else sa.false()
