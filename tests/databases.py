"""Databases of a test run: URLs on SQLite or PostgreSQL, scratch databases dropped afterwards, and
environments rolled back after use. Every fixture that needs a database goes through here.

Installing addons is the slowest thing a test asks for (half a minute for a few addons with their
demo), so a database with a given set of addons is built once per run, by the first worker that needs
it, and every later need is met with a copy of it (``shared_template``)."""
from __future__ import annotations

import fcntl
import hashlib
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


TEST_DBS = PROJECT_DIR / "var" / "test-dbs"
RUN_VARIABLE = "ERP_TEST_RUN"  # set by the run's main process (tests/plugin.py), inherited by its workers


def new_db_url(label: str = "db") -> str:
    """A URL for a database of this test run that does not exist yet."""
    return _db_url(f"{label}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}")


def _db_url(token: str) -> str:
    if backend() == "pg":
        base = os.environ["ERP_TEST_PG_URL"].rsplit("/", 1)[0]
        return f"{base}/erp_test_{token}"
    TEST_DBS.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{TEST_DBS / f'{token}.sqlite'}"


def run_folder() -> Path:
    """Where the workers of this run record the shared templates they built (and lock their builds)."""
    return TEST_DBS / f"run_{os.environ.setdefault(RUN_VARIABLE, uuid.uuid4().hex[:12])}"


def shared_template(*addons: str, demo: bool = True, label: str = "tpl") -> str:
    """The URL of this run's database with base and ``addons`` installed, built by the first worker that
    asks (``label`` names it) and waited for by the others; never change it, copy it.
    ``drop_shared_templates`` ends them."""
    names = list(dict.fromkeys(["base", *addons]))
    key = hashlib.sha1(repr((names, demo)).encode()).hexdigest()[:10]
    folder = run_folder()
    folder.mkdir(parents=True, exist_ok=True)
    ready = folder / f"{key}.ready"
    with open(folder / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, even if the build fails
        if ready.exists():
            return ready.read_text(encoding="utf-8")
        url = _db_url(f"{label}_{folder.name[4:]}_{key}")
        drop_database(url)  # what a failed build of another worker left
        try:
            Registry.forget(init_database(url, names, demo=demo).url)
        except BaseException:
            Registry.forget(url)
            drop_database(url)
            raise
        ready.write_text(url, encoding="utf-8")
        return url


def drop_shared_templates() -> None:
    """Drop the shared templates of this run (its main process calls this once every worker is done)."""
    folder = run_folder()
    if not folder.is_dir():
        return
    for ready in folder.glob("*.ready"):
        drop_database(ready.read_text(encoding="utf-8"))
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()


@contextmanager
def scratch_database(label: str, *, copy_of: str | None = None, addons: Sequence[str] = (),
                     demo: bool = False, then_install: Sequence[str] = ()) -> Iterator[str]:
    """The URL of a new database, dropped on exit: a copy of ``copy_of``, or else of this run's shared
    template with ``addons``; ``then_install`` addons are installed on top of either."""
    url = new_db_url(label)
    try:
        copy_database(copy_of or shared_template(*addons, demo=demo, label=f"{label}_tpl"), url)
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


def template_fixture(*addons: str, demo: bool = True, label: str = "template") -> Any:
    """A session fixture ``template_url``: this run's shared database with base and ``addons`` installed,
    for a directory's conftest (``template_url = template_fixture("sale")``). Tests copy it."""

    @pytest.fixture(scope="session")
    def template_url() -> str:
        return shared_template(*addons, demo=demo, label=label)

    return template_url
