"""Records as REST JSON and back: null for empty values, many2one as {id, display_name}, x2many as id
lists, dates as ISO 8601 (datetimes in UTC with a Z)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from core.exceptions import invalid_field
from core.i18n import _
from core.rpc.values import to_wire
from web.rest.errors import ApiError

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.model import BaseModel

MAX_ID = 2**31 - 1
UNLISTED_TYPES = ("binary", "image")


def default_fields(model: BaseModel) -> list[str]:
    """Fields answered when the client names none: what the user may read, binaries left out."""
    return [
        name
        for name, field in model._fields.items()
        if field.type not in UNLISTED_TYPES and not field.secret and model._field_accessible(field)
    ]


def input_fields(model: BaseModel) -> dict[str, Field]:
    """Fields a client may write: stored or with an inverse, not read-only, not magic."""
    result = {}
    for name, field in model._fields.items():
        if name in ("id", "display_name", "create_uid", "create_date", "write_uid", "write_date"):
            continue
        writable = field.inverse or field.secret  # a write-only field (new_password) is set by its model
        if field.readonly or (field.computed and not writable) or (field.related and not field.store):
            continue
        result[name] = field
    return result


def parse_fields(model: BaseModel, value: str | None) -> list[str]:
    if not value:
        return default_fields(model)
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        if name not in model._fields:
            raise ApiError(400, invalid_field(name, model._name).message, field=name)
    return names


def record_json(model: BaseModel, row: dict[str, Any]) -> dict[str, Any]:
    """One row of ``read(load="_classic_read")`` as REST JSON."""
    result: dict[str, Any] = {}
    for name, value in row.items():
        field = model._fields.get(name)
        result[name] = value_json(field, value)
    return result


def value_json(field: Field | None, value: Any) -> Any:
    kind = field.type if field is not None else "integer"
    if kind == "boolean":
        return bool(value)
    if value is False or value is None:
        return [] if kind in ("one2many", "many2many") else None
    if kind == "many2one":
        record_id, name = value if isinstance(value, (list, tuple)) else (value, "")
        return {"id": record_id, "display_name": name}
    if kind == "datetime" and isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat() + "Z"
    return to_wire(value)


def body_values(model: BaseModel, body: Any, partial: bool) -> dict[str, Any]:
    """Values for create (``partial`` False) or write, checked against the writable fields."""
    if not isinstance(body, Mapping):
        raise ApiError(400, _("The request body must be a JSON object of field values."))
    writable = input_fields(model)
    values: dict[str, Any] = {}
    for name, value in body.items():
        field = model._fields.get(name)
        if field is None:
            raise ApiError(400, invalid_field(name, model._name).message, field=name)
        if name not in writable:
            raise ApiError(
                400,
                _("Field %(field)s of %(model)s cannot be written.", field=name, model=model._name),
                field=name,
            )
        values[name] = _value_in(field, value)
    if not values and partial:
        raise ApiError(400, _("Nothing to update: the body names no field."))
    return values


def _value_in(field: Field, value: Any) -> Any:
    kind = field.type
    if kind == "many2one" and isinstance(value, Mapping):
        value = value.get("id")
    if kind in ("many2one", "integer") and isinstance(value, int) and not isinstance(value, bool):
        if kind == "many2one" and not 0 < value <= MAX_ID:
            raise ApiError(
                400,
                _("Invalid id %(value)s for field %(field)s", value=value, field=field.name),
                field=field.name,
            )
        if not -MAX_ID - 1 <= value <= MAX_ID:
            raise ApiError(
                400,
                _("Value %(value)s of field %(field)s is out of range", value=value, field=field.name),
                field=field.name,
            )
    if isinstance(value, float) and not math.isfinite(value):
        raise ApiError(
            400, _("Value of field %(field)s must be a finite number", field=field.name), field=field.name
        )
    if (
        kind in ("one2many", "many2many")
        and isinstance(value, list)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        if any(not 0 < v <= MAX_ID for v in value):
            raise ApiError(400, _("Invalid ids for field %(field)s", field=field.name), field=field.name)
        return [(6, 0, value)]
    if value is None:
        return False
    return value
