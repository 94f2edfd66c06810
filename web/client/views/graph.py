"""The graph view: a bar, line or pie chart (drawn by Chart.js) of a measure over one grouping."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.nav import Nav, current_args, url_with
from web.client.views.analysis import (
    COUNT,
    group_label,
    groupable_fields,
    measurable_fields,
    measure_value,
    valid_spec,
)

CHART_TYPES = ("bar", "line", "pie")


def build_graph(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], args: Any
) -> dict[str, Any]:
    groupable, measurable = groupable_fields(model), measurable_fields(model)
    group_by = valid_spec(model, args.get("rows") or arch.get("group_by"), groupable) or (
        groupable[0][0] if groupable else None
    )
    measure = args.get("measure") or arch.get("measure") or COUNT
    if measure not in dict(measurable):
        measure = COUNT
    chart_type = args.get("type") or arch.get("type") or "bar"
    if chart_type not in CHART_TYPES:
        chart_type = "bar"
    labels, data = [], []
    if group_by:
        aggregates = [] if measure == COUNT else [f"{measure}:sum"]
        for group in model.read_group(domain, aggregates, [group_by], lazy=False):
            labels.append(group_label(model, group_by, group.get(group_by)))
            data.append(round(measure_value(group, measure, "__count"), 2))
    measure_label = dict(measurable)[measure]
    chart = {
        "type": chart_type,
        "labels": labels,
        "label": measure_label,
        "data": data,
        "stacked": bool(arch.get("stacked")),
    }
    return {
        "chart_json": json.dumps(chart),
        "rows": list(zip(labels, data)),
        "group_by": group_by or "",
        "measure": measure,
        "chart_type": chart_type,
        "groupable": groupable,
        "measurable": measurable,
        "measure_label": measure_label,
    }


# -- the graph page --------------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    """The graph page's data, with the URLs of the other chart types."""
    data = build_graph(env, model, arch, domain, request.args)
    pairs = current_args()
    data["type_urls"] = [(kind, url_with(pairs, type=kind)) for kind in ("bar", "line", "pie")]
    return data
