"""Tracked changes as the chatter shows them: "Active: Yes → No", "Phone: — → 600 11 12 22". Empty and
false values are shown as such rather than dropped, each value formatted for its field's type."""

from __future__ import annotations

from typing import Any

from core.i18n import _, translate
from web.i18n import format_date, format_datetime, format_money, format_number

TRACKING_FIELDS = (
    "field_desc",
    "field_id",
    "field_type",
    "currency_id",
    "old_value_char",
    "new_value_char",
    "old_value_integer",
    "new_value_integer",
    "old_value_float",
    "new_value_float",
    "old_value_datetime",
    "new_value_datetime",
    "old_value_display",
    "new_value_display",
)
EMPTY = "—"


def tracking_value(row: dict[str, Any], prefix: str) -> str:
    """One side (``old`` or ``new``) of a tracking value row, as text; an empty value as "—"."""
    kind = row.get("field_type") or ""
    char, integer = row.get(f"{prefix}_value_char"), row.get(f"{prefix}_value_integer")
    number, when = row.get(f"{prefix}_value_float"), row.get(f"{prefix}_value_datetime")
    if kind in ("many2one", "selection"):
        # the record's name today, in the reader's language ("Propuesta", not the stored "Proposition")
        char = row.get(f"{prefix}_value_display") or char
    if kind == "boolean":
        return _("Yes") if integer else _("No")
    if kind == "integer":
        return format_number(int(integer or 0))
    if kind == "monetary":
        currency = row.get("currency_id")
        return format_money(number or 0.0, currency[1] if isinstance(currency, (list, tuple)) else None)
    if kind == "float":
        return format_number(number or 0.0)
    if kind == "date":
        return format_date(when) if when else EMPTY
    if kind == "datetime":
        return format_datetime(when, "short") if when else EMPTY
    return str(char) if char not in (None, False, "") else EMPTY


def tracking_line(row: dict[str, Any]) -> dict[str, str]:
    """Label, old and new value of one ``mail.tracking.value`` row read with ``TRACKING_FIELDS``."""
    label = row.get("field_desc") or (row["field_id"][1] if row.get("field_id") else "")
    return {"label": translate(str(label)), "old": tracking_value(row, "old"),
            "new": tracking_value(row, "new")}
