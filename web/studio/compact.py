"""The changes of a studio extension view: from the arch the extension starts from (``base``) and the arch
the consultant arranged (``final``), the few changes that turn one into the other.

Recomputing them after every edit, rather than appending one change per click, keeps the extension short
and readable in an export: a field moved ten times is one ``remove`` and one ``after``. Nodes keep their
place when they belong to the longest common order of their container (containers weigh more, since the
studio never moves them); the others are taken out and put back after their new left neighbour.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from core.addon.view_arch import ArchError, apply_changes
from web.studio.arch_edit import RIBBON_VIEWS, is_container, node_key, sections, walk

CONTAINER_WEIGHT = 1000


class CompactionError(ValueError):
    """The arranged arch cannot be expressed as changes of the base (the studio never produces one)."""


@dataclass
class Layout:
    """Named nodes of an arch: each container's children in order, and each node's container."""

    children: dict[str, list[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, arch: dict[str, Any], view_type: str) -> Layout:
        layout = cls()
        for container, nodes in walk(arch, view_type):
            names = layout.children.setdefault(container, [])
            for node in nodes:
                name = node_key(view_type, container, node)
                if name is None:
                    continue
                names.append(name)
                layout.parent[name] = container
                layout.nodes[name] = node
                layout.order.append(name)
        return layout

    def is_container(self, name: str) -> bool:
        return name in self.nodes and is_container(self.nodes[name])


def studio_changes(base: dict[str, Any], final: dict[str, Any], view_type: str) -> list[dict[str, Any]]:
    """Changes that turn ``base`` into ``final``, checked by applying them."""
    before, after = Layout.of(base, view_type), Layout.of(final, view_type)
    leaves_before = {n for n in before.nodes if not before.is_container(n)}
    leaves_after = {n for n in after.nodes if not after.is_container(n)}
    added = leaves_after - leaves_before
    moved = {n for n in leaves_after & leaves_before if before.parent[n] != after.parent[n]}
    for container, names in after.children.items():
        kept = _kept(before.children.get(container, []), names, after, moved)
        moved |= {n for n in names if n in leaves_before and n not in moved and n not in kept}
    changed = {
        n: _changed_attributes(before.nodes[n], after.nodes[n])
        for n in leaves_after & leaves_before
        if n not in moved and before.nodes[n] != after.nodes[n]
    }
    moved |= {n for n, attrs in changed.items() if attrs is None}
    changes: list[dict[str, Any]] = [
        {"remove": n} for n in before.order if n in leaves_before and (n not in leaves_after or n in moved)
    ]
    placed = added | moved
    for name in after.order:
        if name in placed:
            changes.append(_insertion(after, name, placed))
    changes.extend({"attributes": n, "set": attrs} for n, attrs in changed.items() if n not in moved)
    if view_type in RIBBON_VIEWS and (base.get("ribbons") or []) != (final.get("ribbons") or []):
        # ribbons have no name to target one by one: the change gives them all
        changes.append({"replace": "ribbons", "nodes": copy.deepcopy(final.get("ribbons") or [])})
    _verify(base, final, changes, view_type)
    return changes


def _kept(before: list[str], after: list[str], layout: Layout, moved: set[str]) -> set[str]:
    """Names of ``after`` in the heaviest order it shares with ``before`` (weighted longest common
    subsequence)."""
    common = set(before) & set(after) - moved
    first = [n for n in before if n in common]
    second = [n for n in after if n in common]
    weight = {n: CONTAINER_WEIGHT if layout.is_container(n) else 1 for n in common}
    rows, cols = len(first), len(second)
    best = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if first[i] == second[j]:
                best[i][j] = weight[first[i]] + best[i + 1][j + 1]
            else:
                best[i][j] = max(best[i + 1][j], best[i][j + 1])
    kept, i, j = set(), 0, 0
    while i < rows and j < cols:
        if first[i] == second[j]:
            kept.add(first[i])
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _changed_attributes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any] | None:
    """The attribute values to set, or None when the node must be put back whole (an attribute went)."""
    if not set(before) <= set(after):
        return None
    return {key: value for key, value in after.items() if before.get(key, object()) != value}


def _insertion(layout: Layout, name: str, placed: set[str]) -> dict[str, Any]:
    """Put node ``name`` back: after its left neighbour, else before the next one that stayed, else at
    the end of its container (its right neighbours are put back after it)."""
    siblings = layout.children[layout.parent[name]]
    index = siblings.index(name)
    node = copy.deepcopy(layout.nodes[name])
    if index > 0:
        return {"after": siblings[index - 1], "nodes": [node]}
    following = next((n for n in siblings[index + 1 :] if n not in placed), None)
    if following is not None:
        return {"before": following, "nodes": [node]}
    return {"inside": layout.parent[name], "nodes": [node]}


def _verify(
    base: dict[str, Any], final: dict[str, Any], changes: list[dict[str, Any]], view_type: str
) -> None:
    try:
        result = apply_changes(base, changes)
    except ArchError as error:
        raise CompactionError(error.reason) from None
    if _normalized(result, view_type) != _normalized(final, view_type):
        raise CompactionError("the arranged view cannot be expressed as changes of its base view")


def _normalized(arch: dict[str, Any], view_type: str) -> Any:
    """The edited sections, without the empty ``children`` lists applying changes may leave behind."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if not (k == "children" and v == [])}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    names = (*sections(view_type), "ribbons") if view_type in RIBBON_VIEWS else sections(view_type)
    return {name: clean(arch.get(name) or []) for name in names}
