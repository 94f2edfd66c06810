"""The graph view: a bar, line or pie chart (drawn by Chart.js) of a measure over one or two group-bys
(the second gives the series), bars stacked or side by side, lines plain or cumulative."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.drill import drill_param, drill_value
from web.client.nav import Nav, current_args, url_with
from web.client.search import SearchState, group_by_label
from web.client.views.analysis import (
    COUNT,
    GRAPH_KEYS,
    group_choices,
    group_label,
    groupable_fields,
    measurable_fields,
    measure_value,
    setup_args,
    valid_specs,
)
from web.client.views.pivot_table import measure_kind

CHART_TYPES = ("bar", "line", "pie")


def graph_setup(model: BaseModel, arch: dict[str, Any], args: Any, state: SearchState) -> dict[str, Any]:
    """Group-bys, measure, mode, stacked and cumulated: from the URL, the saved filter, the search's
    grouping, the view."""
    setup = setup_args(args, state, GRAPH_KEYS)
    rows = valid_specs(model, setup.get("rows") or state.group_by or [arch.get("group_by") or ""])[:2]
    if not rows:
        groupable = groupable_fields(model)
        rows = [groupable[0][0]] if groupable else []
    measure = (setup.get("measure") or [arch.get("measure") or COUNT])[0]
    if measure not in dict(measurable_fields(model)):
        measure = COUNT
    chart_type = (setup.get("type") or [arch.get("type") or "bar"])[0]
    if chart_type not in CHART_TYPES:
        chart_type = "bar"
    stacked = (setup.get("stacked") or ["1" if arch.get("stacked", True) else "0"])[0] == "1"
    cumulated = (setup.get("cumulated") or ["1" if arch.get("cumulated") else "0"])[0] == "1"
    return {"rows": rows, "measure": measure, "type": chart_type, "stacked": stacked, "cumulated": cumulated}


def build_graph(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], args: Any, state: SearchState
) -> dict[str, Any]:
    """The chart's labels and series from one read_group over the group-bys."""
    setup = graph_setup(model, arch, args, state)
    rows, measure = setup["rows"], setup["measure"]
    labels: dict[str, str] = {}
    series: dict[str, str] = {}
    values: dict[tuple[str, str], float] = {}
    cells: dict[str, list[tuple[str, Any]]] = {}
    if rows:
        aggregates = [] if measure == COUNT else [f"{measure}:{measure_kind(model, measure)}"]
        for group in model.read_group(domain, aggregates, rows, lazy=False):
            x = json.dumps(drill_value(group, rows[0]))
            labels.setdefault(x, group_label(model, rows[0], group.get(rows[0])))
            cells.setdefault(x, [(rows[0], drill_value(group, rows[0]))])
            s = json.dumps(drill_value(group, rows[1])) if len(rows) > 1 else ""
            series.setdefault(s, group_label(model, rows[1], group.get(rows[1])) if len(rows) > 1 else "")
            values[(x, s)] = values.get((x, s), 0) + float(measure_value(group, measure, "__count"))
    measure_label = dict(measurable_fields(model))[measure]
    datasets = []
    for s, name in series.items():
        data = [round(values.get((x, s), 0), 2) for x in labels]
        if setup["cumulated"] and setup["type"] == "line":
            running = 0.0
            data = [round(running := running + v, 2) for v in data]
        datasets.append({"label": name or measure_label, "data": data})
    chart = {
        "type": setup["type"],
        "labels": list(labels.values()),
        "datasets": datasets,
        "stacked": setup["stacked"] and setup["type"] == "bar",
        "measure": measure_label,
    }
    return {
        "setup": setup,
        "chart": chart,
        "table": [
            (label, [d["data"][i] for d in datasets], cells[x]) for i, (x, label) in enumerate(labels.items())
        ],
        "series": [d["label"] for d in datasets],
        "measure_label": measure_label,
    }


def _pairs(setup: dict[str, Any], **changes: Any) -> list[tuple[str, str]]:
    """The page's parameters with the graph's setup written out (``changes`` applied)."""
    setup = dict(setup, **changes)
    pairs = [
        p for p in current_args() if p[0] not in ("rows", "measure", "type", "stacked", "cumulated", "offset")
    ]
    pairs += [("rows", s) for s in setup["rows"]]
    pairs += [("measure", setup["measure"]), ("type", setup["type"])]
    pairs += [
        ("stacked", "1" if setup["stacked"] else "0"),
        ("cumulated", "1" if setup["cumulated"] else "0"),
    ]
    return pairs


# -- the graph page --------------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: SearchState
) -> dict:
    """The graph page's data, with the URLs of the other modes and options, and the drill-down of
    each group."""
    data = build_graph(env, model, arch, domain, request.args, state)
    setup = data["setup"]
    modes = nav.action.multi_modes or ["list"]
    base = [(k, v) for k, v in current_args() if k in ("menu", "filter", "q", "saved")]
    base += [("s", "1"), ("view", "list" if "list" in modes else modes[0])]
    drilled = [tuple(cell) for cell in state.drill["cells"]] if state.drill else []
    by = group_by_label(model, setup["rows"][0]) if setup["rows"] else ""
    data["table"] = [
        (label, amounts, url_with(base + [("dd", drill_param(f"{by}: {label}", [*drilled, *cells]))]))
        for label, amounts, cells in data["table"]
    ]
    data.update(
        chart_json=json.dumps(data["chart"]),
        groupable=group_choices(model),
        measurable=measurable_fields(model),
        type_urls=[(kind, url_with(_pairs(setup, type=kind))) for kind in CHART_TYPES],
        stacked_url=url_with(_pairs(setup, stacked=not setup["stacked"])),
        cumulated_url=url_with(_pairs(setup, cumulated=not setup["cumulated"])),
        hidden=[(k, v) for k, v in _pairs(setup) if k not in ("rows", "measure")],
    )
    return data
