"""Serialization failures and deadlocks are retried (bounded, jittered) before an error is returned."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from core.db import transaction
from core.rpc import dispatch


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"pg error {sqlstate}")
        self.sqlstate = sqlstate


def conflict(sqlstate: str = "40001") -> OperationalError:
    return OperationalError("UPDATE res_partner ...", {}, _PgError(sqlstate))


@pytest.fixture
def delays(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(transaction.time, "sleep", slept.append)
    return slept


def test_serialization_failure_is_retried_then_succeeds(registry, delays):
    failures = iter([conflict("40001"), conflict("40P01")])

    def authenticate(env):
        error = next(failures, None)
        if error is not None:
            raise error
        return 2

    assert dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]]) > 0
    assert len(delays) == 2 and all(0 <= delay <= 1.0 for delay in delays)


def test_retries_are_bounded(registry, delays):
    calls = []

    def authenticate(env):
        calls.append(1)
        raise conflict()

    with pytest.raises(OperationalError):
        dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]])
    assert len(calls) == transaction.MAX_TRIES and len(delays) == transaction.MAX_TRIES - 1


def test_other_database_errors_are_not_retried(registry, delays):
    calls = []

    def authenticate(env):
        calls.append(1)
        raise conflict("23505")

    with pytest.raises(OperationalError):
        dispatch.execute_kw(registry, authenticate, "res.partner", "search_count", [[]])
    assert len(calls) == 1 and delays == []
