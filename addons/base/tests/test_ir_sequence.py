"""Sequences: prefixes and suffixes with date patterns, padding, standard and gapless numbering."""
from __future__ import annotations

import pytest

from core import clock


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_sequence_formats_prefix_padding_and_suffix(env, implementation):
    env["ir.sequence"].create({"name": "Tickets", "code": "test.ticket", "prefix": "T/%(year)s/",
                               "suffix": "-%(month)s", "padding": 4, "implementation": implementation})
    year, month = clock.utcnow().strftime("%Y"), clock.utcnow().strftime("%m")
    assert env["ir.sequence"].next_by_code("test.ticket") == f"T/{year}/0001-{month}"
    assert env["ir.sequence"].next_by_code("test.ticket") == f"T/{year}/0002-{month}"


def test_unknown_sequence_code_gives_false(env):
    assert env["ir.sequence"].next_by_code("no.such.code") is False


def test_sequence_step_must_be_positive(env):
    from core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="greater than zero"):
        env["ir.sequence"].create({"name": "Bad", "number_increment": 0})


# -- the next number, as scripts read and move it --------------------------------------------------
def make_counter(env, **values):
    return env["ir.sequence"].create({"name": "Counter", "code": "test.counter", "prefix": "C/",
                                      "padding": 3, **values})


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_number_next_actual_is_the_number_the_next_document_gets(env, implementation):
    sequence = make_counter(env, implementation=implementation)
    assert sequence.number_next_actual == 1
    env["ir.sequence"].next_by_code("test.counter")
    env["ir.sequence"].next_by_code("test.counter")
    assert (sequence.number_next, sequence.number_next_actual) == (3, 3)


@pytest.mark.parametrize("field", ["number_next_actual", "number_next"])
def test_writing_the_next_number_moves_the_numbering(env, field):
    sequence = make_counter(env)
    env["ir.sequence"].next_by_code("test.counter")
    sequence.write({field: 42})
    assert (sequence.number_next, sequence.number_next_actual) == (42, 42)
    assert env["ir.sequence"].next_by_code("test.counter") == "C/042"
    assert sequence.number_next_actual == 43


def test_writing_the_next_number_of_a_date_range_moves_that_subsequence(env):
    sequence = make_counter(env, prefix="%(range_year)s/", use_date_range=True)
    Sequence = env["ir.sequence"]
    assert Sequence.next_by_code("test.counter", sequence_date="2025-03-01") == "2025/001"
    assert Sequence.next_by_code("test.counter", sequence_date="2026-03-01") == "2026/001"
    range_2025 = sequence.date_range_ids.filtered(lambda r: r.date_from.year == 2025)
    assert range_2025.number_next_actual == 2
    range_2025.write({"number_next_actual": 500})
    assert Sequence.next_by_code("test.counter", sequence_date="2025-04-01") == "2025/500"
    assert Sequence.next_by_code("test.counter", sequence_date="2026-04-01") == "2026/002"
    sequence.write({"date_range_ids": [(1, range_2025.id, {"number_next_actual": 900})]})
    assert Sequence.next_by_code("test.counter", sequence_date="2025-05-01") == "2025/900"


def test_zero_restarts_at_one_and_a_negative_next_number_is_refused(env):
    from core.exceptions import ValidationError

    sequence = make_counter(env)
    sequence.write({"number_next_actual": 0})
    assert sequence.number_next == 1
    with pytest.raises(ValidationError, match="cannot be negative"):
        sequence.write({"number_next_actual": -5})
    assert sequence.number_next == 1


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_numbers_for_a_batch_are_taken_at_once_and_follow_the_step(env, implementation):
    sequence = make_counter(env, implementation=implementation, number_increment=2)
    assert sequence.next_many_by_id(3) == ["C/001", "C/003", "C/005"]
    assert sequence.next_by_id() == "C/007"
    assert sequence.next_many_by_id(0) == []


def test_numbers_for_a_batch_of_a_date_range_come_from_that_range(env):
    sequence = make_counter(env, prefix="%(range_year)s/", use_date_range=True)
    assert sequence.next_many_by_id(2, sequence_date="2025-03-01") == ["2025/001", "2025/002"]
    assert sequence.next_by_id(sequence_date="2025-06-01") == "2025/003"


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_numbers_for_dates_equal_one_call_per_document(env, implementation):
    sequence = make_counter(env, prefix="%(range_year)s/", use_date_range=True, implementation=implementation)
    dates = ["2025-12-30", "2026-01-02", "2025-12-31", "2026-03-01"]
    assert sequence.next_for_dates(dates) == ["2025/001", "2026/001", "2025/002", "2026/002"]
    assert sequence.next_by_id(sequence_date="2026-05-01") == "2026/003"
    assert sequence.next_for_dates([]) == []
