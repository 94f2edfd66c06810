"""The pivot view: one grouping on rows, an optional one on columns, a measure in each cell, totals."""

from __future__ import annotations

from typing import Any

from flask import request

from core.records.environment import Environment
from core.records.model import BaseModel
from web.client.formatting import display
from web.client.nav import Nav, current_args, url_with
from web.client.views.analysis import (
    COUNT,
    group_key,
    group_label,
    groupable_fields,
    measurable_fields,
    measure_value,
    valid_spec,
)


def build_pivot(
    env: Environment, model: BaseModel, arch: dict[str, Any], domain: list[Any], args: Any
) -> dict[str, Any]:
    groupable, measurable = groupable_fields(model), measurable_fields(model)
    rows_spec = valid_spec(model, args.get("rows") or (arch.get("rows") or [None])[0], groupable)
    cols_spec = valid_spec(
        model, args.get("cols") if "cols" in args else (arch.get("cols") or [None])[0], groupable
    )
    measure = args.get("measure") or (arch.get("measures") or [COUNT])[0]
    if measure not in dict(measurable):
        measure = COUNT
    specs = [s for s in (rows_spec, cols_spec) if s]
    aggregates = [] if measure == COUNT else [f"{measure}:sum"]
    groups = (
        model.read_group(domain, aggregates, specs, lazy=False)
        if specs
        else model.read_group(domain, aggregates, [], lazy=False)
    )
    row_keys: dict[Any, str] = {}
    col_keys: dict[Any, str] = {}
    cells: dict[tuple[Any, Any], float] = {}
    for group in groups:
        row = group_key(group.get(rows_spec)) if rows_spec else "__all"
        col = group_key(group.get(cols_spec)) if cols_spec else "__all"
        row_keys.setdefault(row, group_label(model, rows_spec, group.get(rows_spec)) if rows_spec else "")
        col_keys.setdefault(col, group_label(model, cols_spec, group.get(cols_spec)) if cols_spec else "")
        cells[(row, col)] = cells.get((row, col), 0) + measure_value(group, measure, "__count")
    field = model._fields.get(measure)

    def fmt(value: float) -> str:
        return display(field, value) if field is not None else str(int(value))

    table_rows = []
    for row, label in row_keys.items():
        values = [cells.get((row, col), 0) for col in col_keys]
        table_rows.append({"label": label, "cells": [fmt(v) for v in values], "total": fmt(sum(values))})
    col_totals = [sum(cells.get((row, col), 0) for row in row_keys) for col in col_keys]
    return {
        "rows_spec": rows_spec or "",
        "cols_spec": cols_spec or "",
        "measure": measure,
        "groupable": groupable,
        "measurable": measurable,
        "headers": list(col_keys.values()),
        "rows": table_rows,
        "col_totals": [fmt(v) for v in col_totals],
        "grand_total": fmt(sum(col_totals)),
        "has_cols": bool(cols_spec),
    }


# -- the pivot page --------------------------------------------------------------------------
def build(
    env: Environment, model: Any, nav: Nav, arch: dict[str, Any], domain: list[Any], state: Any
) -> dict:
    """The pivot page's data, with the URL that swaps rows and columns."""
    data = build_pivot(env, model, arch, domain, request.args)
    data["flip_url"] = url_with(current_args(), rows=data["cols_spec"] or None, cols=data["rows_spec"])
    return data
