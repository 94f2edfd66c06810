"""The pager of the views that show records page by page (list, kanban): how many there are,
counted no further than needed, and the URLs of the previous and next pages."""

from __future__ import annotations

from typing import Any

from flask import request

from web.client.nav import url_with

PAGE_LIMITS = (20, 40, 80, 200)
COUNT_LIMIT = 10000


def int_arg(name: str, default: int, allowed: tuple[int, ...] | None = None) -> int:
    """A non-negative integer of the query string (``default`` when missing, wrong or not allowed)."""
    raw = request.args.get(name, "")
    value = int(raw) if raw.isdigit() else default
    if allowed and value not in allowed:
        return default
    return max(value, 0)


def count(model: Any, domain: list[Any], records: Any, offset: int, limit: int) -> tuple[int, bool]:
    """How many records match, counting no further than the next pages need (COUNT_LIMIT at least):
    (count, whether more exist), as Odoo's pager shows "1-80 / 10000+"."""
    if len(records) < limit:
        return offset + len(records), False
    enough = max(COUNT_LIMIT, offset + limit)
    found = model.search_count(domain, limit=enough + 1)
    return min(found, enough), found > enough


def pager(
    pairs: list[tuple[str, str]], offset: int, limit: int, total: int, more: bool = False
) -> dict[str, Any]:
    """The pager's data: the range shown, the page sizes offered, the previous and next URLs."""
    first = min(offset + 1, total) if total else 0
    last = min(offset + limit, total)
    return {
        "more": more,
        "first": first,
        "last": last,
        "count": total,
        "limit": limit,
        "limits": PAGE_LIMITS,
        "prev": url_with(pairs, offset=max(offset - limit, 0) or None) if offset else None,
        "next": url_with(pairs, offset=offset + limit) if offset + limit < total or more else None,
    }
