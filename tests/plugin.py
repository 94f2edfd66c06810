"""The test plugin of the suite (``-p tests.plugin`` in pyproject.toml). It registers, once, the
fixtures of ``tests/fixtures/`` and those each addon offers to the addons built on it
(``addons/*/tests/fixtures.py``); a fixture name defined twice among them is an error.

A directory's ``conftest.py`` chooses its database by overriding ``template_url``, usually with
``template_url = template_fixture("sale")`` (tests/databases.py); ``registry``, ``env``, ``as_user``,
``fresh_registry`` and ``server`` then work on that database."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
os.environ.setdefault("ERP_ADDONS_PATH", str(PROJECT_DIR / "tests" / "addons"))
os.environ.setdefault("ERP_DATA_DIR", str(PROJECT_DIR / "var" / "test-data"))


def fixture_modules() -> list[str]:
    folder = PROJECT_DIR / "tests" / "fixtures"
    shared = [f"tests.fixtures.{path.stem}" for path in sorted(folder.glob("[!_]*.py"))]
    offered = [f"addons.{path.parent.parent.name}.tests.fixtures"
               for path in sorted((PROJECT_DIR / "addons").glob("*/tests/fixtures.py"))]
    return shared + offered


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        # the run's main process names the run; its xdist workers inherit the name and share the
        # templates they build under it (tests/databases.py)
        import uuid

        from tests.databases import RUN_VARIABLE

        os.environ[RUN_VARIABLE] = uuid.uuid4().hex[:12]
    # a run keeps a registry per template database, each with its pooled connections and its registry
    # signal listener: two idle connections per pool keep a PostgreSQL run within max_connections
    os.environ.setdefault("ERP_DB_POOL_SIZE", "2")
    # a test database is thrown away after the run: its commits need not wait for the disk (a commit
    # waiting for its fsync took several times as long here); libpq reads PGOPTIONS, so this holds for
    # every connection of the run, the servers' included, and changes no server setting
    options = os.environ.get("PGOPTIONS", "")
    if "synchronous_commit" not in options:
        os.environ["PGOPTIONS"] = f"{options} -c synchronous_commit=off".strip()
    owners: dict[str, str] = {}
    for module in fixture_modules():
        config.pluginmanager.import_plugin(module)
        for name, value in vars(config.pluginmanager.get_plugin(module)).items():
            if hasattr(value, "_fixture_function_marker"):
                if name in owners:
                    raise pytest.UsageError(f"fixture {name!r} is defined by {owners[name]} and by {module}")
                owners[name] = module


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # every worker is done with the shared templates
        from tests.databases import drop_shared_templates

        drop_shared_templates()


def pytest_report_header(config: pytest.Config) -> str:
    from tests.databases import backend

    return f"database backend: {backend()}"
