"""A faster writer of XML-RPC answers, byte for byte the standard library's on ``to_wire``'s values.

``xmlrpc.client.dumps`` spent 0.6 ms writing the 80 rows of a ``search_read`` here, a fifth of the
whole call: it looks up a method per value and writes each one in three pieces. This writer handles
the types a record API answer is made of (text, integers, booleans, floats, None, lists, tuples and
dicts) with one test per value and one piece per scalar, and converts on the way what ``to_wire``
would (None to False, characters XML cannot carry dropped, dates, decimals, recordsets...), so an
answer is walked once instead of twice. Any value the standard library refuses (an integer beyond 32
bits, a recursive list) goes to it after ``to_wire``, which writes it or raises its usual error.
"""
from __future__ import annotations

import xmlrpc.client
from collections.abc import Callable
from typing import Any

from core.rpc.values import to_wire, xml_text

_MAXINT, _MININT = xmlrpc.client.MAXINT, xmlrpc.client.MININT
_HEAD = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
_TAIL = "</param>\n</params>\n</methodResponse>\n"
_FALSE = "<value><boolean>0</boolean></value>\n"
_TRUE = "<value><boolean>1</boolean></value>\n"


class _Unsupported(Exception):
    """A value this writer leaves to the standard library."""


def dumps_response(result: Any) -> str:
    """``xmlrpc.client.dumps((to_wire(result, xml=True),), methodresponse=True, allow_none=False,
    encoding="utf-8")``."""
    parts: list[str] = [_HEAD]
    try:
        _write(result, parts.append)
    except (_Unsupported, RecursionError):
        wire = to_wire(result, xml=True)
        return xmlrpc.client.dumps((wire,), methodresponse=True, allow_none=False, encoding="utf-8")
    parts.append(_TAIL)
    return "".join(parts)


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _write(value: Any, write: Callable[[str], Any]) -> None:
    kind = type(value)
    if kind is str:
        write(f"<value><string>{_escape(xml_text(value))}</string></value>\n")
    elif kind is int:
        if value > _MAXINT or value < _MININT:
            raise _Unsupported
        write(f"<value><int>{value}</int></value>\n")
    elif kind is bool:
        write(_TRUE if value else _FALSE)
    elif value is None:
        write(_FALSE)
    elif kind is dict:
        write("<value><struct>\n")
        for key, item in value.items():
            write(f"<member>\n<name>{_escape(key if type(key) is str else str(key))}</name>\n")
            _write(item, write)
            write("</member>\n")
        write("</struct></value>\n")
    elif kind is list or kind is tuple:
        write("<value><array><data>\n")
        for item in value:
            _write(item, write)
        write("</data></array></value>\n")
    elif kind is float:
        write(f"<value><double>{value!r}</double></value>\n")
    else:
        wire = to_wire(value, xml=True)
        if type(wire) is kind:  # nothing to_wire changes: a type XML-RPC does not carry as such
            raise _Unsupported
        if type(wire) is str:  # as to_wire made it (it strips only what was text already)
            write(f"<value><string>{_escape(wire)}</string></value>\n")
        else:
            _write(wire, write)
