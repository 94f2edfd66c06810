"""Odoo's value conventions on the wire: False for empty values, dates and datetimes as UTC strings,
lists for tuples, ids for recordsets. Used by every transport before serialising a result."""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# XML 1.0 forbids C0 control characters other than tab, newline and carriage return
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def to_wire(value: Any, xml: bool = False) -> Any:
    """``value`` made of JSON/XML-RPC types only; ``xml`` also strips characters XML cannot carry."""
    if value is None:
        return False
    if isinstance(value, str):
        return xml_text(value) if xml else value
    if isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Mapping):
        return {str(key): to_wire(item, xml) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_wire(item, xml) for item in value]
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if hasattr(value, "_ids") and hasattr(value, "_name"):
        return list(value.ids)
    return str(value)


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry."""
    if type(text) is str and text.isascii() and text.isprintable():  # the common case, without the pattern
        return text
    return _XML_FORBIDDEN.sub("", text)


def from_wire(value: Any) -> Any:
    """Arguments as the record API takes them: XML-RPC's DateTime and Binary become str and bytes."""
    if isinstance(value, list):
        return [from_wire(item) for item in value]
    if isinstance(value, dict):
        return {key: from_wire(item) for key, item in value.items()}
    kind = type(value).__name__
    if kind == "DateTime" and hasattr(value, "value"):
        text = value.value
        try:
            return dt.datetime.strptime(text, "%Y%m%dT%H:%M:%S").strftime(DATETIME_FORMAT)
        except ValueError:
            return text
    if kind == "Binary" and hasattr(value, "data"):
        return value.data
    if isinstance(value, dt.datetime):
        return value.strftime(DATETIME_FORMAT)
    return value
