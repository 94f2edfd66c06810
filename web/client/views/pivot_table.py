"""The pivot's table: row and column header trees of any depth, each header expanded or folded, the
measures of every (row header, column header) pair and the totals, from two read_group queries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from core.records.model import BaseModel
from web.client.drill import drill_value
from web.client.search import group_by_label
from web.client.views.analysis import COUNT, group_label, measure_value

COMBINE = {
    "sum": lambda total, amount, count: total + amount,
    "avg": lambda total, amount, count: total + amount * count,
    "min": lambda total, amount, count: min(total, amount),
    "max": lambda total, amount, count: max(total, amount),
}


def measure_kind(model: BaseModel, measure: str) -> str:
    """How a measure's cells and totals aggregate: the field's ``aggregator`` when it is an average, a
    minimum or a maximum, else a sum (counts included)."""
    field = model._fields.get(measure)
    kind = getattr(field, "aggregator", None) if field is not None else None
    return kind if kind in COMBINE else "sum"


@dataclass
class Header:
    path: tuple[str, ...]
    label: str
    cells: list[tuple[str, Any]]  # (spec, drill value) from the root down to this header
    trail: list[str] = field(default_factory=list)  # the labels from the root down to this header
    children: list[Header] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return len(self.path)

    @property
    def key(self) -> str:
        """The header's path as it travels in the URL."""
        return "[" + ",".join(self.path) + "]"


def _tree(
    groups: list[dict[str, Any]], model: BaseModel, specs: list[str], root_label: str
) -> dict[tuple, Header]:
    """Every header of one axis by path, children in the order of ``groups``."""
    root = Header((), root_label, [])
    nodes: dict[tuple, Header] = {(): root}
    for group in groups:
        parent = root
        for spec in specs:
            value = drill_value(group, spec)
            path = (*parent.path, json.dumps(value, separators=(",", ":")))
            node = nodes.get(path)
            if node is None:
                label = group_label(model, spec, group.get(spec))
                named = f"{group_by_label(model, spec)}: {label}"
                node = Header(path, label, [*parent.cells, (spec, value)], [*parent.trail, named])
                nodes[path] = node
                parent.children.append(node)
            parent = node
    return nodes


def _path(group: dict[str, Any], specs: list[str]) -> tuple[str, ...]:
    return tuple(json.dumps(drill_value(group, spec), separators=(",", ":")) for spec in specs)


@dataclass
class PivotTable:
    rows: dict[tuple, Header]
    cols: dict[tuple, Header]
    values: dict[tuple[tuple, tuple], list[float]]
    measures: list[str]
    row_specs: list[str]
    col_specs: list[str]
    row_folded: set[str]
    col_folded: set[str]

    def value(self, row: Header, col: Header) -> list[float]:
        return self.values.get((row.path, col.path)) or [0.0] * len(self.measures)

    def expanded(self, header: Header, axis: str) -> bool:
        specs, folded = (
            (self.row_specs, self.row_folded) if axis == "row" else (self.col_specs, self.col_folded)
        )
        return (
            header.depth < len(specs)
            and header.key not in folded
            and bool(header.children or not header.depth)
        )

    def visible(self, axis: str) -> list[Header]:
        """The headers shown, depth first: a folded header hides its descendants."""
        root = (self.rows if axis == "row" else self.cols)[()]
        shown: list[Header] = []

        def walk(node: Header) -> None:
            shown.append(node)
            if self.expanded(node, axis):
                for child in node.children:
                    walk(child)

        walk(root)
        return shown

    def leaf_cols(self) -> list[Header]:
        """The columns of values: every shown column header that is not expanded."""
        return [col for col in self.visible("col") if not self.expanded(col, "col")]


def compute(
    model: BaseModel,
    domain: list[Any],
    row_specs: list[str],
    col_specs: list[str],
    measures: list[str],
    folded: tuple[set[str], set[str]],
    total_label: str,
) -> PivotTable:
    """The table, from one query over both axes and one over the columns (which sets their order)."""
    kinds = [measure_kind(model, m) for m in measures]
    aggregates = [f"{m}:{kind}" for m, kind in zip(measures, kinds) if m != COUNT]
    groups = model.read_group(domain, aggregates, row_specs + col_specs, lazy=False)
    col_groups = model.read_group(domain, [], col_specs, lazy=False) if col_specs else []
    values: dict[tuple[tuple, tuple], list[float]] = {}
    counts: dict[tuple[tuple, tuple], float] = {}
    for group in groups:
        row_path, col_path = _path(group, row_specs), _path(group, col_specs)
        amounts = [float(measure_value(group, m, "__count")) for m in measures]
        count = float(group.get("__count") or 0)
        for i in range(len(row_path) + 1):
            for j in range(len(col_path) + 1):
                key = (row_path[:i], col_path[:j])
                slot = values.get(key)
                if slot is None:  # the first group of the cell gives its values as they are
                    values[key] = [a * count if kind == "avg" else a for a, kind in zip(amounts, kinds)]
                    counts[key] = count
                    continue
                counts[key] += count
                for k, (amount, kind) in enumerate(zip(amounts, kinds)):
                    slot[k] = COMBINE[kind](slot[k], amount, count)
    for key, slot in values.items():  # averages were kept weighted by their groups' counts
        for k, kind in enumerate(kinds):
            if kind == "avg":
                slot[k] = slot[k] / counts[key] if counts[key] else 0.0
    return PivotTable(
        rows=_tree(groups, model, row_specs, total_label),
        cols=_tree(col_groups, model, col_specs, total_label),
        values=values,
        measures=measures,
        row_specs=row_specs,
        col_specs=col_specs,
        row_folded=folded[0],
        col_folded=folded[1],
    )
