"""Fixtures of the unit tests: a template database with the units of measure."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.addon.lifecycle import init_database
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.conftest import as_user, env, new_db_url, registry  # noqa: F401 - shared fixtures


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    url = new_db_url("template_uom")
    Registry.forget(init_database(url, ["base", "uom"], demo=False).url)
    yield url
    Registry.forget(url)
    drop_database(url)
