"""A faster writer of XML-RPC answers, byte for byte the standard library's.

``xmlrpc.client.dumps`` spent 0.6 ms writing the 80 rows of a ``search_read`` here, a fifth of the
whole call: it looks up a method per value and writes each one in three pieces. This writer handles
the types a record API answer is made of (text, integers, booleans, floats, lists, tuples and dicts
with text keys) with one test per value and one piece per scalar; anything else, and any value the
standard library refuses (an integer beyond 32 bits, a key that is not text, a recursive list),
goes to the standard library, which writes it or raises its usual error.
"""
from __future__ import annotations

import xmlrpc.client
from collections.abc import Callable
from typing import Any

_MAXINT, _MININT = xmlrpc.client.MAXINT, xmlrpc.client.MININT
_HEAD = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n"
_TAIL = "</param>\n</params>\n</methodResponse>\n"


class _Unsupported(Exception):
    """A value this writer leaves to the standard library."""


def dumps_response(result: Any) -> str:
    """``xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False, encoding="utf-8")``."""
    parts: list[str] = [_HEAD]
    try:
        _write(result, parts.append)
    except (_Unsupported, RecursionError):
        return xmlrpc.client.dumps((result,), methodresponse=True, allow_none=False, encoding="utf-8")
    parts.append(_TAIL)
    return "".join(parts)


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _write(value: Any, write: Callable[[str], Any]) -> None:
    kind = type(value)
    if kind is str:
        write(f"<value><string>{_escape(value)}</string></value>\n")
    elif kind is int:
        if value > _MAXINT or value < _MININT:
            raise _Unsupported
        write(f"<value><int>{value}</int></value>\n")
    elif kind is bool:
        write("<value><boolean>1</boolean></value>\n" if value else "<value><boolean>0</boolean></value>\n")
    elif kind is dict:
        write("<value><struct>\n")
        for key, item in value.items():
            if type(key) is not str:
                raise _Unsupported
            write(f"<member>\n<name>{_escape(key)}</name>\n")
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
        raise _Unsupported
