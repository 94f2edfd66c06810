"""The ``load`` scenario of ``erp bench`` reports load beside raw Core inserts (figures, not limits),
each measured on its own copy of the template, never on what another measurement left."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest

from core.bench.runner import SCENARIOS, BenchContext, load_plugins
from core.db.engine import database_exists
from core.registry.registry import Registry
from tests.databases import new_db_url


@dataclass
class RecordingContext(BenchContext):
    """Remembers each database a scenario asked for, and how many partners it held at first."""

    copies: list[str] = field(default_factory=list)
    partners_at_start: list[int] = field(default_factory=list)

    @contextmanager
    def database(self, kind: str = "empty") -> Iterator[Registry]:
        with super().database(kind) as registry:
            self.copies.append(registry.url)
            with registry.cursor(readonly=True) as cr:
                self.partners_at_start.append(cr.execute("SELECT count(*) FROM res_partner").scalar())
            yield registry


@pytest.fixture
def context(template_url) -> Iterator[RecordingContext]:
    load_plugins()
    context = RecordingContext(new_db_url("benchload"), 300, lambda label: None,
                               templates={"empty": template_url})
    yield context
    context.close()


def test_load_scenario_reports_rows_per_second_beside_core_inserts(context):
    figures = SCENARIOS["load"](context)
    assert figures["rows"] == 300
    for key in ("load_rows_per_s", "load_untracked_rows_per_s", "reload_unchanged_rows_per_s",
                "core_insert_rows_per_s", "load_vs_core", "load_untracked_vs_core"):
        assert figures[key] > 0, key


def test_each_measurement_starts_from_a_fresh_copy_of_the_template(context):
    SCENARIOS["load"](context)
    assert len(context.copies) == 3  # RPC-style load (and its reload), import-style load, raw inserts
    assert len(set(context.partners_at_start)) == 1  # none saw what another one created
    assert not any(database_exists(url) for url in context.copies)  # each copy is dropped afterwards
