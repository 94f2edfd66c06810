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
import difflib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError
from core.safe_eval import expression_names, parse_expression

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model import BaseModel

_logger = logging.getLogger(__name__)

NODE_KINDS = ("field", "group", "notebook", "page", "button", "separator", "filter")
POSITIONS = ("inside", "after", "before", "replace", "remove", "attributes")
CONDITIONS = ("invisible", "readonly", "required")
# names a view condition may use besides the model's fields
CONDITION_NAMES = frozenset(
    {"uid", "context", "context_today", "today", "id", "parent", "True", "False", "None"}
)


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


def _walk_lists(arch: dict[str, Any]) -> list[tuple[list[Any], list[Any]]]:
    return list(_lists(arch, []))


def apply_changes(arch: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of ``arch`` with ``changes`` applied in order; ArchError naming a missing target."""
    result = copy.deepcopy(arch)
    for index, change in enumerate(changes):
        position = next((p for p in POSITIONS if p in change), None)
        if position is None:
            raise ArchError([index], f"change #{index + 1} says neither of: {', '.join(POSITIONS)}")
        target = str(change[position])
        nodes = copy.deepcopy(change.get("nodes") or [])
        if position == "inside":
            container = _find_container(result, target)
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
    for items, _path in _walk_lists(arch):
        for item in items:
            if node_name(item) == name and "field" not in item:
                return item.setdefault("children", [])
    return None


def _find_node(arch: dict[str, Any], name: str) -> tuple[list[Any], int] | None:
    for items, _path in _walk_lists(arch):
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
                if checked:
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


# -- checks ----------------------------------------------------------------------------------
def check_arch(model: BaseModel, view_type: str, arch: dict[str, Any]) -> None:
    """Raise ArchError for a field the model lacks or a condition that does not parse."""
    for key in ("group_by", "title", "subtitle", "image", "color", "tags", "sum", "date_start", "date_stop"):
        value = arch.get(key)
        if isinstance(value, str) and view_type in ("kanban", "calendar"):
            _check_field(model, value.split(":")[0], [key])
    if view_type == "graph" and arch.get("group_by"):
        _check_field(model, arch["group_by"].split(":")[0], ["group_by"])
    if view_type == "graph" and arch.get("measure") not in (None, "__count"):
        _check_field(model, arch["measure"], ["measure"])
    if view_type == "pivot":
        for key in ("rows", "cols", "measures"):
            for index, spec in enumerate(arch.get(key) or ()):
                if spec != "__count":
                    _check_field(model, spec.split(":")[0], [key, index])
    if view_type == "form" and arch.get("statusbar"):
        _check_field(model, arch["statusbar"]["field"], ["statusbar", "field"])
    for items, path in _walk_lists(arch):
        for index, item in enumerate(items):
            _check_node(model, item, [*path, index])


def _check_field(model: BaseModel, name: str, path: list[Any]) -> Any:
    field = model._fields.get(name)
    if field is None:
        close = difflib.get_close_matches(name, list(model._fields), n=3)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise ArchError(path, f"model {model._name} has no field '{name}'{hint}")
    return field


def _check_node(model: BaseModel, node: dict[str, Any], path: list[Any]) -> None:
    if "field" in node:
        field = _check_field(model, node["field"], [*path, "field"])
        sub_columns = node.get("columns")
        if isinstance(sub_columns, list):
            if not field.relational or field.type == "many2one":
                raise ArchError(
                    [*path, "columns"],
                    f"field '{field.name}' is not a one2many or many2many: it has no sub-list columns",
                )
            comodel = model.env[field.comodel_name]
            for index, column in enumerate(sub_columns):
                _check_node(comodel, column, [*path, "columns", index])
    for key in CONDITIONS:
        value = node.get(key)
        if isinstance(value, str):
            check_condition(model, value, [*path, key])
    if isinstance(node.get("domain"), str):
        try:
            parse_expression(node["domain"])
        except ValidationError as error:
            raise ArchError([*path, "domain"], error.message) from None


def check_condition(model: BaseModel, source: str, path: list[Any]) -> None:
    try:
        names = expression_names(source)
    except ValidationError as error:
        raise ArchError(path, error.message) from None
    unknown = sorted(n for n in names if n not in model._fields and n not in CONDITION_NAMES)
    if unknown:
        raise ArchError(
            path, f"condition {source!r} uses '{unknown[0]}', which is not a field of {model._name}"
        )
