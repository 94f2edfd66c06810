"""Values as the user reads them in lists, cards and read-only form fields: many2one names,
selection labels, dates in the user's time zone, numbers and money in the user's locale."""

from __future__ import annotations

import re
from typing import Any

from core.fields.base import Field
from core.i18n import _, translate
from web.i18n import format_date, format_datetime, format_money, format_number

_TAGS = re.compile(r"<[^>]+>")


def currency_code(row: dict[str, Any], field: Field) -> str | None:
    """The ISO code of a monetary value's currency, from the row's currency field as read()."""
    currency = row.get(getattr(field, "currency_field", None) or "currency_id")
    if isinstance(currency, (tuple, list)) and len(currency) == 2:
        return str(currency[1]) or None
    return None


def display(
    field: Field, value: Any, row: dict[str, Any] | None = None, names: dict[int, str] | None = None
) -> str:
    """``value`` (read() format) of ``field`` as text; ``names`` gives x2many display names."""
    kind = field.type
    if kind == "boolean":
        return _("Yes") if value else _("No")
    if kind in ("integer", "float", "monetary") and isinstance(value, str):
        return value  # a typo posted back to a form with errors shows as typed
    if kind in ("integer",):
        return format_number(value) if value or value == 0 else ""
    if kind == "float":
        digits = field.digits[1] if getattr(field, "digits", None) else 2
        return format_number(value, digits) if value is not False and value is not None else ""
    if kind == "monetary":
        return format_money(value or 0.0, currency_code(row or {}, field))
    if value is None or value is False or value == "":
        return ""
    if kind == "many2one":
        return str(value[1]) if isinstance(value, (tuple, list)) else str(value)
    if kind == "selection":
        return next((translate(label) for key, label in field.selection if key == value), str(value))
    if kind in ("date", "datetime"):
        try:
            return format_date(value) if kind == "date" else format_datetime(value)
        except ValueError:  # a typo posted back to a form with errors shows as typed
            return str(value)
    if kind in ("one2many", "many2many"):
        if names is not None:
            return ", ".join(names.get(i, "") for i in value)
        return _("%(count)s records", count=len(value))
    if kind == "html":
        return _TAGS.sub(" ", str(value)).strip()
    if kind in ("binary", "image"):
        return str(value) if isinstance(value, str) and not value.endswith("=") else _("File")
    if kind == "json":
        return str(value)
    return str(value)


def company_currency_row(env: Any, field: Field) -> dict[str, Any]:
    """A row carrying the company's currency, to show a total of a monetary field."""
    currency = getattr(field, "currency_field", None)
    if field.type != "monetary" or not currency or "res.company" not in env:
        return {}
    company_currency = env.company.currency_id
    return {currency: (company_currency.id, company_currency.name)} if company_currency else {}


def stars(field: Field, value: Any) -> str:
    """A priority selection as stars: the position of the value among the choices."""
    keys = [key for key, _label in field.selection]
    filled = keys.index(value) if value in keys else 0
    return "★" * filled + "☆" * (len(keys) - 1 - filled)


def is_numeric(field: Field) -> bool:
    return field.type in ("integer", "float", "monetary")


def x2many_names(env: Any, field: Field, rows: list[dict[str, Any]]) -> dict[int, str]:
    """Display names of every record an x2many column of ``rows`` refers to, in one query."""
    ids = sorted({i for row in rows for i in row.get(field.name) or ()})
    if not ids:
        return {}
    return dict(env[field.comodel_name].browse(ids).name_get())
