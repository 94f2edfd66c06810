"""Pivot tables and graphs over read_group: what can be grouped and measured, and group labels."""

from __future__ import annotations

from typing import Any

from core.i18n import _, translate
from core.records.model import BaseModel
from web.client.formatting import display

COUNT = "__count"


def groupable_fields(model: BaseModel) -> list[tuple[str, str]]:
    """(spec, label) of the fields a pivot or graph can group by (dates by month)."""
    result = []
    for name, field in model._fields.items():
        if not field.column or not model._field_accessible(field) or name == "id":
            continue
        if field.type in ("many2one", "selection", "boolean", "char"):
            result.append((name, translate(field.string)))
        elif field.type in ("date", "datetime"):
            result.append((f"{name}:month", translate(field.string)))
    return sorted(result, key=lambda item: item[1].lower())


def measurable_fields(model: BaseModel) -> list[tuple[str, str]]:
    result = [(COUNT, _("Count"))]
    for name, field in model._fields.items():
        if (
            field.column
            and field.type in ("integer", "float", "monetary")
            and name not in ("id", "color", "sequence")
            and model._field_accessible(field)
        ):
            result.append((name, translate(field.string)))
    return result


def valid_spec(model: BaseModel, spec: str | None, choices: list[tuple[str, str]]) -> str | None:
    if not spec:
        return None
    if spec in dict(choices):
        return spec
    name, _sep, interval = spec.partition(":")
    field = model._fields.get(name)
    if (
        field is not None
        and field.type in ("date", "datetime")
        and interval in ("day", "week", "month", "quarter", "year")
    ):
        return spec if (f"{name}:month" in dict(choices)) else None
    return None


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
