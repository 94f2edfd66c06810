"""``erp bench --only api_story`` at a tiny size: the same calls over XML-RPC against ``erp serve``, in
process and on the bare endpoint, with their ratios and the eight-client mix (never timed)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from core.cli.bench import bench
from tests.databases import new_db_url

pytestmark = pytest.mark.benchmark

CALLS = ("single_create", "read_1", "search_read_80", "search_count", "read_group", "batch_create_rows_per_s")


@pytest.fixture(scope="module")
def story() -> dict:
    arguments = ["--db", new_db_url("benchstory"), "--size", "10", "--only", "api_story", "--json"]
    result = CliRunner().invoke(bench, arguments)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["api_story"]


def test_every_call_is_measured_three_ways(story):
    for way in ("xmlrpc", "in_process", "bare"):
        for call in CALLS:
            assert story["ms"][way][call] > 0, (way, call)


def test_figures_are_given_as_ratios_to_the_bare_endpoint(story):
    for way in ("xmlrpc", "in_process"):
        assert set(story["times_bare"][way]) == set(CALLS)
        assert all(ratio > 0 for ratio in story["times_bare"][way].values())


def test_the_eight_client_mix_reports_throughput_and_p99(story):
    assert story["clients"] == 8
    for server in ("xmlrpc", "bare"):
        mix = story["mix"][server]
        assert mix["requests"] > 0 and mix["req_per_s"] > 0 and mix["p99_ms"] >= mix["p50_ms"] > 0
    assert story["mix"]["req_per_s_vs_bare"] > 0


def test_the_bare_endpoint_answers_like_the_api(template_url):
    """The floor must answer the same calls with the same shape, or the ratios compare nothing."""
    from core.db.engine import copy_database, drop_database
    from core.records.environment import Environment
    from core.registry.registry import Registry
    from web.rpc.bare_endpoint import BareCalls

    url = new_db_url("bare")
    copy_database(template_url, url)
    try:
        registry = Registry.get(url)
        bare = BareCalls(registry.engine)
        with registry.cursor(readonly=True) as cr:
            Partner = Environment(cr, 2, {"lang": "en_US"})["res.partner"]
            ours = Partner.search_read([], ["name", "email", "city", "country_id"], limit=80)
            count = Partner.search_count([])
        fields = ["name", "email", "city", "country_id"]
        theirs = bare.call("search_read", [[]], {"fields": fields, "limit": 80})
        assert [row["id"] for row in theirs] == [row["id"] for row in ours]
        assert theirs[0] == {key: ours[0][key] for key in theirs[0]}
        assert bare.call("search_count", [[]], {}) == count
        new_id = bare.call("create", [{"name": "Bare"}], {})
        assert bare.call("read", [[new_id], ["name"]], {})[0]["name"] == "Bare"
        assert bare.call("write", [[new_id], {"city": "Sevilla"}], {}) is True
        assert any(group["country_id_count"] for group in bare.call("read_group", [[], ["country_id"],
                                                                                   ["country_id"]], {}))
    finally:
        Registry.forget(url)
        drop_database(url)
