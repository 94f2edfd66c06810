"""Optimistic locking: a write based on a stale read is refused and changes nothing."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.exceptions import ConcurrencyError, ValidationError


@pytest.fixture
def record(env, make_record, monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: dt.datetime(2025, 1, 1, 10, 0, 0))
    record = make_record("original")
    monkeypatch.setattr(clock, "utcnow", lambda: dt.datetime(2025, 1, 1, 11, 0, 0))
    record.write({"sequence": 2})  # someone else changed it at 11:00
    env.cache.invalidate()
    return record


def test_stale_last_update_is_refused(record):
    stale = {f"test.record,{record.id}": "2025-01-01 10:00:00"}
    with pytest.raises(
        ConcurrencyError, match="was changed by .* at 2025-01-01 11:00:00, after you opened it"
    ):
        record.with_context(__last_update=stale).write({"name": "mine"})


def test_refused_write_changes_nothing(env, record):
    stale = {f"test.record,{record.id}": "2025-01-01 10:00:00"}
    with pytest.raises(ConcurrencyError):
        record.with_context(__last_update=stale).write({"name": "mine"})
    env.cache.invalidate()
    assert record.name == "original"


def test_current_last_update_is_accepted(record):
    current = {f"test.record,{record.id}": "2025-01-01 11:00:00"}
    record.with_context(__last_update=current).write({"name": "mine"})
    assert record.name == "mine"


def test_single_stamp_applies_to_every_record(record):
    with pytest.raises(ConcurrencyError):
        record.with_context(__last_update="2025-01-01 09:00:00").write({"name": "mine"})


def test_stamps_of_other_records_are_ignored(record):
    record.with_context(__last_update={"test.record,999999": "2000-01-01 00:00:00"}).write({"name": "mine"})
    assert record.name == "mine"


def test_malformed_stamp_is_refused_with_a_clear_error(record):
    with pytest.raises(ValidationError, match="Invalid __last_update stamp 'soon'"):
        record.with_context(__last_update={f"test.record,{record.id}": "soon"}).write({"name": "x"})


def test_last_update_in_values_is_ignored(record):
    record.write({"name": "fine", "__last_update": "2000-01-01 00:00:00"})
    assert record.name == "fine"
