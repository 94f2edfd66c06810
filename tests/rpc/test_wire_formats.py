"""The faster wire writers answer what the standard library would: the XML-RPC writer byte for byte,
orjson's JSON with the same values (dates, floats, non-ASCII text), falling back where orjson differs."""
from __future__ import annotations

import datetime as dt
import json
import math
import uuid
import xmlrpc.client
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from core.rpc.values import to_wire
from web import wire_json
from web.rpc.xml_writer import dumps_response


def _stdlib_xml(value):
    """What XML-RPC answered before the writer converted as it wrote: to_wire, then the standard library."""
    wire = to_wire(value, xml=True)
    return xmlrpc.client.dumps((wire,), methodresponse=True, allow_none=False, encoding="utf-8")


class _Count(int):
    """An int of a type of its own: neither to_wire nor the standard library know it."""


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
scalars = (text | st.integers(min_value=-(2**31), max_value=2**31 - 1) | st.booleans()
           | st.floats(allow_nan=True, allow_infinity=True))
values = st.recursive(scalars, lambda children: st.lists(children, max_size=5)
                      | st.tuples(children, children)
                      | st.dictionaries(text, children, max_size=5), max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(values)
def test_xml_writer_is_the_standard_library_byte_for_byte(value):
    assert dumps_response(value) == _stdlib_xml(value)


@pytest.mark.parametrize("value", [
    [{"id": 1, "name": "Ñandú & <Cía> \"SL\" 'x' ½ 日本 🚀", "active": True, "rate": 0.1, "big": 1e300,
      "tiny": 5e-324, "neg": -0.0, "country_id": [68, "España"], "note": False}],
    {"": "", "a&b": ["<", ">", "&amp;"], "nested": {"deep": [[], {}, ()]}},
    2**31 - 1, -(2**31), 0, True, False, "", 3.0, 1e16,
])
def test_xml_writer_on_typical_answers(value):
    assert dumps_response(value) == _stdlib_xml(value)


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 1, 31, 10, 0, 5), xmlrpc.client.Binary(b"\x00\xff data"), b"raw bytes",
    xmlrpc.client.DateTime("20260131T10:00:00"), [{"when": dt.datetime(2026, 1, 1)}],
])
def test_values_the_writer_leaves_to_the_standard_library(value):
    assert dumps_response(value) == _stdlib_xml(value)


@pytest.mark.parametrize("value", [
    None, [1, None], {1: "x", None: [None]}, {"a": {2: 3}}, "tab\tline\nbell\x07 nul\x00 ok", ["\x1f<&>"],
    {"when": dt.datetime(2026, 1, 31, 10, 0, 5, tzinfo=dt.UTC), "day": dt.date(2026, 2, 1)},
    [Decimal("1.25"), {3, 4}, frozenset(), b"\x00\xff"], Markup("<b>bold</b> \x01"),
    {"nested": ({"k": None},)}, "ñ\x0bñ", "plain ascii",
])
def test_the_writer_converts_as_to_wire_does(value):
    assert dumps_response(value) == _stdlib_xml(value)


@pytest.mark.parametrize("value, error", [
    (2**31, OverflowError), ([1, _Count(2)], TypeError), ({"a": [_Count(3)]}, TypeError),
])
def test_values_xml_rpc_cannot_carry_raise_the_standard_librarys_error(value, error):
    with pytest.raises(error) as ours:
        dumps_response(value)
    with pytest.raises(error) as theirs:
        _stdlib_xml(value)
    assert str(ours.value) == str(theirs.value)


def test_a_recursive_list_is_refused_as_to_wire_does():
    looped: list = []
    looped.append(looped)
    with pytest.raises(RecursionError):
        dumps_response(looped)


def _stdlib_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))


json_values = st.recursive(
    text | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(text, children, max_size=5),
    max_leaves=40)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_json_has_the_standard_librarys_values(value):
    ours = wire_json.dumps(value)
    assert json.loads(ours) == json.loads(_stdlib_json(value))


@pytest.mark.parametrize("value", [
    {"jsonrpc": "2.0", "id": 7, "result": [{"id": 1, "name": "Ñandú 日本 🚀 \"q\" \\ \n\t\u2028",
                                             "country_id": [68, "España"], "active": False}]},
    {"date": dt.date(2026, 1, 31), "at": dt.datetime(2026, 1, 31, 10, 0, 5), "amount": Decimal("10.50"),
     "id": uuid.UUID(int=5), "when": dt.datetime(2026, 1, 31, 10, 0, tzinfo=dt.UTC), "time": dt.time(9, 30)},
    {"big": 2**70, "keys": {1: "a", None: "b"}},  # beyond orjson: the standard library writes them
    {"floats": [0.1, 1.5, -2.25, 100.0, 123456.789, 0.0]},
    "\x00 control \x1f", [], {},
])
def test_json_bytes_are_the_standard_librarys(value):
    assert wire_json.dumps(value) == _stdlib_json(value).encode()


def test_large_and_small_floats_keep_their_value():
    for number in (1e16, 1e-7, 5e-324, 1.7976931348623157e308, 2.5e-5):
        assert json.loads(wire_json.dumps([number])) == [number]


def test_nan_becomes_null_which_json_can_carry():
    assert wire_json.dumps([math.nan, math.inf]) == b"[null,null]"


def test_loads_reads_what_the_standard_library_reads():
    assert wire_json.loads(b'{"a": [1, 2.5, "\\u00f1"], "b": null}') == {"a": [1, 2.5, "ñ"], "b": None}
    assert wire_json.loads(b"[123456789012345678901234567890]") == [123456789012345678901234567890]
    with pytest.raises(ValueError):
        wire_json.loads(b"{not json")
