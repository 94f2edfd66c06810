"""The forecast and the funnel agree with plain SQL over the same leads."""
from __future__ import annotations

import datetime as dt

import sqlalchemy as sa


def _sql_forecast(env):
    table = env["crm.lead"]._table
    if env.cr.dialect == "postgresql":
        month = sa.func.to_char(table.c.date_deadline, "YYYY-MM-01")
    else:
        month = sa.func.strftime("%Y-%m-01", table.c.date_deadline)
    statement = (sa.select(month, table.c.user_id, sa.func.count(), sa.func.sum(table.c.expected_revenue),
                           sa.func.sum(table.c.expected_revenue * table.c.probability / 100.0))
                 .where(table.c.type == "opportunity").where(table.c.active.is_(True))
                 .where(table.c.won_status == "pending").group_by(month, table.c.user_id))
    return {(m or False, u or False): (n, float(e or 0), float(p or 0)) for m, u, n, e,
            p in env.cr.execute(statement)}


def test_forecast_sums_equal_the_sql_totals(env):
    rows = env["crm.lead"].get_forecast()
    expected = _sql_forecast(env)
    assert len(rows) == len(expected) > 5
    for row in rows:
        count, revenue, prorated = expected[(row["month"] or False, row["user_id"])]
        assert row["count"] == count
        assert abs(row["expected_revenue"] - revenue) < 0.01
        assert abs(row["prorated_revenue"] - prorated) < 0.05 * max(count, 1)


def test_forecast_pivot_grand_total_equals_sql(env):
    groups = env["crm.lead"].read_group([("type", "=", "opportunity"), ("won_status", "=", "pending")],
                                        ["prorated_revenue:sum"], [], lazy=False)
    total = sum(prorated for _count, _revenue, prorated in _sql_forecast(env).values())
    assert abs(groups[0]["prorated_revenue"] - total) < 1


def test_forecast_month_range_and_label(env, make_lead):
    make_lead(type="opportunity", user_id=2, date_deadline=dt.date(2031, 7, 14), expected_revenue=1000)
    rows = [r for r in env["crm.lead"].get_forecast([("date_deadline", ">=", "2031-07-01")])]
    assert [(r["month"], r["month_label"], r["count"]) for r in rows] == [("2031-07-01", "July 2031", 1)]


def test_funnel_counts_match_the_pipeline(env):
    report = env["crm.lead"].get_funnel_report()
    Lead = env["crm.lead"]
    for row in report["stages"]:
        assert row["count"] == Lead.search_count([("stage_id", "=", row["stage_id"])])
    first = report["stages"][0]
    assert first["reached"] == Lead.with_context(active_test=False).search_count([])


def test_funnel_conversion_and_win_rate(env):
    report = env["crm.lead"].get_funnel_report()
    stages = report["stages"]
    for current, following in zip(stages, stages[1:]):
        assert current["conversion_rate"] == round(100 * following["reached"] / current["reached"], 2)
    assert report["win_rate"] == round(100 * report["won"] / (report["won"] + report["lost"]), 2)
    assert sum(r["count"] for r in report["lost_reasons"]) == report["lost"]


def test_funnel_time_in_stage(env, make_lead):
    lead = make_lead(type="opportunity", user_id=2, name="Timed")
    stay = lead.stage_history_ids
    stay.write({"date_in": dt.datetime(2030, 1, 1), "date_out": dt.datetime(2030, 1, 5)})
    report = env["crm.lead"].get_funnel_report([("id", "=", lead.id)])
    first = next(r for r in report["stages"] if r["stage_id"] == lead.stage_id.id)
    assert first["avg_days"] == 4.0


def test_funnel_follows_record_rules(env, as_user):
    everyone = env["crm.lead"].get_funnel_report()
    demo = as_user("demo")["crm.lead"].get_funnel_report()
    assert demo["stages"][0]["reached"] < everyone["stages"][0]["reached"]
