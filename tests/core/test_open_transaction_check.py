"""The suite's check that no test leaves a transaction open sees a cursor left open, and only then."""
from __future__ import annotations

from core.registry.registry import Registry
from tests.fixtures.database import connections_checked_out


def test_an_unclosed_cursor_is_seen_until_it_is_closed(registry: Registry) -> None:
    assert registry.url not in connections_checked_out()
    cr = registry.cursor()
    try:
        assert registry.url in connections_checked_out()
    finally:
        cr.close()
    assert registry.url not in connections_checked_out()


def test_the_env_fixture_holds_its_transaction_during_the_test(env) -> None:
    assert env.registry.url in connections_checked_out()
