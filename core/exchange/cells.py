"""Cells of an imported file turned into field values, with Odoo's messages for the ones that are wrong.

Text cells come from CSV files, typed ones (numbers, dates) from XLSX files or RPC callers; both are
accepted. Dates and times are read in the user's time zone, as Odoo's import reads them, and stored
in UTC.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import TYPE_CHECKING, Any

from core.fields.selection import Selection
from core.i18n import LANGUAGES, _, translate

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.records.environment import Environment

TRUE_WORDS = frozenset({"1", "true", "yes", "y", "t", "x", "on", "sí", "si", "s", "verdadero"})
FALSE_WORDS = frozenset({"0", "false", "no", "n", "f", "off", "falso"})
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
TIME_FORMATS = ("%H:%M:%S", "%H:%M")


class RowError(Exception):
    """A problem with one cell or column: its message, the field it concerns and, as Odoo's ``moreinfo``,
    what would help to fix it (the values a selection accepts, where to look for a record)."""

    def __init__(self, message: str, field: str | None, moreinfo: Any = None) -> None:
        super().__init__(message)
        self.message, self.field, self.moreinfo = message, field, moreinfo


def is_empty(cell: Any) -> bool:
    return cell is None or cell is False or (isinstance(cell, str) and not cell.strip())


def label(field: Field) -> str:
    return translate(field.string)


class CellConverter:
    """Scalar cells to values ``create``/``write`` accept, for one load."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.tz: dt.tzinfo = env.tzinfo
        self.selections: dict[Field, dict[str, str]] = {}

    def convert(self, field: Field, value: Any) -> Any:
        """The write value of a non-empty cell of a scalar field; RowError when it is not valid."""
        kind = field.type
        if kind in ("char", "text", "html"):
            converted: Any = value if isinstance(value, str) else _plain_text(value)
        elif kind == "boolean":
            converted = self.boolean(field, value)
        elif kind == "integer":
            converted = self.integer(field, value)
        elif kind in ("float", "monetary"):
            converted = self.number(field, value)
        elif kind == "date":
            converted = self.date(field, value)
        elif kind == "datetime":
            converted = self.datetime(field, value)
        elif isinstance(field, Selection):
            converted = self.selection(field, str(value).strip())
        elif kind in ("binary", "image"):
            converted = self.binary(field, value)
        else:
            converted = value
        # the field's own checks (size, email, image...) run in create/write; a row they refuse is
        # found and named there
        return converted

    @staticmethod
    def boolean(field: Field, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise RowError(_("Unknown value '%(value)s' for boolean field '%(field)s'", value=value,
                         field=label(field)), field.name)

    @staticmethod
    def integer(field: Field, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            number = float(str(value).strip().replace(" ", "").replace("\u00a0", ""))
            if number != int(number):
                raise ValueError(value)
            return int(number)
        except (ValueError, OverflowError):
            raise RowError(_("'%(value)s' does not seem to be an integer for field '%(field)s'", value=value,
                             field=label(field)), field.name) from None

    @staticmethod
    def number(field: Field, value: Any) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        text = str(value).strip().replace(" ", "").replace("\u00a0", "")
        if "," in text and "." in text:
            # the separator written last is the decimal one: 1.234,56 or 1,234.56
            thousands = "." if text.rfind(",") > text.rfind(".") else ","
            text = text.replace(thousands, "")
        text = text.replace(",", ".")
        try:
            return float(text)
        except ValueError:
            raise RowError(_("'%(value)s' does not seem to be a number for field '%(field)s'", value=value,
                             field=label(field)), field.name) from None

    @staticmethod
    def date(field: Field, value: Any) -> str:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = str(value).strip()
        day = _parse_date(text.split(" ")[0].split("T")[0])
        if day is None:
            raise RowError(_("'%(value)s' does not seem to be a valid date for field '%(field)s'",
                             value=value, field=label(field)), field.name)
        return day.isoformat()

    def datetime(self, field: Field, value: Any) -> str:
        moment: dt.datetime | None
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, dt.date):
            moment = dt.datetime(value.year, value.month, value.day)
        else:
            moment = _parse_datetime(str(value).strip())
            if moment is None:
                raise RowError(_("'%(value)s' does not seem to be a valid datetime for field '%(field)s'",
                                 value=value, field=label(field)), field.name)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")

    def selection(self, field: Selection, value: str) -> str:
        """The key of a selection, given as its key or as its label in any language (any case)."""
        choices = self.selections.get(field)
        if choices is None:
            choices = {}
            for key, name in field.selection:
                for text in [name, *(translate(name, lang) for lang in LANGUAGES)]:
                    choices.setdefault(str(text).strip().lower(), key)
            for key, _name in field.selection:
                choices[str(key).lower()] = key
            self.selections[field] = choices
        if value in dict(field.selection):
            return value
        found = choices.get(value.lower())
        if found is None:
            raise RowError(_("Value '%(value)s' not found in selection field '%(field)s'", value=value,
                             field=label(field)), field.name,
                           [translate(name) or str(key) for key, name in field.selection])
        return found

    @staticmethod
    def binary(field: Field, value: Any) -> Any:
        if isinstance(value, (bytes, bytearray)):
            return bytes(value)
        text = "".join(str(value).split())
        try:
            base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise RowError(_("Invalid base64 data for field '%(field)s'", field=label(field)),
                           field.name) from None
        return text


def _plain_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _parse_date(text: str) -> dt.date | None:
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_datetime(text: str) -> dt.datetime | None:
    text = text.replace("T", " ").removesuffix("Z").strip()
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    day_text, _space, time_text = text.partition(" ")
    day = _parse_date(day_text)
    if day is None:
        return None
    if not time_text:
        return dt.datetime(day.year, day.month, day.day)
    for pattern in TIME_FORMATS:
        try:
            moment = dt.datetime.strptime(time_text, pattern).time()
        except ValueError:
            continue
        return dt.datetime.combine(day, moment)
    return None
