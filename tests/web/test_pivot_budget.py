"""The pivot's SQL budget: one query over both axes, one for the columns' order, one name lookup per
many2one level, however deep the levels go and however many headers they have."""

from __future__ import annotations

from tests.core.test_query_budgets import statements
from web.client.views.analysis import COUNT
from web.client.views.pivot_table import compute


def _spent(env, rows, cols, measures) -> int:
    env["res.partner"].search([], limit=1)  # warm the registry's caches outside the budget
    env.invalidate_all()  # and forget the names of earlier runs
    with statements(env) as seen:
        compute(env["res.partner"], [], rows, cols, measures, (set(), set()), "Total")
    return len(seen)


def test_pivot_costs_two_queries_plus_many2one_names(env):
    assert _spent(env, ["is_company"], [], [COUNT]) == 1
    assert _spent(env, ["is_company", "type"], ["active"], [COUNT]) == 2
    with_names = _spent(env, ["country_id"], ["type"], [COUNT])
    assert with_names == 3  # the names of the countries on top
    deep = _spent(env, ["country_id", "is_company", "create_date:day"], ["type", "active"], [COUNT, "color"])
    assert deep == with_names
