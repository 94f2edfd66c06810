"""A domain compares values, it never validates them: what a write would refuse simply matches or not.
Only the coercion SQL needs stays (a number for an integer field)."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def partner(env):
    return env["res.partner"].create({"name": "Values in domains", "phone": "+34 600 000 001",
                                      "email": "values@example.com", "vat": "BE0403019261"})


@pytest.mark.parametrize(("field", "value"), [
    ("phone", "(441)-695-2334"),
    ("mobile", "not a number"),
    ("vat", "US12345672"),
    ("email", "x"),
])
def test_values_a_strict_write_refuses_match_nothing(env, partner, field, value):
    env.company.write({"strict_contact_checks": True, "vat_check_vies": True})
    assert env["res.partner"].search([(field, "=", value)]) == env["res.partner"]
    with pytest.raises(ValidationError):
        partner.write({field: value})


@pytest.mark.parametrize("field", ["phone", "vat", "email"])
def test_stored_values_are_found_as_stored(env, partner, field):
    value = partner[field]
    assert env["res.partner"].search([(field, "=", value)]) == partner
    assert partner in env["res.partner"].search([(field, "in", [value, "(441)-695-2334", "x"])])
    assert partner not in env["res.partner"].search([(field, "!=", value)])


def test_a_value_longer_than_the_field_is_compared(env, make_record):
    record = make_record("short")
    assert env["test.record"].search([("name", "=", "x" * 100)]) == env["test.record"]
    assert record in env["test.record"].search([("name", "!=", "x" * 100)])


def test_an_unknown_selection_value_matches_nothing(env, make_record):
    record = make_record("draft one")
    assert env["test.record"].search([("state", "=", "nonexistent")]) == env["test.record"]
    assert record in env["test.record"].search([("state", "not in", ["nonexistent"])])


def test_a_number_is_compared_with_text_as_text(env, make_record):
    record = make_record("12345")
    assert env["test.record"].search([("name", "=", 12345)]) == record


def test_an_integer_field_still_needs_a_number(env):
    with pytest.raises(ValidationError, match="Invalid value 'abc' in leaf"):
        env["test.record"].search([("sequence", "=", "abc")])
