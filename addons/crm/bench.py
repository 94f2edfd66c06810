"""``erp bench`` scenario of the CRM: the pipeline board's read_group over ``--size`` leads.

On a fresh copy of the empty template, leads are created through the record API in batches (as an
import would), then the kanban's grouping (count and expected revenue per stage, every stage listed)
is timed against the same GROUP BY written in raw SQLAlchemy Core on the same table, so the ratio
stays meaningful on a busy machine. Registered through the ``erp.benchmarks`` entry point.
"""
from __future__ import annotations

import random
from typing import Any

import sqlalchemy as sa

from core.bench.fill import analyze
from core.bench.runner import BenchContext, median_ms, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

BATCH = 1000
PIPELINE_DOMAIN = [("type", "=", "opportunity")]


def lead_rows(count: int, offset: int, stages: list[int], users: list[int],
              teams: list[int]) -> list[dict[str, Any]]:
    rng = random.Random(offset)
    return [{"name": f"Bench opportunity {i}", "type": "opportunity", "stage_id": rng.choice(stages),
             "user_id": rng.choice(users), "team_id": rng.choice(teams), "probability": rng.choice((10, 30,
                                                                                                    60, 90)),
             "expected_revenue": round(rng.uniform(500, 90000), -2), "email_from": f"lead{i}@example.com"}
            for i in range(offset, offset + count)]


def _create_leads(context: BenchContext, registry: Registry, env_ids: dict[str, list[int]]) -> float:
    size = context.size
    with timer() as elapsed:
        for offset in range(0, size, BATCH):
            with registry.cursor() as cr:
                env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
                env["crm.lead"].create(lead_rows(min(BATCH, size - offset), offset, env_ids["stages"],
                                                 env_ids["users"], env_ids["teams"]))
            if offset and offset % (BATCH * 20) == 0:
                context.progress(f"crm leads {offset}/{size}")
    return elapsed["seconds"]


@scenario("crm_pipeline")
def crm_pipeline(context: BenchContext) -> dict[str, Any]:
    with context.database("empty") as registry:
        return _pipeline(context, registry)


def _pipeline(context: BenchContext, registry: Registry) -> dict[str, Any]:
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        ids = {"stages": env["crm.stage"].search([]).ids, "users": env["res.users"].search([]).ids,
               "teams": env["crm.team"].search([]).ids}
    context.progress(f"record API create {context.size} leads")
    seconds = _create_leads(context, registry, ids)
    analyze(registry)
    figures: dict[str, Any] = {"leads": context.size, "create_api_rows_per_s": round(context.size / seconds)}
    with registry.cursor(readonly=True) as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        Lead = env["crm.lead"]

        def api_group() -> list[dict[str, Any]]:
            return Lead.read_group(PIPELINE_DOMAIN, ["expected_revenue:sum", "prorated_revenue:sum"],
                                   ["stage_id"],
                                   lazy=True)

        table = Lead._table
        statement = (sa.select(table.c.stage_id, sa.func.count(), sa.func.sum(table.c.expected_revenue),
                               sa.func.sum(table.c.prorated_revenue))
                     .where(table.c.type == "opportunity").where(table.c.active.is_(True))
                     .group_by(table.c.stage_id))

        def core_group() -> list[Any]:
            return list(cr.execute(statement))

        before = cr.sql_count
        groups = api_group()
        figures["read_group_sql_statements"] = cr.sql_count - before
        figures["read_group_groups"] = len(groups)
        figures["read_group_pipeline_ms"] = median_ms(api_group, runs=15, warmup=2)
        figures["core_group_by_ms"] = median_ms(core_group, runs=15, warmup=2)
        ratio = figures["core_group_by_ms"] / figures["read_group_pipeline_ms"]
        figures["read_group_vs_core"] = round(ratio, 3)
        figures["forecast_by_month_user_ms"] = median_ms(lambda: Lead.get_forecast(), runs=5, warmup=1)
    return figures
