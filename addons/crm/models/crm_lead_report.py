"""Pipeline reports computed in SQL: the revenue forecast and the sales funnel."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import clock, model, public
from core.domain.parse import AND_

FORECAST_DOMAIN = [("type", "=", "opportunity"), ("won_status", "=", "pending")]


@model("crm.lead")
class CrmLeadReport:
    @public
    def get_forecast(self, domain: list[Any] | None = None) -> list[dict[str, Any]]:
        """Open opportunities by expected closing month and salesperson: count, expected revenue and
        prorated revenue (expected revenue x probability)."""
        groups = self.read_group(AND_([FORECAST_DOMAIN, list(domain or [])]),
                                 ["expected_revenue:sum", "prorated_revenue:sum"],
                                 ["date_deadline:month", "user_id"], lazy=False)
        rows = []
        for group in groups:
            period = (group.get("__range") or {}).get("date_deadline:month") or {}
            rows.append({
                "month": period.get("from") or False, "month_label": group["date_deadline:month"],
                "user_id": group["user_id"][0] if group["user_id"] else False,
                "user_name": group["user_id"][1] if group["user_id"] else False,
                "count": group["__count"], "expected_revenue": group["expected_revenue"] or 0.0,
                "prorated_revenue": group["prorated_revenue"] or 0.0,
            })
        return rows

    @public
    def get_funnel_report(self, domain: list[Any] | None = None) -> dict[str, Any]:
        """The funnel of the leads matching ``domain`` (lost ones included): per stage the leads in it
        and their value, how many reached it, the conversion to the next stage and the average days
        spent in it; the win rate; and the lost reasons with their counts and values."""
        leads = self.with_context(active_test=False)
        domain = list(domain or [])
        stages = self.env["crm.stage"].search([])
        current = {g["stage_id"][0]: g for g in leads.read_group(
            AND_([domain, [("won_status", "!=", "lost")]]), ["expected_revenue:sum"], ["stage_id"])
            if g["stage_id"]}
        reached = self._funnel_reached(domain, stages)
        days = self._funnel_days(domain)
        rows = []
        for index, stage in enumerate(stages):
            group = current.get(stage.id) or {}
            following = stages[index + 1] if index + 1 < len(stages) else None
            base = reached.get(stage.id, 0)
            rows.append({
                "stage_id": stage.id, "name": stage.name, "is_won": stage.is_won, "sequence": stage.sequence,
                "count": group.get("stage_id_count",
                                   0), "expected_revenue": group.get("expected_revenue") or 0.0,
                "reached": base, "avg_days": days.get(stage.id, 0.0),
                "conversion_rate": round(100.0 * reached.get(following.id, 0) / base, 2)
                if following is not None and base else False,
            })
        status = {g["won_status"]: g["won_status_count"] for g in leads.read_group(
            domain, ["won_status"], ["won_status"])}
        won, lost = status.get("won", 0), status.get("lost", 0)
        reasons = [{"lost_reason_id": g["lost_reason_id"][0] if g["lost_reason_id"] else False,
                    "name": g["lost_reason_id"][1] if g["lost_reason_id"] else False,
                    "count": g["lost_reason_id_count"], "expected_revenue": g["expected_revenue"] or 0.0}
                   for g in leads.read_group(AND_([domain, [("won_status", "=", "lost")]]),
                                             ["expected_revenue:sum"], ["lost_reason_id"])]
        return {"stages": rows, "won": won, "lost": lost, "open": status.get("pending", 0),
                "win_rate": round(100.0 * won / (won + lost), 2) if won + lost else False,
                "lost_reasons": sorted(reasons, key=lambda r: -r["count"])}

    def _funnel_reached(self, domain: list[Any], stages: Any) -> dict[int, int]:
        """Per stage, the leads whose furthest stage (by sequence) is this one or a later one."""
        history = self.env["crm.lead.stage.history"]._table
        stage_table = self.env["crm.stage"]._table
        lead_ids = self.with_context(active_test=False)._subquery_ids(domain)
        furthest = (sa.select(history.c.lead_id, sa.func.max(stage_table.c.sequence).label("seq"))
                    .join(stage_table, stage_table.c.id == history.c.stage_id)
                    .where(history.c.lead_id.in_(lead_ids)).group_by(history.c.lead_id).subquery())
        counts = dict(self.env.cr.execute(sa.select(furthest.c.seq, sa.func.count())
                                          .group_by(furthest.c.seq)).all())
        # a won lead reached every open stage before it, whatever their sequences
        return {stage.id: sum(n for seq, n in counts.items() if seq is not None and seq >= stage.sequence)
                for stage in stages}

    def _funnel_days(self, domain: list[Any]) -> dict[int, float]:
        """Average days spent per stage, over the stays of the matching leads (a stay still going
        counts up to now), averaged in SQL."""
        history = self.env["crm.lead.stage.history"]._table
        lead_ids = self.with_context(active_test=False)._subquery_ids(domain)
        now = sa.literal(clock.utcnow(), sa.DateTime())
        end = sa.func.coalesce(history.c.date_out, now)
        if self.env.cr.dialect == "postgresql":
            days = sa.func.extract("epoch", end - history.c.date_in) / 86400.0
        else:
            days = sa.func.julianday(end) - sa.func.julianday(history.c.date_in)
        statement = (sa.select(history.c.stage_id, sa.func.avg(days)).where(history.c.lead_id.in_(lead_ids))
                     .group_by(history.c.stage_id))
        return {stage_id: round(float(value), 2) for stage_id, value in self.env.cr.execute(statement)
                if value is not None}
