"""View architectures: extension by container id, resolution of a view with its extensions, and
the checks a view must pass before it is stored (fields exist, conditions parse).

An arch is plain data (dicts and lists). Its top-level lists (``columns``, ``sheet``, ``header``,
``fields``, ``filters``...) are containers named by their key; nested containers (``group``,
``notebook``, ``page``) are named by their value, fields by their name. A change says where
(``inside``/``after``/``before``/``replace``/``remove``/``attributes`` naming such a target) and
what (``nodes`` to add, or attribute values to ``set``).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.addon.arch_nodes import ArchError, node_name, walk_lists
from core.addon.view_checks import check_arch

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model import BaseModel

__all__ = ["ArchError", "apply_changes", "check_arch", "node_name", "primary_of", "resolve_arch",
           "resolved_arch"]

_logger = logging.getLogger(__name__)

POSITIONS = ("inside", "after", "before", "replace", "remove", "attributes")
# sections of a form an extension may start when the form has none yet (a first smart button)
FORM_SECTIONS = ("header", "smart_buttons")
# top-level lists whose nodes have no name to target: an extension replaces the whole list
# (``replace: ribbons`` with the ribbons to show, none to show no ribbon), creating it if need be
WHOLE_LISTS = ("ribbons",)


def apply_changes(arch: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``arch`` with ``changes`` applied in order; ArchError naming a missing target."""
    result = copy.deepcopy(arch)
    for index, change in enumerate(changes):
        position = next((p for p in POSITIONS if p in change), None)
        if position is None:
            raise ArchError([index], f"change #{index + 1} says neither of: {', '.join(POSITIONS)}")
        target = str(change[position])
        nodes = copy.deepcopy(change.get("nodes") or [])
        if position == "replace" and target in WHOLE_LISTS:
            result[target] = nodes
            continue
        if position == "inside":
            container = _find_container(result, target)
            if container is None and target in FORM_SECTIONS and "sheet" in result:
                container = result.setdefault(target, [])
            if container is None:
                raise ArchError([index, position], f"no container '{target}' to add nodes inside")
            container.extend(nodes)
            continue
        found = _find_node(result, target)
        if found is None:
            raise ArchError([index, position], f"no field or container '{target}' to change ({position})")
        siblings, at = found
        if position == "after":
            siblings[at + 1 : at + 1] = nodes
        elif position == "before":
            siblings[at:at] = nodes
        elif position == "replace":
            siblings[at : at + 1] = nodes
        elif position == "remove":
            del siblings[at]
        else:
            siblings[at].update(copy.deepcopy(change.get("set") or {}))
    return result


def _find_container(arch: dict[str, Any], name: str) -> list[Any] | None:
    if isinstance(arch.get(name), list):
        return arch[name]
    for items, _path in walk_lists(arch):
        for item in items:
            if node_name(item) == name and "field" not in item:
                return item.setdefault("children", [])
    return None


def _find_node(arch: dict[str, Any], name: str) -> tuple[list[Any], int] | None:
    # "group_by/user_id": the node in that top-level list only (a search view may name a field in
    # both its searched fields and its group-bys)
    section, slash, plain = name.partition("/")
    lists = walk_lists(arch)
    if slash:
        lists = [(items, path) for items, path in lists if path[0] == section]
        name = plain
    for items, _path in lists:
        for position, item in enumerate(items):
            if node_name(item) == name:
                return items, position
    return None


# -- resolution of stored views --------------------------------------------------------------
@dataclass(frozen=True)
class SkippedExtension:
    """An extension left out of a resolved view: what it names is gone (an upgrade removed it)."""

    view_id: int
    name: str
    reason: str


def resolved_arch(env: Environment, view: BaseModel, exclude: frozenset[int] = frozenset()) -> dict[str, Any]:
    """The arch of primary ``view`` with its active extensions (and theirs) applied, by priority.

    Extensions restricted to groups apply only for users of those groups; those in ``exclude`` (and
    theirs) are left out, as an editor needs the arch its own extension starts from. An extension that
    no longer fits (see ``resolve_arch``) is skipped with a warning in the log."""
    return resolve_arch(env, view, exclude)[0]


def resolve_arch(
    env: Environment, view: BaseModel, exclude: frozenset[int] = frozenset()
) -> tuple[dict[str, Any], list[SkippedExtension]]:
    """``resolved_arch`` and the extensions it had to skip.

    An extension whose changes name a field or container that is no longer there, or that would leave
    the view naming a field the model lost, is skipped (with the extensions built on it) instead of
    breaking the view for every user; the studio offers to reset such a layout."""
    arch = copy.deepcopy(view.arch or {})
    Views = env["ir.ui.view"].sudo()
    groups = None if env.su else env.registry.security.user_groups(env)
    model = env[view.model] if view.model in env.registry.models else None
    # a primary view that is itself out of date says nothing about its extensions
    checked = model is not None and _fits(model, view.type, arch)
    skipped: list[SkippedExtension] = []
    parents = [view.id]
    seen = set(parents)
    while parents:
        extensions = Views.search(
            [("inherit_id", "in", parents), ("mode", "=", "extension")], order="priority, id"
        )
        parents = []
        for extension in extensions:
            if extension.id in seen or extension.id in exclude:
                continue
            seen.add(extension.id)
            if groups is not None and extension.groups_id and not set(extension.groups_id.ids) & groups:
                continue
            changes = (extension.arch or {}).get("changes") or []
            try:
                candidate = apply_changes(arch, changes)
                if checked and model is not None:
                    check_arch(model, view.type, candidate)
            except ArchError as error:
                skipped.append(SkippedExtension(extension.id, extension.name or "", error.reason))
                _logger.warning(
                    "view %s (id %s) is skipped, with the views extending it, while showing %s (id %s): %s",
                    extension.name, extension.id, view.name, view.id, error.reason,
                )
                continue
            arch = candidate
            parents.append(extension.id)
    return arch, skipped


def _fits(model: BaseModel, view_type: str, arch: dict[str, Any]) -> bool:
    try:
        check_arch(model, view_type, arch)
    except ArchError:
        return False
    return True


def primary_of(view: BaseModel) -> BaseModel:
    """The primary view an extension (or an extension of an extension) finally changes."""
    seen = set()
    while view.inherit_id and view.id not in seen:
        seen.add(view.id)
        view = view.inherit_id
    return view
