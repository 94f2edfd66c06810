"""A drill-down: the records behind one cell of a pivot or one bar of a graph, as a facet of the URL.

The ``dd`` parameter is JSON ``{"label": "...", "cells": [[spec, value], ...]}``: each pair names a
group-by (``stage_id``, ``date_deadline:month``) and the group's value (an id, a string, a boolean,
false for the empty group, ``[from, to]`` for a date interval)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from core.domain.parse import AND_
from core.exceptions import ValidationError
from core.i18n import _
from core.records.model import BaseModel


def drill_value(group: dict[str, Any], spec: str) -> Any:
    """The value identifying ``group`` (a read_group result) for ``spec``, as a drill-down stores it."""
    value = group.get(spec)
    if ":" in spec or (isinstance(group.get("__range"), dict) and spec in group["__range"]):
        bounds = (group.get("__range") or {}).get(spec)
        return [bounds["from"], bounds["to"]] if bounds else False
    if isinstance(value, (tuple, list)):
        return value[0]
    return False if value is None else value


def drill_param(label: str, cells: list[tuple[str, Any]]) -> str:
    return json.dumps({"label": label, "cells": [list(cell) for cell in cells]}, separators=(",", ":"))


def parse_drill(model: BaseModel, text: str) -> dict[str, Any]:
    """The drill-down of the URL, checked: every group-by names a stored field of the model."""
    from web.client.search import groupable

    try:
        drill = json.loads(text)
        cells = drill["cells"]
        label = str(drill.get("label") or "")
        assert isinstance(cells, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise ValidationError(_("The drill-down of the address is not valid.")) from None
    checked = []
    for cell in cells:
        if not (isinstance(cell, list) and len(cell) == 2 and isinstance(cell[0], str)):
            raise ValidationError(_("The drill-down of the address is not valid."))
        spec, value = cell
        if not groupable(model, spec):
            raise ValidationError(
                _("The drill-down cannot group %(model)s by %(field)s.", model=model._name, field=spec)
            )
        field = model._fields[spec.partition(":")[0]]
        if field.type in ("date", "datetime") and value is not False:
            if not (isinstance(value, list) and len(value) == 2):
                raise ValidationError(_("The drill-down's %(field)s needs a date range.", field=spec))
            for bound in value:
                try:
                    dt.datetime.fromisoformat(str(bound))
                except ValueError:
                    raise ValidationError(
                        _(
                            "The drill-down's %(field)s has an invalid date %(value)r.",
                            field=spec,
                            value=bound,
                        )
                    ) from None
        elif isinstance(value, (dict, list)) or value is None:
            raise ValidationError(_("The drill-down's %(field)s has an invalid value.", field=spec))
        checked.append([spec, value])
    return {"label": label, "cells": checked}


def drill_domain(model: BaseModel, drill: dict[str, Any]) -> list[Any]:
    """The domain of exactly the records of the drilled cell."""
    parts: list[list[Any]] = []
    for spec, value in drill["cells"]:
        name = spec.partition(":")[0]
        if isinstance(value, list):
            parts.append(["&", (name, ">=", value[0]), (name, "<", value[1])])
        else:
            parts.append([(name, "=", value)])
    return AND_(parts) if parts else []
