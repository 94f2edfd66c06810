"""Fixtures of the citizen request tests: a database with the czrm addon, without demo data (the
town hall's data is built by the tests that need it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, fresh_registry, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("czrm")
    Registry.forget(init_database(url, ["base", "czrm"], demo=True).url)
    yield url
    Registry.forget(url)
    drop_database(url)
