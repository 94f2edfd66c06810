"""Pivot tables and graphs over read_group: what can be grouped and measured, group labels, and the
setup (group-bys, measures, chart mode) read from the URL or from a saved filter's context."""

from __future__ import annotations

from typing import Any

from core.i18n import _, translate
from core.records.model import BaseModel
from web.client.formatting import display
from web.client.search import SearchState, group_by_label, groupable, interval_names

COUNT = "__count"
INTERVALS = ("year", "quarter", "month", "week", "day")
# the URL's parameters and the keys Odoo keeps them under in a saved filter's context
PIVOT_KEYS = {"rows": "pivot_row_groupby", "cols": "pivot_column_groupby", "measure": "pivot_measures"}
GRAPH_KEYS = {
    "rows": "graph_groupbys",
    "measure": "graph_measure",
    "type": "graph_mode",
    "stacked": "graph_stacked",
    "cumulated": "graph_cumulated",
}


def groupable_fields(model: BaseModel) -> list[tuple[str, str]]:
    """(spec, label) of the stored fields a pivot or graph can group by, dates once per interval."""
    result = []
    for name, field in model._fields.items():
        if name == "id" or not groupable(model, name):
            continue
        if field.type in ("date", "datetime"):
            result.extend((f"{name}:{unit}", group_by_label(model, f"{name}:{unit}")) for unit in INTERVALS)
        elif field.type in ("many2one", "selection", "boolean", "char", "integer"):
            result.append((name, translate(field.string)))
    return sorted(result, key=lambda item: item[1].lower())


def group_choices(model: BaseModel) -> list[dict[str, Any]]:
    """The group-by menu of a pivot or graph: each field once, by label; a date or datetime field
    with its intervals as sub-choices (``intervals``: (spec, label)), the others with their ``spec``."""
    choices: dict[str, dict[str, Any]] = {}
    names = interval_names()
    for spec, label in groupable_fields(model):
        name, _sep, interval = spec.partition(":")
        if interval:
            entry = choices.setdefault(
                name, {"field": name, "label": translate(model._fields[name].string), "intervals": []}
            )
            entry["intervals"].append((spec, names[interval]))
        else:
            choices[name] = {"field": name, "label": label, "spec": spec}
    for entry in choices.values():
        if "intervals" in entry:  # year first, as in Odoo
            entry["intervals"].sort(key=lambda item: INTERVALS.index(item[0].partition(":")[2]))
    return sorted(choices.values(), key=lambda item: item["label"].lower())


def measurable_fields(model: BaseModel) -> list[tuple[str, str]]:
    """(name, label) of the measures: Count, then the stored numeric fields."""
    result = [(COUNT, _("Count"))]
    for name, field in model._fields.items():
        if (
            field.column
            and not field.secret
            and field.type in ("integer", "float", "monetary")
            and name not in ("id", "color", "sequence")
            and model._field_accessible(field)
        ):
            result.append((name, translate(field.string)))
    return result


def valid_spec(model: BaseModel, spec: str | None) -> str | None:
    """``spec`` if one may group by it (a date without interval gets its month), else None."""
    if not spec or not groupable(model, spec):
        return None
    name, _sep, interval = spec.partition(":")
    if model._fields[name].type in ("date", "datetime"):
        return f"{name}:{interval or 'month'}"
    return name


def valid_specs(model: BaseModel, specs: list[str]) -> list[str]:
    return list(dict.fromkeys(s for s in (valid_spec(model, spec) for spec in specs) if s))


def setup_args(args: Any, state: SearchState, keys: dict[str, str]) -> dict[str, list[str]]:
    """The view's setup: each parameter from the URL, else from the saved filter's context."""
    result: dict[str, list[str]] = {}
    for param, context_key in keys.items():
        if param in args:
            result[param] = [v for v in args.getlist(param) if v]
        elif context_key in state.analysis:
            value = state.analysis[context_key]
            values = value if isinstance(value, (list, tuple)) else [value]
            result[param] = [("1" if v is True else "0" if v is False else str(v)) for v in values]
    return result


def setup_context(args: Any) -> dict[str, Any]:
    """What a saved filter keeps of the pivot or graph shown (``args``: the saved search's fields)."""
    view = args.get("view")
    if view == "pivot":
        return {key: args.getlist(param) for param, key in PIVOT_KEYS.items() if param in args}
    if view == "graph":
        context: dict[str, Any] = {}
        for param, key in GRAPH_KEYS.items():
            if param not in args:
                continue
            if param == "rows":
                context[key] = args.getlist(param)
            elif param in ("stacked", "cumulated"):
                context[key] = args.get(param) == "1"
            else:
                context[key] = args.get(param)
        return context
    return {}


def group_label(model: BaseModel, spec: str, value: Any) -> str:
    field = model._fields[spec.split(":")[0]]
    if field.type == "boolean":
        return _("Yes") if value else _("No")
    if value in (False, None):
        return _("None")
    if field.type == "many2one":
        return str(value[1]) if isinstance(value, (tuple, list)) else str(value)
    if field.type in ("date", "datetime"):
        return str(value)
    return display(field, value)


def group_key(value: Any) -> Any:
    return value[0] if isinstance(value, (tuple, list)) else value


def measure_value(group: dict[str, Any], measure: str, count_key: str) -> float:
    if measure == COUNT:
        return group.get(count_key) or group.get("__count") or 0
    return group.get(measure) or 0
