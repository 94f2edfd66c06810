"""Filters of the back-office lists: each adds a domain leaf, which the record API applies along with the
user's record rules (flask-admin's SQLAlchemy filters would query the table directly)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from flask import request
from flask_admin.model.filters import BaseFilter

from core.fields.base import Field
from core.i18n import _, translate

FILTER_PARAM = re.compile(r"^flt(\d+)_(.+)$")


class DomainFilter(BaseFilter):
    """``field operator value`` as a domain leaf."""

    operator = "="
    kind = "equals"

    def __init__(self, field: Field, label: str, options: Any = None, data_type: str | None = None) -> None:
        super().__init__(label, options, data_type)
        self.field_name = field.name

    def domain(self, value: Any) -> list[Any]:
        return [(self.field_name, self.operator, self.clean(value))]

    def operation(self) -> str:
        return _("equals")


class ContainsFilter(DomainFilter):
    operator = "ilike"
    kind = "contains"

    def operation(self) -> str:
        return _("contains")


class NumberFilter(DomainFilter):
    def validate(self, value: Any) -> bool:
        try:
            float(value)
        except (TypeError, ValueError):
            return False
        return True

    def clean(self, value: Any) -> Any:
        number = float(value)
        return int(number) if number.is_integer() else number


class BooleanFilter(DomainFilter):
    def __init__(self, field: Field, label: str) -> None:
        super().__init__(field, label, options=(("1", _("Yes")), ("0", _("No"))))

    def clean(self, value: Any) -> bool:
        return value == "1"


def filters_of(field: Field, label: str) -> list[DomainFilter]:
    """The filters the list offers on ``field``, by its type."""
    if field.type == "boolean":
        return [BooleanFilter(field, label)]
    if field.type == "selection":
        options = tuple((key, translate(text)) for key, text in field.selection)
        return [DomainFilter(field, label, options=options)]
    if field.type in ("integer", "float", "monetary"):
        return [NumberFilter(field, label)]
    if field.type in ("char", "text", "many2one", "many2many"):
        return [ContainsFilter(field, label)]
    return []


# -- filters as links and small forms (the list works without scripts) -------------------------
def url_with_filter(arg: str, value: str) -> str:
    """This list with one more filter, named as flask-admin names them: ``flt<position>_<filter>``."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k not in ("flt_pick", "flt_value", "page")]
    used = [int(found.group(1)) for key, _value in pairs if (found := FILTER_PARAM.match(key))]
    if value.strip():
        pairs.append((f"flt{max(used, default=-1) + 1}_{arg}", value.strip()))
    return f"{request.path}?{urlencode(pairs)}" if pairs else request.path


def filter_chips(view: Any, active: dict[str, Any]) -> list[dict[str, str]]:
    """The active filters of ``view``'s list, each with its label and the URL of the list without it."""
    chips = []
    for param, value in active.items():
        found = FILTER_PARAM.match(param)
        entry = (view._filter_args or {}).get(found.group(2)) if found else None
        if entry is None:
            continue
        flt = entry[1]
        shown = dict(flt.get_options(view) or ()).get(str(value), value)
        pairs = [(k, v) for k, v in request.args.items(multi=True) if k not in (param, "page")]
        remove = f"{request.path}?{urlencode(pairs)}" if pairs else request.path
        chips.append({"label": f"{flt.name} {flt.operation()} {shown}", "remove": remove})
    return chips


def filter_forms(view: Any) -> list[dict[str, Any]]:
    """One small form per filter the list offers."""
    return [
        {"arg": arg, "label": f"{flt.name} ({flt.operation()})", "options": flt.get_options(view)}
        for arg, (_index, flt) in (view._filter_args or {}).items()
    ]
