"""The checks an arch passes before it is stored, whoever writes it (an addon's YAML, the studio, a
client over RPC): fields exist, conditions and domains parse and name real fields, buttons call
public methods of the model."""
from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from core.addon.arch_nodes import ArchError, walk_lists
from core.addon.domain_checks import check_domain
from core.exceptions import ValidationError
from core.safe_eval import expression_names

if TYPE_CHECKING:
    from core.records.model import BaseModel

CONDITIONS = ("invisible", "readonly", "required")
# names a view condition may use besides the model's fields
CONDITION_NAMES = frozenset(
    {"uid", "context", "context_today", "today", "id", "parent", "True", "False", "None"}
)
# names a search field's filter_domain may use besides the model's fields
FILTER_NAMES = frozenset({"self"})


def check_arch(model: BaseModel, view_type: str, arch: dict[str, Any]) -> None:
    """Raise ArchError for a field the model lacks, a condition or domain that does not parse or
    names an unknown field, or a button that calls no public method of the model."""
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
        if isinstance(arch["statusbar"].get("inactive"), str):
            check_condition(model, arch["statusbar"]["inactive"], ["statusbar", "inactive"])
    if view_type == "list":
        for style, condition in (arch.get("decorations") or {}).items():
            if isinstance(condition, str):
                check_condition(model, condition, ["decorations", style])
    for items, path in walk_lists(arch):
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
    field = None
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
    if "button" in node and node.get("type", "object") == "object":
        check_button(model, str(node["button"]), [*path, "button"])
    for key in CONDITIONS:
        value = node.get(key)
        if isinstance(value, str):
            check_condition(model, value, [*path, key])
    domain = node.get("domain")
    if isinstance(domain, (str, list)):
        # a relational field's domain filters its comodel; a filter's filters the view's model
        target = model.env[field.comodel_name] if field is not None and field.relational else model
        if field is None or field.relational:
            check_domain(target, domain, [*path, "domain"])
    if isinstance(node.get("filter_domain"), str):
        _check_filter_domain(model, node["filter_domain"], [*path, "filter_domain"])


def _check_filter_domain(model: BaseModel, source: str, path: list[Any]) -> None:
    check_domain(model, source, path)
    try:
        names = expression_names(source)
    except ValidationError as error:
        raise ArchError(path, error.message) from None
    unknown = sorted(n for n in names if n not in FILTER_NAMES and n not in CONDITION_NAMES)
    if unknown:
        raise ArchError(path, f"filter_domain {source!r} uses '{unknown[0]}': only 'self' (the text typed) "
                              "is known there")


def check_button(model: BaseModel, name: str, path: list[Any]) -> None:
    """A ``type: object`` button must call a method of the model that clients may call."""
    method = getattr(type(model), name, None)
    if method is None or not callable(method):
        public = sorted(n for n in dir(type(model)) if not n.startswith("_")
                        and getattr(getattr(type(model), n, None), "_public", False))
        close = difflib.get_close_matches(name, public, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ArchError(path, f"button '{name}': model {model._name} has no method '{name}'{hint}")
    # the web client calls only @public methods from a button
    if name.startswith("_") or not getattr(method, "_public", False):
        raise ArchError(path, f"button '{name}': method '{name}' of {model._name} is not public "
                              "(mark it @public to call it from a button)")


def check_condition(model: BaseModel, source: str, path: list[Any]) -> None:
    try:
        names = expression_names(source)
    except ValidationError as error:
        raise ArchError(path, error.message) from None
    unknown = sorted(n for n in names if n not in model._fields and n not in CONDITION_NAMES)
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(model._fields), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ArchError(
            path, f"condition {source!r} uses '{unknown[0]}', which is not a field of {model._name}{hint}"
        )


def action_buttons(value: Any, path: list[Any] | None = None) -> list[tuple[list[Any], str]]:
    """(path, external id) of every ``type: action`` button under ``value`` (an arch or changes)."""
    path = path or []
    found: list[tuple[list[Any], str]] = []
    if isinstance(value, dict):
        if "button" in value and value.get("type") == "action":
            found.append(([*path, "button"], str(value["button"])))
        for key, item in value.items():
            found.extend(action_buttons(item, [*path, key]))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(action_buttons(item, [*path, index]))
    return found
