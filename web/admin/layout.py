"""What a back-office list shows, read from the model's own views rather than written here: the list
view's columns (and ``active``, since the back office lists archived records too), the search view's
fields as the text search, and as filters the fields the search view groups or filters by and the
columns that are switches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.records.environment import Environment
from web.client.views.arch import get_arch

SEARCHABLE = ("char", "text", "many2one", "selection")


@dataclass(frozen=True)
class Layout:
    columns: tuple[str, ...]
    search: tuple[str, ...]
    filters: tuple[str, ...]


def _domain_fields(domain: Any) -> list[str]:
    if not isinstance(domain, (list, tuple)):
        return []
    return [leaf[0] for leaf in domain
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and isinstance(leaf[0], str)
            and "." not in leaf[0]]


def _unique(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def layout_of(env: Environment, model: str) -> Layout:
    """The columns, text search and filters of ``model``'s back-office list, from its views."""
    fields = env[model]._fields
    listed = [column["field"] for column in get_arch(env, model, "list").get("columns", [])
              if column.get("field") in fields]
    if "active" in fields:
        listed.append("active")
    search_arch = get_arch(env, model, "search")
    searched = [node["field"] for node in search_arch.get("fields", [])
                if node.get("field") in fields and fields[node["field"]].store
                and fields[node["field"]].type in SEARCHABLE]
    filtered = [node["field"] for node in search_arch.get("group_by", []) if node.get("field") in fields]
    for node in search_arch.get("filters", []):
        filtered += [name for name in _domain_fields(node.get("domain")) if name in fields]
    filtered += [name for name in listed if fields[name].type == "boolean"]
    stored = [name for name in filtered if fields[name].store]
    return Layout(_unique(listed), _unique(searched), _unique(stored))
