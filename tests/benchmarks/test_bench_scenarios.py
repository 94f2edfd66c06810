"""``erp bench`` end to end at a tiny size: the core's scenarios run and report their figures.

Scenarios that other layers plug in (``erp.benchmarks`` entry points: web pages, RPC round trips)
are tested with their layer."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from core.cli.bench import bench
from tests.conftest import new_db_url

pytestmark = pytest.mark.benchmark


CORE_SCENARIOS = ["record_api", "load"]


@pytest.fixture(scope="module")
def figures() -> dict:
    only = ",".join(CORE_SCENARIOS)
    arguments = ["--db", new_db_url("benchbase"), "--size", "30", "--only", only, "--json"]
    result = CliRunner().invoke(bench, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_bench_reports_the_database_and_size(figures):
    assert figures["size"] == 30
    assert figures["database"] in ("sqlite", "postgresql")


def test_record_api_scenario_reports_every_figure(figures):
    record_api = figures["record_api"]
    for key in (
        "create_api_rows_per_s",
        "create_core_rows_per_s",
        "create_api_vs_core",
        "create_api_vs_core_cpu",
        "create_api_with_chatter_rows_per_s",
        "search_read_80_ilike_ms",
        "read_80_ms",
        "search_count_ilike_ms",
        "read_group_country_ms",
        "write_1000_ms",
        "single_create_ms",
    ):
        assert record_api[key] > 0, key
    assert set(record_api["vs_odoo17"]) == {"single_create", "batch_create", "search_read_80", "read_group"}


def test_record_api_scenario_created_the_rows_it_measured(figures):
    # 15 through the record API, 15 raw, 3 with chatter, plus the demo-less database's own partners
    assert figures["record_api"]["partners_total"] >= 33


def test_single_create_statement_count_is_reported(figures):
    assert 1 <= figures["record_api"]["single_create_sql_statements"] <= 10


def test_every_core_scenario_ran(figures):
    assert set(CORE_SCENARIOS) <= set(figures)
