"""Databases of a test run: URLs on SQLite or PostgreSQL, scratch databases dropped afterwards, and
environments rolled back after use. Every fixture that needs a database goes through here."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from core.addon.lifecycle import init_database, install
from core.db.engine import copy_database, drop_database
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEFAULT_CONTEXT = {"lang": "en_US", "tz": "Europe/Madrid"}


def backend() -> str:
    return os.environ.get("ERP_TEST_BACKEND", "sqlite")


def new_db_url(label: str = "db") -> str:
    """A URL for a database of this test run that does not exist yet."""
    token = f"{label}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}"
    if backend() == "pg":
        base = os.environ["ERP_TEST_PG_URL"].rsplit("/", 1)[0]
        return f"{base}/erp_test_{token}"
    folder = PROJECT_DIR / "var" / "test-dbs"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / f'{token}.sqlite'}"


@contextmanager
def scratch_database(label: str, *, copy_of: str | None = None, addons: Sequence[str] = (),
                     demo: bool = False, then_install: Sequence[str] = ()) -> Iterator[str]:
    """The URL of a new database, dropped on exit: a copy of ``copy_of``, or else one initialised with
    ``addons``; ``then_install`` addons are installed on top of either."""
    url = new_db_url(label)
    try:
        if copy_of:
            copy_database(copy_of, url)
        else:
            Registry.forget(init_database(url, list(addons), demo=demo).url)
        if then_install:
            install(Registry.get(url), list(then_install))
        yield url
    finally:
        Registry.forget(url)
        drop_database(url)


@contextmanager
def rolled_back_env(registry: Registry, **context: object) -> Iterator[Environment]:
    """A superuser environment in a transaction that is rolled back on exit."""
    cr = registry.cursor()
    try:
        yield Environment(cr, SUPERUSER_ID, {**DEFAULT_CONTEXT, **context})
    finally:
        cr.close()


@contextmanager
def committed_env(url: str, **context: object) -> Iterator[Environment]:
    """A superuser environment on the database at ``url`` whose work is committed on exit (the data a
    module's browser tests share), its registry forgotten afterwards."""
    cr = Registry.get(url).cursor()
    try:
        yield Environment(cr, SUPERUSER_ID, {**DEFAULT_CONTEXT, **context})
        cr.commit()
    finally:
        cr.close()
        Registry.forget(url)


def template_fixture(*addons: str, demo: bool = True, label: str | None = None) -> Any:
    """A session fixture ``template_url``: a database with base and ``addons`` installed, for a
    directory's conftest (``template_url = template_fixture("sale")``)."""

    @pytest.fixture(scope="session")
    def template_url() -> Iterator[str]:
        names = ["base", *(name for name in addons if name != "base")]
        with scratch_database(label or f"template_{names[-1]}", addons=names, demo=demo) as url:
            yield url

    return template_url
