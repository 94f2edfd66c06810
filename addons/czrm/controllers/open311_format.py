"""Open311 GeoReport v2 answers in both formats: JSON (lists at the top, except the discovery and a
service definition, which the specification gives as objects) and XML wrapped as the specification
shows (``<services><service>``, ``<service_requests><request>``, ``<errors><error>``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from xml.etree import ElementTree as ET

from flask import Response

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
# what each list's items are called in XML
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}


def w3c(moment: dt.datetime | None) -> str | None:
    """A stored (naive UTC) datetime in W3C form with its time zone: ``2026-03-02T08:00:00Z``."""
    if not moment:
        return None
    return moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, item in value.items():
            _xml(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _xml(element, ITEM_TAGS.get(tag, "item"), item)
    else:
        element.text = _text(value)


def to_xml(root: str, payload: Any) -> bytes:
    """``payload`` (a list of items or an object) under the ``root`` element."""
    document = ET.Element(root)
    if isinstance(payload, list):
        for item in payload:
            _xml(document, ITEM_TAGS[root], item)
    else:
        for key, value in payload.items():
            _xml(document, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(document, encoding="utf-8")


def answer(fmt: str, root: str, payload: Any, status: int = 200) -> Response:
    """The response of ``payload``: JSON as it is, XML under ``root``."""
    if fmt == "json":
        body = json.dumps(payload, ensure_ascii=False).encode()
    else:
        body = to_xml(root, payload)
    return Response(body, status=status, content_type=FORMATS[fmt])


def error(fmt: str, status: int, description: str) -> Response:
    """An error list of the specification: ``[{"code", "description"}]`` / ``<errors><error>``."""
    return answer(fmt, "errors", [{"code": status, "description": description}], status)
