"""Answers to a service's questions: checked and normalised against the attributes defined as data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from core import _


class AttributeError_(ValueError):
    """An answer that does not fit its attribute; ``code`` names it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class Attribute(Protocol):
    code: str
    datatype: str
    required: bool
    variable: bool


def _as_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v) != ""]
    return [v for v in str(value).split(",") if v] if value not in (None, "") else []


def parse_datetime(value: str) -> dt.datetime:
    """A W3C datetime with a time zone (``2026-03-02T09:00:00+01:00`` or ``...Z``) as naive UTC."""
    text = str(value).strip().replace("Z", "+00:00").replace("z", "+00:00")
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(_("a time zone is required (e.g. 2026-03-02T09:00:00+01:00 or ...Z)"))
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def normalise(
    attributes: Iterable[Any], values: dict[str, Any], choices: dict[str, set[str]]
) -> dict[str, Any]:
    """The answers as stored: numbers as numbers, datetimes as UTC text (...Z), choices as keys (a list for
    multiple choice). Raises AttributeError_ naming the first attribute that does not fit."""
    by_code = {a.code: a for a in attributes}
    unknown = sorted(set(values) - set(by_code))
    if unknown:
        raise AttributeError_(
            unknown[0], _("attribute[%(code)s] is not a question of this service", code=unknown[0])
        )
    result: dict[str, Any] = {}
    for code, attribute in by_code.items():
        raw = values.get(code)
        empty = raw is None or raw == "" or raw == []
        if empty:
            if attribute.required and attribute.variable:
                raise AttributeError_(code, _("attribute[%(code)s] is required", code=code))
            continue
        result[code] = _convert(attribute, raw, choices.get(code, set()))
    return result


def _convert(attribute: Any, raw: Any, keys: set[str]) -> Any:
    code, kind = attribute.code, attribute.datatype
    if kind == "number":
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise AttributeError_(
                code, _("attribute[%(code)s] must be a number, not %(value)r", code=code, value=raw)
            )
        return int(number) if number.is_integer() else number
    if kind == "datetime":
        try:
            return parse_datetime(raw).strftime("%Y-%m-%dT%H:%M:%SZ")
        except ValueError as error:
            raise AttributeError_(code, _("attribute[%(code)s]: %(reason)s", code=code, reason=str(error)))
    if kind == "singlevaluelist":
        if isinstance(raw, (list, tuple)):
            if len(raw) != 1:
                raise AttributeError_(code, _("attribute[%(code)s] takes one choice", code=code))
            raw = raw[0]
        if str(raw) not in keys:
            raise AttributeError_(
                code,
                _(
                    "attribute[%(code)s]: %(value)r is not one of %(keys)s",
                    code=code,
                    value=raw,
                    keys=", ".join(sorted(keys)),
                ),
            )
        return str(raw)
    if kind == "multivaluelist":
        picked = _as_list(raw)
        wrong = [v for v in picked if v not in keys]
        if wrong:
            raise AttributeError_(
                code,
                _(
                    "attribute[%(code)s]: %(value)r is not one of %(keys)s",
                    code=code,
                    value=wrong[0],
                    keys=", ".join(sorted(keys)),
                ),
            )
        return picked
    return str(raw)
