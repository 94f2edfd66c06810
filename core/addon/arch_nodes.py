"""The nodes of a view arch: how they are named and walked, and the error that points at one."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

NODE_KINDS = ("field", "group", "notebook", "page", "button", "separator", "filter")


class ArchError(ValueError):
    """A problem in an arch; ``path`` leads from the arch to the offending element."""

    def __init__(self, path: list[Any], reason: str) -> None:
        super().__init__(reason)
        self.path, self.reason = path, reason


def node_name(node: Any) -> str | None:
    """The name a change can target: a field's name or a container's id."""
    if not isinstance(node, dict):
        return None
    for kind in NODE_KINDS:
        if kind in node:
            return str(node[kind])
    return None


def _lists(node: Any, path: list[Any]) -> Iterator[tuple[list[Any], list[Any]]]:
    """Every list of nodes under ``node`` with its path; a field's sub-list belongs to its comodel."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            yield value, [*path, key]
            for index, item in enumerate(value):
                if "field" not in item:
                    yield from _lists(item, [*path, key, index])


def walk_lists(arch: dict[str, Any]) -> list[tuple[list[Any], list[Any]]]:
    """Every list of nodes of ``arch`` (top-level lists and containers' children) with its path."""
    return list(_lists(arch, []))
