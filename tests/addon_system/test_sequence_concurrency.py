"""Gapless sequences under concurrent transactions: consecutive numbers, no hole, no duplicate."""
from __future__ import annotations

import threading

import pytest

from core.db.engine import make_engine
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

WORKERS = 20


@pytest.fixture
def busy_registry(fresh_registry):
    """A registry whose pool has a connection for each concurrent transaction, and a gapless sequence."""
    base = fresh_registry()
    with base.environment() as env:
        env["ir.sequence"].create({"name": "Invoices", "code": "test.gapless", "implementation": "no_gap",
                                   "prefix": "INV/", "padding": 4})
    registry = Registry(base.url, engine=make_engine(base.url, pool_size=WORKERS + 2, max_overflow=0)
                        if base.engine.dialect.name != "sqlite" else None)
    registry.load_installed()
    yield registry
    registry.engine.dispose()


def _take_numbers(registry, rollback_every: int = 0) -> tuple[list[str], list[BaseException]]:
    barrier = threading.Barrier(WORKERS)
    committed: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            cr = registry.cursor()
            try:
                number = Environment(cr, SUPERUSER_ID, {})["ir.sequence"].next_by_code("test.gapless")
                if rollback_every and index % rollback_every == 0:
                    cr.rollback()  # the transaction fails after taking a number: the number comes back
                    return
                cr.commit()
                with lock:
                    committed.append(number)
            finally:
                cr.close()
        except BaseException as error:  # noqa: BLE001 - collected and re-raised by the test
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return committed, errors


def test_twenty_concurrent_transactions_get_one_to_twenty(busy_registry):
    committed, errors = _take_numbers(busy_registry)
    assert not errors
    assert sorted(committed) == [f"INV/{n:04d}" for n in range(1, WORKERS + 1)]


def test_numbers_of_rolled_back_transactions_are_reused(busy_registry):
    committed, errors = _take_numbers(busy_registry, rollback_every=4)
    assert not errors
    assert sorted(committed) == [f"INV/{n:04d}" for n in range(1, len(committed) + 1)]
    with busy_registry.environment() as env:
        sequence = env["ir.sequence"].search([("code", "=", "test.gapless")])
        assert sequence.number_next == len(committed) + 1
