"""The demo pipeline: big enough to feel alive, the same every time, and cheap to build."""
from __future__ import annotations

import datetime as dt

from addons.crm.demo_pipeline import PipelineGenerator, resolve_refs


def test_demo_pipeline_fills_every_stage_with_history(env):
    Lead = env["crm.lead"].with_context(active_test=False)
    assert Lead.search_count([]) >= 240
    for xmlid in ("crm.stage_lead1", "crm.stage_lead2", "crm.stage_lead3", "crm.stage_lead4"):
        assert Lead.search_count([("stage_id", "=", env.ref(xmlid).id), ("active", "=", True)]) >= 10
    statuses = {g["won_status"] for g in Lead.read_group([], ["won_status"], ["won_status"])}
    assert statuses == {"won", "lost", "pending"}
    assert env["crm.lead.stage.history"].search_count([]) > Lead.search_count([])
    assert Lead.search_count([("user_id", "=", False), ("won_status", "=", "pending")]) > 0
    assert env["crm.lead"].search_count([("activity_state", "=", "overdue")]) > 0


def test_same_seed_gives_the_same_pipeline(env):
    now = dt.datetime(2026, 6, 1, 12)
    first = PipelineGenerator(resolve_refs(env), 5, now)
    second = PipelineGenerator(resolve_refs(env), 5, now)
    assert [first.lead_values(i) for i in range(30)] == [second.lead_values(i) for i in range(30)]
    assert first.activities == second.activities


def test_generation_cost_does_not_grow_per_lead(env):
    def queries(count: int) -> int:
        before = env.cr.sql_count
        env["crm.lead"]._demo_generate_pipeline(count=count, seed=1000 + count)
        env.cr.flush()
        return env.cr.sql_count - before

    small, large = queries(20), queries(80)
    assert large - small < 15, (small, large)


def test_reloading_the_demo_data_does_not_duplicate_the_pipeline(env):
    Lead = env["crm.lead"].with_context(active_test=False)
    count = Lead.search_count([])
    assert env["crm.lead"]._demo_generate_pipeline(count=240, seed=17) is False
    assert Lead.search_count([]) == count
