"""Fixtures of the core engine's tests: the standard template plus the test-only addons.

Overriding ``template_url`` here makes the shared ``registry``, ``env``, ``as_user`` and
``fresh_registry`` fixtures work on a database where ``test_core`` (every field type),
``test_core_ext`` (an ``inherit`` from a second addon) and ``test_yaml_only`` (an addon without
Python) are installed over base and its demo data.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from core.db.engine import create_database, drop_database
from core.records.environment import Environment
from core.registry.registry import Registry
from tests.databases import new_db_url, template_fixture

# the engine is tested on base alone, so addons being written elsewhere cannot break these tests
template_url = template_fixture("test_core", "test_core_ext", "test_yaml_only", label="coretemplate")


@pytest.fixture
def make_record(env: Environment) -> Callable[..., Any]:
    """``make_record(name="x", lines=[(qty, price), ...], **values)``: a test.record."""
    counter = iter(range(1, 1_000_000))

    def make(name: str | None = None, lines: list[tuple[float, float]] | None = None, **values: Any) -> Any:
        vals = {"name": name or f"Record {next(counter)}", **values}
        if lines:
            vals["line_ids"] = [(0, 0, {"quantity": q, "unit_price": p}) for q, p in lines]
        return env["test.record"].create(vals)

    return make


@pytest.fixture
def make_tag(env: Environment) -> Callable[..., Any]:
    def make(name: str, **values: Any) -> Any:
        return env["test.tag"].create({"name": name, **values})

    return make


def write_addon(root: Path, name: str, models: dict[str, str], depends: list[str] | None = None,
                python: dict[str, str] | None = None) -> Path:
    """A small addon under ``root`` (for metadata error tests): model YAML files and hook modules."""
    folder = root / name
    (folder / "models").mkdir(parents=True)
    deps = ", ".join(depends or [])
    (folder / "manifest.yaml").write_text(
        f"name: {name}\nversion: '1.0'\ndepends: [{deps}]\n", encoding="utf-8"
    )
    for file_name, text in models.items():
        (folder / "models" / file_name).write_text(text, encoding="utf-8")
    if python:
        (folder / "__init__.py").write_text("", encoding="utf-8")
        (folder / "models" / "__init__.py").write_text("", encoding="utf-8")
        for file_name, text in python.items():
            (folder / "models" / file_name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def schema(tmp_path: Path) -> Iterator[Callable[..., Registry]]:
    """``schema(yaml, with_base=False)``: a registry of an addon whose model file is ``yaml`` (over base
    when the log table is needed), on one database kept across calls (each call is a new version)."""
    url = new_db_url("schema")
    create_database(url)
    root = tmp_path / "addons"
    (root / "x_schema" / "models").mkdir(parents=True)
    made: list[Registry] = []

    def version(text: str, with_base: bool = False) -> Registry:
        depends = "[base]" if with_base else "[]"
        (root / "x_schema" / "manifest.yaml").write_text(f"name: X\nversion: '1.0'\ndepends: {depends}\n",
                                                         encoding="utf-8")
        (root / "x_schema" / "models" / "x.yaml").write_text(text, encoding="utf-8")
        registry = Registry(url, engine=made[0].engine if made else None, addons_path=str(root))
        registry.build(["base", "x_schema"] if with_base else ["x_schema"])
        made.append(registry)
        return registry

    yield version
    if made:
        made[0].engine.dispose()
    drop_database(url)
