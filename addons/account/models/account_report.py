"""Reports computed in SQL over posted journal items: the trial balance and the aged receivable
(or payable). Each is one grouped query, whatever the number of items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from core import _, clock, model, public
from core.exceptions import ValidationError
from core.records.compute import flush_for_query

# the aged report's columns: (key, first day overdue, last day overdue)
AGING = (("not_due", None, 0), ("1_30", 1, 30), ("31_60", 31, 60), ("61_90", 61, 90), ("older", 91, None))


def _date(value: Any, field: str) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(
            _("Invalid date %(value)r: expected YYYY-MM-DD.", value=value), field=field
        ) from None


def report_period(date_from: Any, date_to: Any) -> tuple[dt.date | None, dt.date | None]:
    """A report's period as dates, each optional; an invalid date or an end before the start is a
    ValidationError naming its parameter."""
    start, end = _date(date_from, "date_from"), _date(date_to, "date_to")
    if start and end and end < start:
        raise ValidationError(_("The end date comes before the start date."), field="date_to")
    return start, end


@model("account.account")
class AccountAccountReport:
    def _compute_current_totals(self) -> None:
        rows = (
            {row["account_id"]: row for row in self.trial_balance(date_to=clock.today())} if self.ids else {}
        )
        for account in self:
            row = rows.get(account.id, {})
            account.current_debit = row.get("debit", 0.0)
            account.current_credit = row.get("credit", 0.0)
            account.current_balance = row.get("balance", 0.0)

    @public
    def trial_balance(
        self,
        date_from: Any = None,
        date_to: Any = None,
        journal_ids: list[int] | None = None,
        company_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """Per account with posted items: ``{"account_id", "code", "name", "account_type", "initial", "debit",
        "credit", "balance"}`` over [date_from, date_to] (initial: the balance before date_from), by code."""
        start, end = report_period(date_from, date_to)
        company = company_id or self.env.company.id
        self.env["account.move.line"].check_access_rights("read")
        flush_for_query(self.env["account.move.line"])
        lines, accounts = self.env["account.move.line"]._table, self._table
        period = sa.true() if start is None else lines.c.date >= start
        before = sa.false() if start is None else lines.c.date < start
        conditions = [lines.c.parent_state == "posted", lines.c.company_id == company]
        if end is not None:
            conditions.append(lines.c.date <= end)
        if journal_ids:
            conditions.append(lines.c.journal_id.in_([int(i) for i in journal_ids]))
        # aggregate the items alone, then join the few account rows: no join over every item
        totals = (
            sa.select(
                lines.c.account_id,
                sa.func.sum(sa.case((before, lines.c.balance), else_=0)).label("initial"),
                sa.func.sum(sa.case((period, lines.c.debit), else_=0)).label("debit"),
                sa.func.sum(sa.case((period, lines.c.credit), else_=0)).label("credit"),
                sa.func.sum(lines.c.balance).label("balance"),
            )
            .where(*conditions)
            .group_by(lines.c.account_id)
            .subquery()
        )
        query = (
            sa.select(accounts.c.id, accounts.c.code, totals.c.initial, totals.c.debit, totals.c.credit,
                      totals.c.balance)
            .select_from(totals.join(accounts, accounts.c.id == totals.c.account_id))
            .order_by(accounts.c.code)
        )
        rows = self.env.cr.execute(query).all()
        found = self.browse([row[0] for row in rows])
        names = {account.id: account.name for account in found}
        types = {account.id: account.account_type for account in found}
        return [
            {
                "account_id": account_id,
                "code": code,
                "name": names.get(account_id, ""),
                "account_type": types.get(account_id) or "",
                "initial": round(float(initial or 0), 2),
                "debit": round(float(debit or 0), 2),
                "credit": round(float(credit or 0), 2),
                "balance": round(float(balance or 0), 2),
            }
            for account_id, code, initial, debit, credit, balance in rows
        ]


@model("res.partner")
class ResPartnerAged:
    def _compute_aged_receivable(self) -> None:
        rows = {}
        if "account.move.line" in self.env and self.ids:
            rows = {row["partner_id"]: row for row in self.aged_partner_balance()}
        for partner in self:
            row = rows.get(partner.id, {})
            for key, _first, _last in AGING:
                partner[f"aged_{key}"] = row.get(key, 0.0)

    @public
    def aged_partner_balance(
        self,
        date: Any = None,
        account_type: str = "asset_receivable",
        company_id: int | None = None,
        journal_ids: list[int] | None = None,
    ) -> list[dict[str, Any]]:
        """Per partner, what is open on posted receivable (or payable) items on ``date``, by days
        overdue: ``{"partner_id", "name", "not_due", "1_30", "31_60", "61_90", "older", "total"}``."""
        if account_type not in ("asset_receivable", "liability_payable"):
            raise ValidationError(
                _("The aged balance reads receivable or payable accounts, not %(type)r.", type=account_type),
                field="account_type",
            )
        day = _date(date, "date") or clock.today()
        company = company_id or self.env.company.id
        self.env["account.move.line"].check_access_rights("read")
        flush_for_query(self.env["account.move.line"])
        lines = self.env["account.move.line"]._table
        due = sa.func.coalesce(lines.c.date_maturity, lines.c.date)
        columns = []
        for _key, first, last in AGING:
            limit_first = None if first is None else day - dt.timedelta(days=first)
            limit_last = None if last is None else day - dt.timedelta(days=last)
            condition = sa.and_(
                *(
                    c
                    for c in (
                        due <= limit_first if limit_first is not None else None,
                        due >= limit_last if limit_last is not None else None,
                    )
                    if c is not None
                )
            )
            columns.append(sa.func.sum(sa.case((condition, lines.c.amount_residual), else_=0)))
        query = (
            sa.select(lines.c.partner_id, *columns, sa.func.sum(lines.c.amount_residual))
            .where(
                lines.c.parent_state == "posted",
                lines.c.account_type == account_type,
                lines.c.company_id == company,
                lines.c.date <= day,
                lines.c.reconciled.is_not(True),
                *([lines.c.journal_id.in_([int(i) for i in journal_ids])] if journal_ids else []),
            )
            .group_by(lines.c.partner_id)
        )
        rows = [row for row in self.env.cr.execute(query).all() if round(float(row[-1] or 0), 2)]
        names = {p.id: p.display_name for p in self.browse([row[0] for row in rows if row[0]])}
        result = []
        for row in rows:
            entry: dict[str, Any] = {
                "partner_id": row[0] or False,
                "name": names.get(row[0], _("Unknown Partner")),
            }
            entry.update(
                {
                    key: round(float(value or 0), 2)
                    for (key, _f, _l), value in zip(AGING, row[1:-1], strict=True)
                }
            )
            entry["total"] = round(float(row[-1] or 0), 2)
            result.append(entry)
        return sorted(result, key=lambda item: item["name"])
