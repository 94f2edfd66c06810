"""Fixtures shared by every test: databases on SQLite or PostgreSQL, environments rolled back
after each test, and fresh copies of a template database for tests that commit."""
from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

TESTS_DIR = Path(__file__).resolve().parent
os.environ.setdefault("ERP_ADDONS_PATH", str(TESTS_DIR / "addons"))
os.environ.setdefault("ERP_DATA_DIR", str(TESTS_DIR.parent / "var" / "test-data"))

from core.addon.lifecycle import init_database  # noqa: E402
from core.db.engine import copy_database, drop_database  # noqa: E402
from core.records.environment import SUPERUSER_ID, Environment  # noqa: E402
from core.registry.registry import Registry  # noqa: E402

TEMPLATE_ADDONS = [name for name in ("base", "mail", "crm") if (TESTS_DIR.parent / "addons" / name).is_dir()]


def backend() -> str:
    return os.environ.get("ERP_TEST_BACKEND", "sqlite")


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def new_db_url(label: str = "db") -> str:
    """A URL for a database of this test run that does not exist yet."""
    token = f"{label}_{_worker()}_{uuid.uuid4().hex[:8]}"
    if backend() == "pg":
        base = os.environ["ERP_TEST_PG_URL"].rsplit("/", 1)[0]
        return f"{base}/erp_test_{token}"
    folder = TESTS_DIR.parent / "var" / "test-dbs"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / f'{token}.sqlite'}"


def pytest_report_header(config: Any) -> str:
    return f"database backend: {backend()}"


@pytest.fixture(scope="session")
def template_url() -> Iterator[str]:
    """A database with the standard addons and demo data, built once per worker."""
    url = new_db_url("template")
    registry = init_database(url, TEMPLATE_ADDONS, demo=True)
    Registry.forget(registry.url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture(scope="session")
def registry(template_url: str) -> Iterator[Registry]:
    """The registry of a session database (a copy of the template); tests must not commit in it."""
    url = new_db_url("shared")
    copy_database(template_url, url)
    registry = Registry.get(url)
    yield registry
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def env(registry: Registry) -> Iterator[Environment]:
    """A superuser environment in a transaction rolled back after the test."""
    cr = registry.cursor()
    try:
        yield Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "Europe/Madrid"})
    finally:
        cr.close()


@pytest.fixture
def as_user(env: Environment) -> Callable[[str], Environment]:
    """``as_user("demo")``: the environment of that login, in the same transaction, without superuser
    rights."""

    def make(login: str) -> Environment:
        user = env["res.users"].with_context(active_test=False).search([("login", "=", login)])
        assert user, f"no user with login {login!r}"
        return env(user=user.id, su=False)

    return make


@pytest.fixture
def fresh_registry(template_url: str) -> Iterator[Callable[..., Registry]]:
    """Factory of registries on private copies of the template, for tests that commit or change the schema."""
    made: list[str] = []

    def make(empty: bool = False) -> Registry:
        url = new_db_url("fresh")
        made.append(url)
        if empty:
            from core.db.engine import create_database

            create_database(url)
            registry = Registry(url)
            registry.build([])
            return registry
        copy_database(template_url, url)
        return Registry.get(url)

    yield make
    for url in made:
        Registry.forget(url)
        drop_database(url)
