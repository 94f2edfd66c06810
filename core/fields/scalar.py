"""Scalar field families: text, numbers, booleans, dates, binary and JSON."""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import nh3
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from core.fields.base import Field, field_type
from core.i18n import DEFAULT_LANG

if TYPE_CHECKING:
    from core.fields.validators import FormatContext
    from core.records.model_part import ModelPart

JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"


class Textual(Field):
    """Char, text and html share storage rules, including translations per language."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.format_check = self.attrs.get("validate")

    def sql_type(self) -> sa.types.TypeEngine:
        return JSON_TYPE if self.translate else sa.Text()

    def _clean(self, value: str) -> str:
        return value

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False:
            return None
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            value = str(value)
        if self.translate and isinstance(value, dict) and value and all(
                isinstance(k, str) and len(k) in (2, 5) and isinstance(v, str) for k, v in value.items()):
            # every translation at once: {"en_US": "Spain", "es_ES": "España"}
            return {lang: self._clean(text) for lang, text in value.items()}
        if not isinstance(value, str):
            raise self.error("Invalid value for field %(field)s: expected text, got %(kind)s.",
                             kind=type(value).__name__)
        value = self._clean(value)
        if self.translate:
            # the write path merges this into the stored translations of each record
            return {record.env.lang or DEFAULT_LANG: value}
        return value

    def check_format(self, value: Any, context: FormatContext) -> Any:
        """A cache value after the field's ``validate:`` check (normalised, or kept as typed when the
        check is lenient); ValidationError naming the field when a strict check refuses it."""
        from core.fields.validators import VALIDATORS

        if self.format_check is None:
            return value
        check = VALIDATORS[self.format_check]
        try:
            if isinstance(value, dict):
                return {lang: check(text, context) if text.strip() else text for lang, text in value.items()}
            return check(value, context) if value.strip() else value
        except ValueError as error:
            raise self.error("%(field)s: %(reason)s", reason=str(error)) from None

    def convert_to_search(self, value: Any, record: ModelPart) -> Any:
        # compared as given: no format check, no length limit, no cleaning (Odoo's domains do the same)
        if value is None or value is False:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return str(value)
        raise self.error("Invalid value for field %(field)s: expected text, got %(kind)s.",
                         kind=type(value).__name__)

    def merge_translation(self, current: Any, new: dict[str, str] | None) -> dict[str, str] | None:
        """Stored translations after writing ``new`` (one language) over ``current``."""
        if new is None:
            return None
        merged = dict(current) if isinstance(current, dict) else {}
        merged.update(new)
        if DEFAULT_LANG not in merged:
            merged[DEFAULT_LANG] = next(iter(new.values()))
        return merged

    def _pick(self, value: Any, record: ModelPart) -> Any:
        if isinstance(value, dict):
            lang = record.env.lang or DEFAULT_LANG
            return value.get(lang) or value.get(DEFAULT_LANG) or next(iter(value.values()), None)
        return value

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        value = self._pick(value, record)
        return False if value is None else value

    def convert_to_read(self, value: Any, record: ModelPart, load: str | None = "_classic_read") -> Any:
        return self.convert_to_record(value, record)

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        return value or False


@field_type("char")
class Char(Textual):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.size: int | None = self.attrs.get("size")

    def sql_type(self) -> sa.types.TypeEngine:
        return JSON_TYPE if self.translate else sa.String(self.size)

    def _clean(self, value: str) -> str:
        if self.size and len(value) > self.size:
            raise self.error("The value of %(field)s is too long: %(length)s characters, at most %(size)s.",
                             length=len(value), size=self.size)
        return value


@field_type("text")
class Text(Textual):
    pass


@field_type("html")
class Html(Textual):
    def _clean(self, value: str) -> str:
        if self.attrs.get("sanitize", True):
            return sanitize_html(value)
        return value


def sanitize_html(value: str) -> str:
    """HTML safe to render: scripts, handlers and foreign schemes removed."""
    return nh3.clean(value, link_rel="noopener noreferrer")


@field_type("integer")
class Integer(Field):
    default_aggregator = "sum"
    falsy_value = 0

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Integer()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False:
            return None
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        try:
            number = float(value) if not isinstance(value, str) else float(value.strip())
        except (TypeError, ValueError):
            raise self.error("Invalid value %(value)r for field %(field)s: expected a whole number.",
                             value=value) from None
        if number != int(number):
            raise self.error(
                "Invalid value %(value)r for field %(field)s: expected a whole number.", value=value
            )
        return int(number)

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        return value or 0

    convert_to_read = Field.convert_to_read


class Id(Integer):
    """The ``id`` field: the record's own id, never looked up (an empty recordset's id is False)."""

    def __get__(self, record: ModelPart | None, owner: type | None = None) -> Any:
        if record is None:
            return self
        ids = record._ids
        if len(ids) == 1:
            return ids[0]
        if not ids:
            return False
        raise ValueError(f"Expected singleton: {record!r} (reading field 'id')")

    def __set__(self, record: ModelPart, value: Any) -> None:
        raise ValueError("The id of a record cannot be changed")


@field_type("float")
class Float(Field):
    default_aggregator = "sum"
    falsy_value = 0.0

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.digits: tuple[int, int] | None = (
            tuple(self.attrs["digits"]) if self.attrs.get("digits") else None
        )

    def sql_type(self) -> sa.types.TypeEngine:
        if self.digits:
            return sa.Numeric(asdecimal=False)
        return sa.Float(asdecimal=False)

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False:
            return None
        if isinstance(value, bool):
            return float(value)
        try:
            number = float(value.strip() if isinstance(value, str) else value)
        except (TypeError, ValueError):
            raise self.error("Invalid value %(value)r for field %(field)s: expected a number.",
                             value=value) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.error(
                "Invalid value %(value)r for field %(field)s: expected a finite number.", value=value
            )
        if self.digits:
            number = round(number, self.digits[1])
        return number

    def convert_from_column(self, value: Any) -> Any:
        return None if value is None else float(value)

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        return value or 0.0


@field_type("monetary")
class Monetary(Float):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.currency_field: str | None = self.attrs.get("currency_field")

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Numeric(asdecimal=False)


@field_type("boolean")
class Boolean(Field):
    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Boolean()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in ("", "0", "false", "no", "off", "f", "n"):
                return False
            if lowered in ("1", "true", "yes", "on", "t", "y"):
                return True
            raise self.error(
                "Invalid value %(value)r for field %(field)s: expected true or false.", value=value
            )
        return bool(value)

    def convert_to_record(self, value: Any, record: ModelPart) -> Any:
        return bool(value)

    def convert_from_column(self, value: Any) -> Any:
        return bool(value) if value is not None else False


@field_type("date")
class Date(Field):
    default_aggregator = None

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.Date()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        raise self.error("Invalid date %(value)r for field %(field)s: expected YYYY-MM-DD.", value=value)

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        return value.strftime(DATE_FORMAT) if value else False


@field_type("datetime")
class Datetime(Field):
    def sql_type(self) -> sa.types.TypeEngine:
        return sa.DateTime()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False or value == "":
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            return value.replace(microsecond=0)
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        if isinstance(value, str):
            text = value.strip().replace("T", " ").removesuffix("Z")
            try:
                parsed = dt.datetime.fromisoformat(text)
            except ValueError:
                parsed = None
            if parsed is not None:
                return self.convert_to_cache(parsed, record)
        raise self.error("Invalid date and time %(value)r for field %(field)s: expected YYYY-MM-DD HH:MM:SS.",
                         value=value)

    def convert_from_column(self, value: Any) -> Any:
        if isinstance(value, str):  # SQLite returns text for some expressions
            return dt.datetime.fromisoformat(value)
        return value

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        return value.strftime(DATETIME_FORMAT) if value else False


@field_type("binary")
class Binary(Field):
    """Bytes. Callers write base64 text (as over RPC) or raw bytes; read() answers base64."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.attachment: bool = bool(self.attrs.get("attachment", False))
        self.copy = bool(self.attrs.get("copy", True))

    @property
    def column(self) -> bool:
        return self.store and not self.attachment

    def sql_type(self) -> sa.types.TypeEngine:
        return sa.LargeBinary()

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False or value == "" or value == b"":
            return None
        if isinstance(value, (bytes, bytearray, memoryview)):
            return bytes(value)
        if isinstance(value, str):
            try:
                return base64.b64decode(value.encode("ascii"), validate=True)
            except (binascii.Error, UnicodeEncodeError, ValueError):
                raise self.error("Invalid value for field %(field)s: expected base64-encoded data.") from None
        raise self.error("Invalid value for field %(field)s: expected base64-encoded data.")

    def convert_from_column(self, value: Any) -> Any:
        return bytes(value) if value is not None else None

    def convert_to_read(self, value: Any, record: ModelPart, load: str | None = "_classic_read") -> Any:
        if value is None:
            return False
        if record.env.context.get("bin_size"):
            return human_size(len(value))
        return base64.b64encode(value).decode("ascii")

    def convert_to_write(self, value: Any, record: ModelPart) -> Any:
        return base64.b64encode(value).decode("ascii") if value else False


def human_size(size: int) -> str:
    units = ("bytes", "Kb", "Mb", "Gb", "Tb")
    amount, unit = float(size), 0
    while amount >= 1024 and unit < len(units) - 1:
        amount /= 1024
        unit += 1
    return f"{amount:.2f} {units[unit]}"


@field_type("json")
class Json(Field):
    def sql_type(self) -> sa.types.TypeEngine:
        return JSON_TYPE

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        if value is None or value is False:
            return None
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise self.error("Invalid value for field %(field)s: not representable as JSON.") from None
        return value
