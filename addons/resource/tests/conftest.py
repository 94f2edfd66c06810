"""Fixtures of the resource tests: a database with the resource addon (no demo data needed)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("resource")
    built = init_database(url, ["base", "resource"], demo=False)
    Registry.forget(built.url)
    yield url
    Registry.forget(url)
    drop_database(url)
