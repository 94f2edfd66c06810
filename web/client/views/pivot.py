"""The pivot view: row and column group-bys of any depth (each header expanded or folded), several
measures, totals, drill-down to the records of a cell, flip axes, expand all, and an XLSX copy."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request, url_for

from core.i18n import _
from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.drill import drill_param
from web.client.formatting import display
from web.client.nav import Nav, current_args, url_with, url_without
from web.client.search import SearchState
from web.client.views.analysis import (
    COUNT,
    PIVOT_KEYS,
    group_choices,
    measurable_fields,
    setup_args,
    valid_spec,
    valid_specs,
)
from web.client.views.pivot_table import Header, PivotTable, compute

AXES = {"row": ("rows", "rfold"), "col": ("cols", "cfold")}


def pivot_setup(model: BaseModel, arch: dict[str, Any], args: Any, state: SearchState) -> dict[str, Any]:
    """Rows, columns and measures: the URL's, else the saved filter's, else the search's grouping (rows)
    and the view's."""
    setup = setup_args(args, state, PIVOT_KEYS)
    if "rows" in setup:
        rows = valid_specs(model, setup["rows"])
    else:
        rows = valid_specs(model, state.group_by or arch.get("rows") or [])
    cols = valid_specs(model, setup["cols"] if "cols" in setup else arch.get("cols") or [])
    measurable = dict(measurable_fields(model))
    measures = [
        m for m in dict.fromkeys(setup.get("measure") or arch.get("measures") or []) if m in measurable
    ]
    return {
        "rows": rows,
        "cols": [c for c in cols if c not in rows],
        "measures": measures or [COUNT],
        "rfold": set(args.getlist("rfold")),
        "cfold": set(args.getlist("cfold")),
    }


def build_pivot(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], args: Any, state: SearchState
) -> tuple[dict[str, Any], PivotTable]:
    setup = pivot_setup(model, arch, args, state)
    table = compute(
        model,
        domain,
        setup["rows"],
        setup["cols"],
        setup["measures"],
        (setup["rfold"], setup["cfold"]),
        _("Total"),
    )
    return setup, table


def _fmt(model: BaseModel, measure: str, value: float) -> str:
    field = model._fields.get(measure)
    return display(field, value) if field is not None else str(int(value))


def _pairs(setup: dict[str, Any]) -> list[tuple[str, str]]:
    """The page's parameters with the pivot's setup written out in full."""
    pairs = [p for p in current_args() if p[0] not in ("rows", "cols", "measure", "rfold", "cfold", "offset")]
    pairs += [("rows", s) for s in setup["rows"]] or [("rows", "")]
    pairs += [("cols", s) for s in setup["cols"]] or [("cols", "")]
    pairs += [("measure", m) for m in setup["measures"]]
    pairs += [("rfold", p) for p in sorted(setup["rfold"])] + [("cfold", p) for p in sorted(setup["cfold"])]
    return pairs


def expansion_url(setup: dict[str, Any], table: PivotTable, axis: str, key: str, spec: str) -> str:
    """The URL expanding the header ``key`` of ``axis`` by ``spec``: a new level, where the other
    headers of that depth stay folded (as a click on one header in Odoo)."""
    param, fold = AXES[axis]
    nodes = table.rows if axis == "row" else table.cols
    target = next((node for node in nodes.values() if node.key == key), None)
    specs = setup[param]
    if target is None or target.depth != len(specs) or spec in setup["rows"] + setup["cols"]:
        return url_with(_pairs(setup))
    siblings = {node.key for node in nodes.values() if node.depth == target.depth and node.key != key}
    changed = dict(setup, **{param: [*specs, spec], fold: setup[fold] | siblings})
    return url_with(_pairs(changed))


def _header(
    table: PivotTable, setup: dict[str, Any], node: Header, axis: str, pairs: list[tuple[str, str]]
) -> dict[str, Any]:
    param, fold = AXES[axis]
    entry: dict[str, Any] = {"label": node.label, "depth": node.depth, "key": node.key}
    if table.expanded(node, axis):
        entry["state"] = "expanded"
        if node.depth:
            entry["url"] = url_with(pairs + [(fold, node.key)])
        else:  # folding the root drops every level of the axis
            entry["url"] = url_with([p for p in pairs if p[0] not in (param, fold)] + [(param, "")])
    elif node.depth < len(setup[param]):
        entry["state"] = "folded"
        entry["url"] = url_without(pairs, [(fold, node.key)])
    else:
        entry["state"] = "leaf"
    return entry


def table_data(
    model: BaseModel,
    setup: dict[str, Any],
    table: PivotTable,
    drill_base: list[tuple[str, str]] | None = None,
    drilled: list[tuple[str, Any]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """What the template and the XLSX copy show: header rows of the columns, and the rows."""
    pairs = _pairs(setup)
    measures = setup["measures"]
    labels = dict(measurable_fields(model))
    cols = table.leaf_cols()
    root_col = table.cols[()]
    with_total = table.expanded(root_col, "col")
    shown_cols = table.visible("col")
    depth = max((c.depth for c in shown_cols), default=0)
    head: list[list[dict[str, Any]]] = [[] for _ in range(depth + 1)]
    for col in shown_cols:
        span = (
            sum(1 for leaf in cols if leaf.path[: col.depth] == col.path) if table.expanded(col, "col") else 1
        )
        entry = _header(table, setup, col, "col", pairs)
        entry.update(
            colspan=span * len(measures), rowspan=1 if table.expanded(col, "col") else depth - col.depth + 1
        )
        head[col.depth].append(entry)
    if with_total:
        head[0].append(
            {"label": _("Total"), "colspan": len(measures), "rowspan": depth + 1, "state": "total"}
        )
    value_cols = cols + ([root_col] if with_total else [])
    measure_row = [labels[m] for _col in value_cols for m in measures]
    rows = []
    for row in table.visible("row"):
        entry = _header(table, setup, row, "row", pairs)
        cells = []
        for col in value_cols:
            amounts = table.value(row, col)
            drill = None
            if drill_base is not None:
                parts = row.trail + col.trail
                drill = url_with(
                    drill_base
                    + [
                        (
                            "dd",
                            drill_param(" / ".join(parts) or _("Total"), [*drilled, *row.cells, *col.cells]),
                        )
                    ]
                )
            cells.extend(
                {"value": amount, "text": _fmt(model, m, amount), "url": drill}
                for m, amount in zip(measures, amounts)
            )
        entry["cells"] = cells
        rows.append(entry)
    return {"head": head, "measure_row": measure_row, "rows": rows, "corner_rowspan": depth + 2}


def _drill_base(nav: Nav, modes: list[str], state: SearchState) -> list[tuple[str, str]]:
    """The list (or first view) of the same search, without its grouping, where a cell drills to."""
    view = "list" if "list" in modes else modes[0]
    pairs = [(k, v) for k, v in current_args() if k in ("menu", "filter", "q", "saved")]
    base = [*pairs, ("s", "1"), ("view", view)]
    return base


# -- the pivot page --------------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: SearchState
) -> dict:
    """The pivot page's data; a click choosing how to expand a header answers with a redirect."""
    setup, table = build_pivot(env, model, arch, domain, request.args, state)
    pairs = _pairs(setup)
    axis, key, spec = request.args.get("pax"), request.args.get("pexp"), request.args.get("pby", "")
    if axis in AXES and key is not None:
        return {"redirect": expansion_url(setup, table, axis, key, valid_spec(model, spec) or "")}
    modes = nav.action.multi_modes or ["list"]
    # a drill-down inside a drilled pivot narrows the same records further
    drilled = [tuple(cell) for cell in state.drill["cells"]] if state.drill else []
    data = table_data(model, setup, table, _drill_base(nav, modes, state), drilled)
    swapped = dict(setup, rows=setup["cols"], cols=setup["rows"], rfold=setup["cfold"], cfold=setup["rfold"])
    data.update(
        setup=setup,
        groupable=group_choices(model),
        measurable=measurable_fields(model),
        flip_url=url_with(_pairs(swapped)),
        expand_all_url=url_with(_pairs(dict(setup, rfold=set(), cfold=set()))),
        expand_base=url_with(pairs),
        xlsx_url=url_for("client.pivot_xlsx", model=model._name)
        + "?"
        + urlencode(pairs + ([("action", str(nav.action.id))] if nav.action.id else [])),
    )
    return data
