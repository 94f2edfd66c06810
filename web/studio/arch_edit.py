"""Edits of a view's arch made in the studio: place a field, move it among its neighbours, hide or show
it, take it out of the view. Each edit returns a new arch and leaves its argument alone; compact.py
turns the result into the changes of the studio's extension view.

The studio edits the parts of a view people fill in: a form's ``title`` and ``sheet`` (with their groups
and pages), a list's ``columns``, the fields of a kanban card, a search view's searched ``fields``,
``filters`` and ``group_by``. Containers stay where the view's author put them. A search view may name a
field in several of its lists, so its nodes are named ``list/name`` (``group_by/user_id``).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from core.addon.view_arch import node_name
from core.exceptions import ValidationError
from core.i18n import _

SECTIONS = {
    "form": ("title", "sheet"),
    "list": ("columns",),
    "kanban": ("fields",),
    "search": ("fields", "filters", "group_by"),
}
# view types whose nodes are named with their list: one field may be in several lists
SCOPED = frozenset({"search"})
# view types whose fields can be hidden (kept in the view, not shown) rather than only taken out
HIDEABLE = frozenset({"form", "list"})
# view types with ribbons across the corner of the record (Odoo's web_ribbon), and their colors
RIBBON_VIEWS = frozenset({"form", "kanban"})
RIBBON_COLORS = ("success", "danger", "warning", "info", "muted")
CONTAINERS = ("group", "notebook", "page")
WHERE = ("after", "before", "inside")


@dataclass(frozen=True)
class Position:
    """Where a field goes: ``after``/``before`` a field, or at the end of (``inside``) a container."""

    where: str
    target: str

    @classmethod
    def parse(cls, text: str | None) -> Position:
        where, _colon, target = (text or "").partition(":")
        if where not in WHERE or not target:
            raise ValidationError(_("Choose where the field goes in the view."), field="position")
        return cls(where, target)

    def __str__(self) -> str:
        return f"{self.where}:{self.target}"


@dataclass
class Slot:
    """A named node of the edited sections: the list holding it, its index there, its container."""

    siblings: list[dict[str, Any]]
    index: int
    container: str

    @property
    def node(self) -> dict[str, Any]:
        return self.siblings[self.index]


def is_container(node: dict[str, Any]) -> bool:
    return any(kind in node for kind in CONTAINERS)


def sections(view_type: str) -> tuple[str, ...]:
    if view_type not in SECTIONS:
        raise ValidationError(
            _("The studio edits forms, lists, kanban and search views, not %(type)s views.", type=view_type)
        )
    return SECTIONS[view_type]


def node_key(view_type: str, container: str, node: dict[str, Any]) -> str | None:
    """The name the studio (and its changes) give a node: ``list/name`` in a search view."""
    name = node_name(node)
    if name is None or view_type not in SCOPED:
        return name
    return f"{container}/{name}"


def section_of(view_type: str, key: str) -> str | None:
    """The list a scoped key names (``group_by`` of ``group_by/user_id``)."""
    if view_type not in SCOPED:
        return None
    section, slash, _name = key.partition("/")
    return section if slash else None


def plain_name(key: str) -> str:
    return key.rpartition("/")[2]


def walk(arch: dict[str, Any], view_type: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(container name, its list of nodes) for every section and container, in document order."""
    pending: list[tuple[str, list[Any]]] = [
        (name, arch[name]) for name in reversed(sections(view_type)) if isinstance(arch.get(name), list)
    ]
    while pending:
        name, nodes = pending.pop()
        yield name, nodes
        inner = [
            (node_name(node) or "", node.get("children") or [])
            for node in nodes
            if isinstance(node, dict) and is_container(node)
        ]
        pending.extend(reversed(inner))


def find(arch: dict[str, Any], view_type: str, name: str) -> Slot | None:
    for container, nodes in walk(arch, view_type):
        for index, node in enumerate(nodes):
            if node_key(view_type, container, node) == name:
                return Slot(nodes, index, container)
    return None


def container_nodes(arch: dict[str, Any], view_type: str, name: str) -> list[dict[str, Any]] | None:
    """The list of nodes of section or container ``name`` (created empty in a container without any)."""
    if name in sections(view_type):
        return arch.setdefault(name, [])
    slot = find(arch, view_type, name)
    if slot is None or not is_container(slot.node):
        return None
    return slot.node.setdefault("children", [])


def field_names(arch: dict[str, Any], view_type: str) -> list[str]:
    """The fields the edited sections show, in document order (``list/name`` in a search view)."""
    return [
        node_key(view_type, container, node) or node["field"]
        for container, nodes in walk(arch, view_type)
        for node in nodes
        if "field" in node
    ]


def _require(arch: dict[str, Any], view_type: str, name: str) -> Slot:
    slot = find(arch, view_type, name)
    if slot is None:
        raise ValidationError(_("The view has no field %(name)s.", name=name), field="name")
    return slot


def place(arch: dict[str, Any], view_type: str, node: dict[str, Any], position: Position) -> dict[str, Any]:
    """``arch`` with the field ``node`` at ``position`` (moved there if the view already shows it)."""
    result = copy.deepcopy(arch)
    name = node_name(node) or ""
    section = position.target if position.where == "inside" else section_of(view_type, position.target)
    if view_type in SCOPED:
        if section not in sections(view_type) or (section == "filters") == ("field" in node):
            raise ValidationError(
                _("Fields go in the searched fields or the group-bys, filters among the filters."),
                field="position",
            )
        name = f"{section}/{name}"
    if position.target == name:
        raise ValidationError(_("A field cannot be placed next to itself."), field="position")
    current = find(result, view_type, name)
    if current is not None:
        node = current.siblings.pop(current.index)
    else:
        node = copy.deepcopy(node)
    if position.where == "inside":
        nodes = container_nodes(result, view_type, position.target)
        if nodes is None or _is_notebook(result, view_type, position.target):
            raise ValidationError(
                _("The view has no group or page %(name)s.", name=position.target), field="position"
            )
        nodes.append(node)
        return result
    anchor = find(result, view_type, position.target)
    if anchor is None or ("field" not in anchor.node and view_type not in SCOPED):
        raise ValidationError(_("The view has no field %(name)s.", name=position.target), field="position")
    at = anchor.index + 1 if position.where == "after" else anchor.index
    anchor.siblings.insert(at, node)
    return result


def _is_notebook(arch: dict[str, Any], view_type: str, name: str) -> bool:
    slot = find(arch, view_type, name)
    return slot is not None and "notebook" in slot.node


def move(arch: dict[str, Any], view_type: str, name: str, step: int) -> dict[str, Any]:
    """``arch`` with the field ``name`` swapped with its previous (-1) or next (+1) neighbour."""
    result = copy.deepcopy(arch)
    slot = _require(result, view_type, name)
    other = slot.index + step
    if step not in (-1, 1) or not 0 <= other < len(slot.siblings):
        return result
    siblings = slot.siblings
    siblings[slot.index], siblings[other] = siblings[other], siblings[slot.index]
    return result


def set_hidden(
    arch: dict[str, Any], view_type: str, name: str, hidden: bool, base_node: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``arch`` with the field ``name`` hidden, or shown again under the condition its view gave it."""
    result = copy.deepcopy(arch)
    node = _require(result, view_type, name).node
    if hidden:
        node["invisible"] = True
    elif base_node is not None and "invisible" in base_node and base_node["invisible"] is not True:
        node["invisible"] = base_node["invisible"]
    else:
        node.pop("invisible", None)
    return result


def remove(arch: dict[str, Any], view_type: str, name: str) -> dict[str, Any]:
    """``arch`` without the field ``name`` (an arch that does not show it is returned unchanged)."""
    result = copy.deepcopy(arch)
    slot = find(result, view_type, name)
    if slot is not None:
        del slot.siblings[slot.index]
    return result


def positions(arch: dict[str, Any], view_type: str) -> list[tuple[str, str, str]]:
    """Where a field can go, as (position, kind, name): the end of each container, after each field."""
    choices: list[tuple[str, str, str]] = []
    for container, nodes in walk(arch, view_type):
        if not _is_notebook(arch, view_type, container):
            choices.append((f"inside:{container}", "inside", container))
        named = [
            node_key(view_type, container, node) for node in nodes if "field" in node or "filter" in node
        ]
        choices.extend((f"after:{name}", "after", name) for name in named if name)
    return choices


def ribbon_colors() -> list[tuple[str, str]]:
    """The colors a ribbon may take, named for the consultant."""
    names = {"success": _("Green"), "danger": _("Red"), "warning": _("Orange"), "info": _("Blue"),
             "muted": _("Grey")}
    return [(key, names[key]) for key in RIBBON_COLORS]


def ribbon_rows(arch: dict[str, Any]) -> list[dict[str, Any]]:
    """The view's ribbons as the studio lists them: position, text, color and hiding condition."""
    return [
        {
            "index": index,
            "string": node.get("string") or "",
            "bg_color": node.get("bg_color") or "success",
            "invisible": node.get("invisible") if isinstance(node.get("invisible"), str) else "",
        }
        for index, node in enumerate(arch.get("ribbons") or [])
    ]


def set_ribbon(arch: dict[str, Any], index: int | None, node: dict[str, Any] | None) -> dict[str, Any]:
    """A copy of ``arch`` with ribbon ``index`` replaced by ``node`` (taken out when None); a new one
    is added last when ``index`` is None."""
    result = copy.deepcopy(arch)
    ribbons = result.setdefault("ribbons", [])
    if index is None:
        if node is not None:
            ribbons.append(node)
        return result
    if not 0 <= index < len(ribbons):
        raise ValidationError(_("The view has no such ribbon: it may have been removed meanwhile."))
    if node is None:
        del ribbons[index]
    else:
        ribbons[index] = node
    return result
