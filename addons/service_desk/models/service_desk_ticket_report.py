"""The dashboard figures of a ticket model (helpdesk tickets, citizen requests), each computed in SQL
over the records the user may read: the open backlog by team and stage, the SLA compliance rate, the
backlog by age, the resolution time per month, and the average resolution time grouped by any field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from core import _, clock, model, public
from core.exceptions import ValidationError

# backlog ages in days: (label, from, to) with ``to`` excluded; None for open-ended
AGE_BUCKETS: tuple[tuple[str, float, float | None], ...] = (
    ("< 1 day", 0, 1),
    ("1-3 days", 1, 3),
    ("3-7 days", 3, 7),
    ("7-30 days", 7, 30),
    ("> 30 days", 30, None),
)
TREND_MONTHS = 12


@model("service_desk.ticket.mixin")
class ServiceTicketReport:
    def _days_between(self, start: Any, end: Any) -> Any:
        """SQL of the days from ``start`` to ``end`` (fractional), on either engine."""
        if self.env.cr.dialect == "postgresql":
            return sa.func.extract("epoch", end - start) / 86400.0
        return sa.func.julianday(end) - sa.func.julianday(start)

    def _report_rows(self, domain: list[Any] | None) -> sa.FromClause:
        """The rows of the table the user may read among ``domain``, to select from."""
        table = self._table
        return table.select().where(table.c.id.in_(self._subquery_ids(list(domain or [])))).subquery()

    @public
    def get_desk_dashboard(self, domain: list[Any] | None = None) -> dict[str, Any]:
        """Every figure of the dashboard for the records matching ``domain``."""
        now = clock.utcnow().replace(microsecond=0)
        return {
            "backlog": self._report_backlog(domain),
            "sla": self._report_sla(domain),
            "ages": self._report_ages(domain, now),
            "trend": self._report_trend(domain, now),
        }

    def _report_backlog(self, domain: list[Any] | None) -> list[dict[str, Any]]:
        """Open records (not closed) by team and stage: ``[{team_id, team, stage_id, stage, count}]``."""
        rows = self._report_rows(domain)
        statement = (
            sa.select(rows.c.team_id, rows.c.stage_id, sa.func.count())
            .where(rows.c.close_date.is_(None))
            .group_by(rows.c.team_id, rows.c.stage_id)
        )
        counts = self.env.cr.execute(statement).all()
        teams = self.env["service_desk.team"].sudo().browse([t for t, _s, _n in counts if t]).exists()
        team_names = {team.id: team.display_name for team in teams}
        stage_rows = self.env["service_desk.stage"].sudo().browse([s for _t, s, _n in counts if s]).exists()
        stage_names = {s.id: s.display_name for s in stage_rows}
        stage_order = {s.id: (s.sequence, s.id) for s in stage_rows}
        result = [
            {
                "team_id": team_id or False,
                "team": team_names.get(team_id) or _("No team"),
                "stage_id": stage_id or False,
                "stage": stage_names.get(stage_id) or _("No stage"),
                "count": count,
            }
            for team_id, stage_id, count in counts
        ]
        result.sort(key=lambda r: (r["team"], stage_order.get(r["stage_id"], (999999, 0))))
        return result

    def _report_sla(self, domain: list[Any] | None) -> dict[str, Any]:
        """Closed records with an SLA: how many met it (not failed) and the rate in %; open ones by state."""
        rows = self._report_rows(domain)
        with_sla = rows.c.sla_state.is_not(None)
        closed = rows.c.close_date.is_not(None)
        met = sa.func.sum(sa.case((rows.c.sla_state != "failed", 1), else_=0))
        total_closed, met_closed = self.env.cr.execute(
            sa.select(sa.func.count(), met).where(with_sla, closed)
        ).one()
        open_states = dict(
            self.env.cr.execute(
                sa.select(rows.c.sla_state, sa.func.count())
                .where(with_sla, rows.c.close_date.is_(None))
                .group_by(rows.c.sla_state)
            ).all()
        )
        met_closed = int(met_closed or 0)
        return {
            "closed": total_closed,
            "met": met_closed,
            "rate": round(100.0 * met_closed / total_closed, 1) if total_closed else False,
            "open_on_time": open_states.get("on_time", 0),
            "open_at_risk": open_states.get("at_risk", 0),
            "open_failed": open_states.get("failed", 0),
        }

    def _started(self, rows: Any) -> Any:
        """When a record's clock started: its SLA start, else its creation."""
        return sa.func.coalesce(rows.c.sla_start, rows.c.create_date)

    def _report_ages(self, domain: list[Any] | None, now: dt.datetime) -> list[dict[str, Any]]:
        """Open records by age since they were filed, in the AGE_BUCKETS."""
        rows = self._report_rows(domain)
        age = self._days_between(self._started(rows), sa.literal(now, sa.DateTime()))
        bucket = sa.case(
            *[
                ((age < upper) if upper is not None else sa.true(), index)
                for index, (_label, _lower, upper) in enumerate(AGE_BUCKETS)
            ],
        )
        counts = dict(
            self.env.cr.execute(
                sa.select(bucket.label("bucket"), sa.func.count())
                .where(rows.c.close_date.is_(None))
                .group_by(bucket)
            ).all()
        )
        return [
            {"label": _(label), "from": lower, "to": upper, "count": counts.get(index, 0)}
            for index, (label, lower, upper) in enumerate(AGE_BUCKETS)
        ]

    def _month_of(self, column: Any) -> Any:
        if self.env.cr.dialect == "postgresql":
            return sa.func.to_char(column, "YYYY-MM")
        return sa.func.strftime("%Y-%m", column)

    def _report_trend(self, domain: list[Any] | None, now: dt.datetime) -> list[dict[str, Any]]:
        """Records closed per month over the last TREND_MONTHS months, with the average and the
        longest resolution time in days (filed to closed)."""
        rows = self._report_rows(domain)
        first = (now.replace(day=1) - dt.timedelta(days=31 * (TREND_MONTHS - 1))).replace(day=1)
        first = first.replace(hour=0, minute=0, second=0)
        month = self._month_of(rows.c.close_date)
        days = self._days_between(self._started(rows), rows.c.close_date)
        statement = (
            sa.select(month.label("month"), sa.func.count(), sa.func.avg(days), sa.func.max(days))
            .where(rows.c.close_date.is_not(None), rows.c.close_date >= first)
            .group_by(month)
            .order_by(month)
        )
        return [
            {
                "month": key,
                "count": count,
                "avg_days": round(float(avg), 2) if avg is not None else 0.0,
                "max_days": round(float(longest), 2) if longest is not None else 0.0,
            }
            for key, count, avg, longest in self.env.cr.execute(statement).all()
        ]

    def _dashboard_breakdowns(self) -> list[tuple[str, str]]:
        """The fields the dashboard breaks the average resolution time down by, with their titles."""
        return [("team_id", _("By team")), ("ticket_type_id", _("By type")), ("priority", _("By priority"))]

    @public
    def get_resolution_stats(self, groupby: str, domain: list[Any] | None = None) -> list[dict[str, Any]]:
        """By the stored field ``groupby`` (a many2one, selection or char): how many records, how many
        open, and the average resolution time in days of the closed ones, averaged in SQL."""
        field = self._fields.get(groupby)
        if field is None or not getattr(field, "store", False) or groupby not in self._table.c:
            raise ValidationError(
                _("groupby: %(field)s is not a stored field of %(model)s.", field=groupby, model=self._name),
                field="groupby",
            )
        rows = self._report_rows(domain)
        key = rows.c[groupby]
        closed = rows.c.close_date.is_not(None)
        days = self._days_between(self._started(rows), rows.c.close_date)
        statement = (
            sa.select(
                key,
                sa.func.count(),
                sa.func.sum(sa.case((closed, 0), else_=1)),
                sa.func.avg(sa.case((closed, days), else_=None)),
            )
            .group_by(key)
            .order_by(sa.func.count().desc(), key)
        )
        found = self.env.cr.execute(statement).all()
        labels = self._report_labels(groupby, [row[0] for row in found])
        return [
            {
                "key": value if value is not None else False,
                "label": labels.get(value) or (str(value) if value not in (None, "") else _("Undefined")),
                "count": count,
                "open": int(still_open or 0),
                "avg_days": round(float(avg), 2) if avg is not None else False,
            }
            for value, count, still_open, avg in found
        ]

    def _report_labels(self, groupby: str, values: list[Any]) -> dict[Any, str]:
        field = self._fields[groupby]
        comodel = getattr(field, "comodel_name", None)
        if comodel:
            records = self.env[comodel].sudo().browse([v for v in values if v]).exists()
            return {record.id: record.display_name for record in records}
        labels = getattr(field, "labels", None)
        return dict(labels()) if callable(labels) else {}
