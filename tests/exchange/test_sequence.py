"""ir.sequence: formatted numbers by id and by code, placeholders, and distinct numbers under concurrency."""
from __future__ import annotations

import threading

import pytest

from core import clock
from core.exceptions import UserError, ValidationError
from core.records.environment import SUPERUSER_ID, Environment


def make_sequence(env, **values):
    return env["ir.sequence"].create({"name": "Test", "code": "test.seq", "padding": 4, **values})


def test_next_by_code_formats_prefix_and_padding(env):
    make_sequence(env, prefix="T/%(year)s/")
    with clock.frozen("2026-05-04 10:00:00"):
        numbers = [env["ir.sequence"].next_by_code("test.seq") for _ in range(2)]
    assert numbers == ["T/2026/0001", "T/2026/0002"]


def test_next_by_code_of_an_unknown_code_is_false(env):
    assert env["ir.sequence"].next_by_code("no.such.code") is False


def test_next_by_id_uses_that_sequence(env):
    sequence = make_sequence(env, prefix="INV-", suffix="-X", number_next=41, number_increment=2, padding=3)
    assert [sequence.next_by_id(), sequence.next_by_id()] == ["INV-041-X", "INV-043-X"]


def test_placeholders_show_the_date_in_the_users_time_zone(env):
    make_sequence(env, prefix="%(year)s%(month)s%(day)s-%(h24)s/")
    with clock.frozen("2026-12-31 23:30:00"):  # already 2027 in Madrid
        number = env["ir.sequence"].with_context(tz="Europe/Madrid").next_by_code("test.seq")
    assert number == "20270101-00/0001"


def test_sequence_date_chooses_the_date_of_the_placeholders(env):
    make_sequence(env, prefix="F/%(year)s/")
    assert env["ir.sequence"].next_by_code("test.seq", sequence_date="2024-02-29") == "F/2024/0001"


def test_company_sequence_wins_over_the_shared_one(env):
    make_sequence(env, prefix="ALL/")
    make_sequence(env, prefix="MINE/", company_id=env.company.id)
    assert env["ir.sequence"].next_by_code("test.seq") == "MINE/0001"


def test_invalid_placeholder_names_the_sequence(env):
    make_sequence(env, name="Orders", prefix="%(century)s/")
    with pytest.raises(UserError, match="Orders"):
        env["ir.sequence"].next_by_code("test.seq")


def test_user_with_read_access_gets_numbers(env, as_user):
    make_sequence(env, prefix="D/")
    assert as_user("demo")["ir.sequence"].next_by_code("test.seq") == "D/0001"


def test_gapless_number_comes_back_after_a_rollback(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        make_sequence(env, implementation="no_gap")
    cr = registry.cursor()
    try:
        assert Environment(cr, SUPERUSER_ID, {})["ir.sequence"].next_by_code("test.seq") == "0001"
        cr.rollback()
        assert Environment(cr, SUPERUSER_ID, {})["ir.sequence"].next_by_code("test.seq") == "0001"
    finally:
        cr.close()


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_concurrent_next_by_code_calls_give_distinct_numbers(fresh_registry, implementation):
    registry = fresh_registry()
    with registry.environment() as env:
        make_sequence(env, implementation=implementation)
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(5):
                with registry.environment() as env:
                    numbers.append(env["ir.sequence"].next_by_code("test.seq"))
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(numbers) == [f"{n:04d}" for n in range(1, 31)]


# -- subsequences per date range ---------------------------------------------------------------
def test_date_range_sequence_starts_again_each_year(env):
    sequence = make_sequence(env, prefix="INV/%(range_year)s/", use_date_range=True)
    Sequence = env["ir.sequence"]
    assert Sequence.next_by_code("test.seq", sequence_date="2025-12-30") == "INV/2025/0001"
    assert Sequence.next_by_code("test.seq", sequence_date="2025-12-31") == "INV/2025/0002"
    assert Sequence.next_by_code("test.seq", sequence_date="2026-01-02") == "INV/2026/0001"
    assert Sequence.next_by_code("test.seq", sequence_date="2025-06-01") == "INV/2025/0003"  # a late one
    ranges = sequence.date_range_ids.sorted("date_from")
    assert [(str(r.date_from), str(r.date_to), r.number_next) for r in ranges] == [
        ("2025-01-01", "2025-12-31", 4), ("2026-01-01", "2026-12-31", 2)]
    assert sequence.number_next == 1  # the main counter is not used


def test_date_range_made_for_a_day_stops_before_the_next_range(env):
    sequence = make_sequence(env, prefix="%(range_year)s-%(range_month)s/", use_date_range=True)
    env["ir.sequence.date_range"].create({"sequence_id": sequence.id, "date_from": "2026-07-01",
                                          "date_to": "2026-12-31", "number_next": 50})
    assert sequence.next_by_id(sequence_date="2026-03-15") == "2026-01/0001"
    assert sequence.next_by_id(sequence_date="2026-08-01") == "2026-07/0050"
    first_half = sequence.date_range_ids.filtered(lambda r: str(r.date_from) == "2026-01-01")
    assert str(first_half.date_to) == "2026-06-30"


def test_date_range_of_today_in_the_users_time_zone(env):
    sequence = make_sequence(env, prefix="%(range_year)s/", use_date_range=True)
    with clock.frozen(clock.utcnow().replace(year=2026, month=12, day=31, hour=23, minute=30)):
        madrid = sequence.with_context(tz="Europe/Madrid")  # already 2027 there
        assert madrid.next_by_id() == "2027/0001"


def test_date_range_must_not_end_before_it_starts(env):
    sequence = make_sequence(env, use_date_range=True)
    with pytest.raises(ValidationError, match="must end on or after its start"):
        env["ir.sequence.date_range"].create({"sequence_id": sequence.id, "date_from": "2026-05-01",
                                              "date_to": "2026-04-01"})


def test_date_range_numbers_are_distinct_under_concurrency(fresh_registry):
    registry = fresh_registry()
    with registry.environment() as env:
        make_sequence(env, prefix="%(range_year)s/", use_date_range=True)
    numbers: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def worker() -> None:
        try:
            start.wait()
            for _ in range(5):
                with registry.environment() as env:
                    numbers.append(env["ir.sequence"].next_by_code("test.seq", sequence_date="2026-05-05"))
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sorted(numbers) == [f"2026/{n:04d}" for n in range(1, 21)]
