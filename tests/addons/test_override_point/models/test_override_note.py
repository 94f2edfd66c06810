"""Hooks of test.override.note that change searches and reads through documented override points."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import model


@model("test.override.note")
class TestOverrideNote:
    def _extra_search_domain(self, domain: list[Any]) -> list[Any]:
        """Drafts are left out of searches unless the search names the field."""
        if any(isinstance(leaf, (list, tuple)) and leaf[0] == "draft" for leaf in domain):
            return []
        return [("draft", "=", False)]

    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """Private notes are nobody's to read but the superuser's."""
        if operation != "read":
            return None
        return sa.or_(table.c.private.is_(None), table.c.private.is_(False))
