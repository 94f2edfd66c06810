"""The general ledger, the profit and loss and the balance sheet, over posted journal items: each one
grouped SQL query (the trial balance's, or the ledger's ordered lines), whatever the number of items."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from core import model, public
from core.i18n import _lt
from core.records.compute import flush_for_query

from .account_report import report_period

# (key, label, account types, sign): the sign turns a balance into the amount shown (income positive)
PROFIT_AND_LOSS = (
    ("revenue", _lt("Revenue"), ("income",), -1),
    ("other_income", _lt("Other Income"), ("income_other",), -1),
    ("cost_of_revenue", _lt("Cost of Revenue"), ("expense_direct_cost",), 1),
    ("expenses", _lt("Expenses"), ("expense",), 1),
    ("depreciation", _lt("Depreciation"), ("expense_depreciation",), 1),
)
BALANCE_SHEET = (
    (
        "assets",
        _lt("Assets"),
        (
            "asset_receivable",
            "asset_cash",
            "asset_current",
            "asset_non_current",
            "asset_prepayments",
            "asset_fixed",
        ),
        1,
    ),
    (
        "liabilities",
        _lt("Liabilities"),
        ("liability_payable", "liability_credit_card", "liability_current", "liability_non_current"),
        -1,
    ),
    ("equity", _lt("Equity"), ("equity", "equity_unaffected"), -1),
)
PL_TYPES = tuple(t for _k, _l, types, _s in PROFIT_AND_LOSS for t in types)


def _sections(rows: list[dict[str, Any]], layout: tuple[Any, ...], field: str) -> list[dict[str, Any]]:
    sections = []
    for key, label, types, sign in layout:
        accounts = [
            {
                "account_id": row["account_id"],
                "code": row["code"],
                "name": row["name"],
                "account_type": row["account_type"],
                "amount": round(sign * row[field], 2),
            }
            for row in rows
            if row["account_type"] in types
        ]
        total = round(sum(account["amount"] for account in accounts), 2)
        sections.append(
            {
                "key": key,
                "label": str(label),
                "types": list(types),
                "sign": sign,
                "accounts": accounts,
                "total": total,
            }
        )
    return sections


@model("account.account")
class AccountAccountFinancialReports:
    @public
    def profit_and_loss(
        self,
        date_from: Any = None,
        date_to: Any = None,
        journal_ids: list[int] | None = None,
        company_id: int | None = None,
    ) -> dict[str, Any]:
        """Income and expense accounts over [date_from, date_to] by section (``{"sections": [{"key",
        "label", "accounts": [{"account_id", "code", "name", "amount"}], "total"}], "net_profit"}``);
        income and expenses are both positive, the net profit is income less expenses."""
        # accounts moved in the period only (the trial balance also lists those moved before it)
        rows = [
            row
            for row in self.trial_balance(date_from, date_to, journal_ids, company_id)
            if row["debit"] or row["credit"]
        ]
        for row in rows:
            row["period"] = round(row["debit"] - row["credit"], 2)
        sections = _sections(rows, PROFIT_AND_LOSS, "period")
        net = sum(-section["sign"] * section["total"] for section in sections)
        return {"sections": sections, "net_profit": round(net, 2)}

    @public
    def balance_sheet(
        self, date_to: Any = None, journal_ids: list[int] | None = None, company_id: int | None = None
    ) -> dict[str, Any]:
        """Assets, liabilities and equity on ``date_to`` by section, as :meth:`profit_and_loss` shapes
        them (each positive on its side); the equity holds the earnings not yet closed into an equity
        account (``"unallocated_earnings"``), so assets equal liabilities plus equity."""
        rows = self.trial_balance(None, date_to, journal_ids, company_id)
        sections = _sections([row for row in rows if row["balance"]], BALANCE_SHEET, "balance")
        earnings = round(-sum(row["balance"] for row in rows if row["account_type"] in PL_TYPES), 2)
        sections[-1]["total"] = round(sections[-1]["total"] + earnings, 2)
        return {
            "sections": sections,
            "unallocated_earnings": earnings,
            "liabilities_and_equity": round(sections[1]["total"] + sections[2]["total"], 2),
        }

    @public
    def general_ledger(
        self,
        date_from: Any = None,
        date_to: Any = None,
        journal_ids: list[int] | None = None,
        company_id: int | None = None,
        limit_per_account: int | None = None,
    ) -> list[dict[str, Any]]:
        """Per account with posted items, its balance before ``date_from`` and its items of the period
        with the running balance: ``{"account_id", "code", "name", "initial", "debit", "credit", "balance",
        "lines": [{"id", "date", "move_id", "move_name", "journal", "partner", "name", "debit", "credit",
        "balance"}], "line_count"}``, by code, items by date; with ``limit_per_account``, only the first
        items of each account (``line_count`` still counts them all)."""
        start, end = report_period(date_from, date_to)
        accounts = {
            row["account_id"]: {**row, "lines": []}
            for row in self.trial_balance(start, end, journal_ids, company_id)
        }
        Line = self.env["account.move.line"]
        flush_for_query(Line)
        lines = Line._table
        journals = self.env["account.journal"]._table
        conditions = [
            lines.c.parent_state == "posted",
            lines.c.company_id == (company_id or self.env.company.id),
        ]
        if start is not None:
            conditions.append(lines.c.date >= start)
        if end is not None:
            conditions.append(lines.c.date <= end)
        if journal_ids:
            conditions.append(lines.c.journal_id.in_([int(i) for i in journal_ids]))
        order = (lines.c.date, lines.c.move_name, lines.c.id)
        numbered = (
            sa.select(
                lines.c.id,
                lines.c.account_id,
                lines.c.date,
                lines.c.move_id,
                lines.c.move_name,
                journals.c.code,
                lines.c.partner_id,
                lines.c.name,
                lines.c.debit,
                lines.c.credit,
                sa.func.row_number().over(partition_by=lines.c.account_id, order_by=order).label("rank"),
            )
            .select_from(lines.join(journals, journals.c.id == lines.c.journal_id))
            .where(*conditions)
            .subquery()
        )
        query = sa.select(*[c for c in numbered.c if c.name != "rank"], numbered.c.rank).order_by(
            numbered.c.account_id, numbered.c.rank
        )
        if limit_per_account:  # the first items of each account, chosen in SQL
            query = query.where(numbered.c.rank <= limit_per_account)
        rows = self.env.cr.execute(query).all()
        partners = {
            p.id: p.display_name for p in self.env["res.partner"].browse({r[6] for r in rows if r[6]})
        }
        running: dict[int, float] = {key: account["initial"] for key, account in accounts.items()}
        counts = self._ledger_counts(conditions) if limit_per_account else {}
        for account_id, account in accounts.items():
            account["line_count"] = counts.get(account_id, 0)
        for (
            line_id,
            account_id,
            date,
            move_id,
            move_name,
            journal,
            partner_id,
            name,
            debit,
            credit,
            _n,
        ) in rows:
            debit, credit = round(float(debit or 0), 2), round(float(credit or 0), 2)
            running[account_id] = round(running[account_id] + debit - credit, 2)
            accounts[account_id]["lines"].append(
                {
                    "id": line_id,
                    "date": date,
                    "move_id": move_id,
                    "move_name": move_name or "",
                    "journal": journal or "",
                    "partner": partners.get(partner_id, ""),
                    "name": name or "",
                    "debit": debit,
                    "credit": credit,
                    "balance": running[account_id],
                }
            )
        if not limit_per_account:
            for account in accounts.values():
                account["line_count"] = len(account["lines"])
        return sorted(accounts.values(), key=lambda account: account["code"])

    def _ledger_counts(self, conditions: list[Any]) -> dict[int, int]:
        lines = self.env["account.move.line"]._table
        query = sa.select(lines.c.account_id, sa.func.count()).where(*conditions).group_by(lines.c.account_id)
        return dict(self.env.cr.execute(query).all())
