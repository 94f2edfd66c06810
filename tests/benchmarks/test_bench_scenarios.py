"""``erp bench`` end to end at a tiny size: the core's scenarios run on databases of their own and
report their figures (never timed: speed belongs to the benchmark's output, not to assertions).

Scenarios that other layers plug in (``erp.benchmarks`` entry points: web pages, RPC round trips)
are tested with their layer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from core.cli.bench import bench
from core.db.engine import database_exists, drop_database, normalize_url
from tests.databases import new_db_url

pytestmark = pytest.mark.benchmark


CORE_SCENARIOS = ["record_api", "load"]
SIZE = 30


@pytest.fixture(scope="module")
def base_url() -> str:
    return new_db_url("benchbase")


@pytest.fixture(scope="module")
def figures(base_url) -> dict:
    only = ",".join(CORE_SCENARIOS)
    arguments = ["--db", base_url, "--size", str(SIZE), "--only", only, "--json"]
    result = CliRunner().invoke(bench, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_bench_reports_the_database_and_size(figures):
    assert figures["size"] == SIZE
    assert figures["database"] in ("sqlite", "postgresql")


def test_record_api_scenario_reports_every_figure(figures):
    record_api = figures["record_api"]
    for key in ("create_api_rows_per_s", "create_core_rows_per_s", "create_core_returning_rows_per_s",
                "create_api_vs_core", "create_api_vs_core_returning", "create_api_vs_core_cpu",
                "create_api_with_chatter_rows_per_s"):
        assert record_api[key] > 0, key
    for key in ("search_read_80_ilike_ms", "read_80_ms", "search_count_ilike_ms", "read_group_country_ms",
                "write_1000_ms", "single_create_ms"):
        assert record_api["at_size"][key] > 0, key
    for key in ("search_read_80_ms", "single_create_ms", "batch_create_1000_rows_per_s"):
        assert record_api["demo"][key] > 0, key
    assert {"single_create", "batch_create", "search_read_80"} <= set(record_api["vs_odoo17"])


def test_queries_at_size_run_on_exactly_size_contacts(figures):
    # the database of --size contacts is a fresh copy: what other scenarios created is not in it
    at_size = figures["record_api"]["at_size"]
    assert SIZE <= at_size["partners_total"] <= SIZE + 5  # the companies' and users' own contacts


def test_odoo_comparison_runs_on_a_demo_sized_database(figures):
    assert figures["record_api"]["demo"]["partners_total"] >= 80


def test_single_create_statement_count_is_reported(figures):
    assert 1 <= figures["record_api"]["at_size"]["single_create_sql_statements"] <= 15


def test_load_scenario_compares_with_core_inserts_of_the_same_rows(figures):
    load = figures["load"]
    assert load["rows"] == SIZE
    for key in ("load_rows_per_s", "load_untracked_rows_per_s", "reload_unchanged_rows_per_s",
                "core_insert_rows_per_s", "load_vs_core", "load_untracked_vs_core"):
        assert load[key] > 0, key


def test_every_core_scenario_ran(figures):
    assert set(CORE_SCENARIOS) <= set(figures)


def _scratch_databases(base_url: str) -> list[str]:
    """Databases named after ``base_url`` (where the bench creates its scratch databases)."""
    parsed = normalize_url(base_url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database)
        return [p.name for p in path.parent.glob(f"{path.stem}_*.sqlite")]
    engine = sa.create_engine(parsed.set(database="postgres"))
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
                                {"prefix": f"{parsed.database}_%"})
            return [row[0] for row in rows]
    finally:
        engine.dispose()


def test_scratch_databases_are_dropped_afterwards(figures, base_url):
    assert figures["record_api"]
    assert _scratch_databases(base_url) == []
    assert not database_exists(base_url)  # nothing was created under the --db name itself


def test_keep_leaves_the_scratch_databases(base_url):
    kept_base = f"{base_url.rsplit('.sqlite', 1)[0]}_kept.sqlite" if base_url.endswith(".sqlite") \
        else f"{base_url}_kept"
    result = CliRunner().invoke(bench, ["--db", kept_base, "--size", "1", "--only", "load", "--keep"])
    assert result.exit_code == 0, result.output
    kept = _scratch_databases(kept_base)
    try:
        assert kept  # the templates and the scenario's copies
    finally:
        for name in kept:
            drop_database(_url_of(kept_base, name))


def _url_of(base_url: str, name: str) -> str:
    parsed = normalize_url(base_url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{Path(parsed.database).parent / name}"
    return parsed.set(database=name).render_as_string(hide_password=False)


def test_an_unknown_scenario_is_refused_by_name(base_url):
    result = CliRunner().invoke(bench, ["--db", base_url, "--size", "1", "--only", "nosuch"])
    assert result.exit_code != 0
    assert "nosuch" in result.output
