"""The ``load`` scenario of ``erp bench`` reports load beside raw Core inserts (figures, not limits)."""
from __future__ import annotations

from core.bench.runner import SCENARIOS, BenchContext


def test_load_scenario_reports_rows_per_second_beside_core_inserts(fresh_registry):
    import core.bench.load  # noqa: F401 - registers the scenario

    registry = fresh_registry()
    figures = SCENARIOS["load"](BenchContext(registry, 300, lambda label: None))
    assert figures["rows"] == 300
    for key in ("load_rows_per_s", "load_untracked_rows_per_s", "reload_unchanged_rows_per_s",
                "core_insert_rows_per_s", "load_vs_core"):
        assert figures[key] > 0, key
    with registry.cursor() as cr:
        count = cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'L%'").scalar()
    assert count == 300 * 3  # tracked load, untracked load, raw inserts; the reload created nothing
