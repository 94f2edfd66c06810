"""What a job runs: one model method, as the superuser, in its own transaction (committed on success)."""

from __future__ import annotations

from typing import Any

from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry


def call_method(
    db_url: str, addons_path: str | None, model: str, method: str, ids: list[int], args: list[Any]
) -> Any:
    """Run ``model.browse(ids).method(*args)``; an exception rolls back and lets the queue retry."""
    registry = Registry.get(db_url, addons_path=addons_path).check_signals()
    with registry.cursor() as cr:
        records = Environment(cr, SUPERUSER_ID, {})[model].browse(ids).exists()
        if not records and ids:
            return None  # deleted meanwhile: nothing left to do
        return getattr(records, method)(*args)
