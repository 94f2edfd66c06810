"""Scalar field types: what each stores, what it refuses, and how it reads back."""
from __future__ import annotations

import base64
import datetime as dt
import io

import pytest
import sqlalchemy as sa
from PIL import Image

from core.exceptions import ValidationError


def _column_value(env, record, column):
    table = record._table
    return env.cr.execute(sa.select(table.c[column]).where(table.c.id == record.id)).scalar()


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# -- char / text / html -----------------------------------------------------------------------
def test_char_within_size_is_stored(make_record):
    record = make_record("x" * 64)
    assert record.name == "x" * 64


def test_char_longer_than_size_is_refused_naming_field(env):
    with pytest.raises(
        ValidationError, match=r"'Name' \(name\) is too long: 65 characters, at most 64"
    ) as info:
        env["test.record"].create({"name": "x" * 65})
    assert info.value.field == "name"


def test_char_column_has_declared_length(env):
    assert env["test.record"]._table.c.name.type.length == 64


def test_char_refuses_a_dict_value(env):
    with pytest.raises(ValidationError, match="expected text, got dict"):
        env["test.record"].create({"name": {"a": 1}})


def test_char_number_is_stored_as_text(make_record):
    assert make_record(name=42).name == "42"


def test_text_stores_long_text(make_record):
    text = "line\n" * 5000
    record = make_record(note_raw=text)
    assert record.note_raw == text


def test_html_is_sanitised(make_record):
    record = make_record(note='<p onclick="steal()">Hi<script>alert(1)</script></p>')
    assert record.note == "<p>Hi</p>"


def test_html_links_get_safe_rel(make_record):
    record = make_record(note='<a href="https://example.com">x</a>')
    assert 'rel="noopener noreferrer"' in record.note


def test_html_without_sanitize_keeps_markup(make_record):
    record = make_record(note_raw="<p>Hi<script>x()</script></p>")
    assert record.note_raw == "<p>Hi<script>x()</script></p>"


def test_empty_char_reads_false(make_record):
    assert make_record().read(["code"])[0]["code"] is False


# -- numbers ----------------------------------------------------------------------------------
def test_integer_accepts_numeric_text(make_record):
    assert make_record(sequence="7").sequence == 7


def test_integer_refuses_fraction(env):
    with pytest.raises(ValidationError, match=r"Invalid value 1.5 for field 'Sequence' \(sequence\)"):
        env["test.record"].create({"name": "n", "sequence": 1.5})


def test_integer_refuses_words(env):
    with pytest.raises(ValidationError, match="expected a whole number"):
        env["test.record"].create({"name": "n", "sequence": "abc"})


def test_empty_integer_reads_zero(make_record):
    assert make_record(sequence=False).read(["sequence"])[0]["sequence"] == 0


def test_float_with_digits_is_rounded(env, make_record):
    record = make_record(amount=2.345678)
    assert record.amount == 2.35
    env.cache.invalidate()
    assert _column_value(env, record, "amount") == pytest.approx(2.35)


def test_float_without_digits_keeps_precision(make_record):
    assert make_record(ratio=0.123456789).ratio == 0.123456789


@pytest.mark.parametrize("value", ["nan", float("inf"), "12,5"])
def test_float_refuses_non_finite_or_malformed(env, value):
    with pytest.raises(ValidationError, match=r"'Amount' \(amount\)"):
        env["test.record"].create({"name": "n", "amount": value})


def test_monetary_stores_amount_and_names_its_currency_field(env, make_record):
    eur = env.ref("base.EUR")
    record = make_record(price=19.99, currency_id=eur.id)
    assert record.price == 19.99
    assert env["test.record"].fields_get(["price"])["price"]["currency_field"] == "currency_id"


# -- boolean ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), ("yes", True), ("0", False), (0, False), (None, False)]
)
def test_boolean_converts_usual_spellings(make_record, value, expected):
    assert make_record(flag=value).flag is expected


def test_boolean_refuses_unknown_word(env):
    with pytest.raises(ValidationError, match="expected true or false"):
        env["test.record"].create({"name": "n", "flag": "maybe"})


# -- dates ------------------------------------------------------------------------------------
def test_date_from_text(make_record):
    assert make_record(date="2024-03-15").date == dt.date(2024, 3, 15)


def test_date_refuses_impossible_date(env):
    with pytest.raises(ValidationError, match=r"Invalid date '2024-13-45' for field 'Date' \(date\)"):
        env["test.record"].create({"name": "n", "date": "2024-13-45"})


def test_datetime_from_text_drops_microseconds(make_record):
    record = make_record(moment="2024-03-15 10:20:30.123456")
    assert record.moment == dt.datetime(2024, 3, 15, 10, 20, 30)


def test_datetime_with_timezone_is_stored_in_utc(make_record):
    aware = dt.datetime(2024, 3, 15, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert make_record(moment=aware).moment == dt.datetime(2024, 3, 15, 10, 0)


def test_datetime_refuses_garbage(env):
    with pytest.raises(ValidationError, match="expected YYYY-MM-DD HH:MM:SS"):
        env["test.record"].create({"name": "n", "moment": "yesterday"})


# -- binary, image, json ----------------------------------------------------------------------
def test_binary_takes_base64_and_reads_base64(make_record):
    record = make_record(data=base64.b64encode(b"\x00\x01hello").decode())
    assert record.data == b"\x00\x01hello"
    assert record.read(["data"])[0]["data"] == base64.b64encode(b"\x00\x01hello").decode()


def test_binary_with_bin_size_reads_size(make_record):
    record = make_record(data=b"x" * 2048)
    assert record.with_context(bin_size=True).read(["data"])[0]["data"] == "2.00 Kb"


def test_binary_refuses_invalid_base64(env):
    with pytest.raises(ValidationError, match="expected base64-encoded data"):
        env["test.record"].create({"name": "n", "data": "not base64!"})


def test_image_is_shrunk_within_its_maximum_keeping_ratio(make_record):
    record = make_record(picture=_png(300, 200))
    image = Image.open(io.BytesIO(record.picture))
    assert image.size == (64, 43)


def test_image_refuses_bytes_that_are_not_an_image(env):
    with pytest.raises(ValidationError, match="could not be decoded as an image file"):
        env["test.record"].create({"name": "n", "picture": b"plain text"})


def test_json_round_trips_structures(env, make_record):
    payload = {"a": [1, 2, {"b": None}], "c": "ñ"}
    record = make_record(payload=payload)
    env.cache.invalidate()
    assert record.payload == payload


def test_json_refuses_values_it_cannot_represent(env):
    with pytest.raises(ValidationError, match=r"'Payload' \(payload\): not representable as JSON"):
        env["test.record"].create({"name": "n", "payload": {"when": object()}})


def test_refused_value_creates_nothing(env):
    before = env["test.record"].search_count([])
    with pytest.raises(ValidationError):
        env["test.record"].create([{"name": "good"}, {"name": "bad", "sequence": "x"}])
    assert env["test.record"].search_count([]) == before
