"""The accounting reports as tables for the screen and the exports: their filters read from a request,
and each report's rows with the domain of the journal items behind each figure (its drill-down)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from addons.account.models.account_financial_report import PL_TYPES
from addons.account.models.account_report import report_period
from core.exceptions import ValidationError
from core.i18n import _, _lt
from core.records.environment import Environment

# name: (title, the function building its table); the order of the menu
TITLES = {
    "trial_balance": _lt("Trial Balance"),
    "general_ledger": _lt("General Ledger"),
    "profit_and_loss": _lt("Profit and Loss"),
    "balance_sheet": _lt("Balance Sheet"),
    "aged_receivable": _lt("Aged Receivable"),
    "aged_payable": _lt("Aged Payable"),
    "tax_report": _lt("Tax Report (Modelo 303)"),
}
# reports of one day (everything up to it): the start date does not apply
AS_OF = ("balance_sheet", "aged_receivable", "aged_payable")


@dataclass
class Filters:
    """What a report reads: posted items of one company, between two dates, maybe of one journal."""

    company_id: int
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    journal_id: int | None = None

    def params(self) -> dict[str, str]:
        """The filters as the report's address writes them."""
        values = {
            "company_id": str(self.company_id),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "journal_id": self.journal_id,
        }
        return {key: str(value) for key, value in values.items() if value}

    def journal_ids(self) -> list[int] | None:
        return [self.journal_id] if self.journal_id else None

    def domain(self, as_of: bool = False) -> list[Any]:
        """The journal items these filters keep (``as_of``: every item up to the end date)."""
        domain: list[Any] = [("parent_state", "=", "posted"), ("company_id", "=", self.company_id)]
        if self.date_from and not as_of:
            domain.append(("date", ">=", self.date_from.isoformat()))
        if self.date_to:
            domain.append(("date", "<=", self.date_to.isoformat()))
        if self.journal_id:
            domain.append(("journal_id", "=", self.journal_id))
        return domain


@dataclass
class Row:
    """One line of a report: its label cells, its figures, and the items behind them (``key``)."""

    cells: list[Any]
    style: str = "line"  # line, section, total, detail
    key: str = ""
    domain: list[Any] | None = None
    record_url: str = ""


@dataclass
class Table:
    name: str
    title: str
    columns: list[tuple[str, bool]]  # (label, numeric)
    rows: list[Row] = field(default_factory=list)
    # the general ledger's items shown per account (None: all, as the spreadsheet has them)
    ledger_limit: int | None = None


def parse_filters(env: Environment, args: Any) -> Filters:
    """The filters of a request, checked: a company the user works in, a journal of it, a valid period."""
    raw_company = args.get("company_id") or ""
    if raw_company and not raw_company.isdigit():
        raise ValidationError(_("Invalid company %(value)r.", value=raw_company), field="company_id")
    company_id = int(raw_company) if raw_company else env.company.id
    if company_id not in env.companies.ids:
        raise ValidationError(
            _("You do not work in the company %(value)s.", value=company_id), field="company_id"
        )
    start, end = report_period(args.get("date_from"), args.get("date_to"))
    raw_journal = args.get("journal_id") or ""
    journal_id = None
    if raw_journal:
        journal = env["account.journal"].search(
            [("id", "=", int(raw_journal) if raw_journal.isdigit() else 0), ("company_id", "=", company_id)]
        )
        if not journal:
            raise ValidationError(
                _("Unknown journal %(value)r for this company.", value=raw_journal), field="journal_id"
            )
        journal_id = journal.id
    return Filters(company_id, start, end, journal_id)


def build(env: Environment, name: str, filters: Filters, ledger_limit: int | None = None) -> Table:
    """The table of the report ``name`` under ``filters`` (``ledger_limit``: the general ledger's items
    shown per account, the others counted in a line that says so)."""
    table = Table(name, str(TITLES[name]), [], ledger_limit=ledger_limit)
    BUILDERS[name](env, filters, table)
    return table


def _money(*values: float) -> list[Any]:
    return [round(value, 2) for value in values]


def _trial_balance(env: Environment, filters: Filters, table: Table) -> None:
    table.columns = [
        (_("Code"), False),
        (_("Account"), False),
        (_("Initial Balance"), True),
        (_("Debit"), True),
        (_("Credit"), True),
        (_("Balance"), True),
    ]
    rows = env["account.account"].trial_balance(
        filters.date_from, filters.date_to, filters.journal_ids(), filters.company_id
    )
    base = filters.domain()
    for row in rows:
        table.rows.append(
            Row(
                [
                    row["code"],
                    row["name"],
                    *_money(row["initial"], row["debit"], row["credit"], row["balance"]),
                ],
                key=f"account-{row['account_id']}",
                domain=[*base, ("account_id", "=", row["account_id"])],
            )
        )
    total = [sum(row[key] for row in rows) for key in ("initial", "debit", "credit", "balance")]
    table.rows.append(Row(["", _("Total"), *_money(*total)], style="total", key="total", domain=base))


def _general_ledger(env: Environment, filters: Filters, table: Table) -> None:
    table.columns = [
        (_("Date"), False),
        (_("Entry"), False),
        (_("Journal"), False),
        (_("Partner"), False),
        (_("Label"), False),
        (_("Debit"), True),
        (_("Credit"), True),
        (_("Balance"), True),
    ]
    base = filters.domain()
    for account in env["account.account"].general_ledger(
        filters.date_from, filters.date_to, filters.journal_ids(), filters.company_id, table.ledger_limit
    ):
        domain = [*base, ("account_id", "=", account["account_id"])]
        key = f"account-{account['account_id']}"
        table.rows.append(
            Row(
                [
                    f"{account['code']} {account['name']}",
                    "",
                    "",
                    "",
                    _("Initial Balance"),
                    "",
                    "",
                    round(account["initial"], 2),
                ],
                style="section",
                key=key,
                domain=domain,
            )
        )
        for line in account["lines"]:
            table.rows.append(
                Row(
                    [
                        line["date"].isoformat() if line["date"] else "",
                        line["move_name"],
                        line["journal"],
                        line["partner"],
                        line["name"],
                        *_money(line["debit"], line["credit"], line["balance"]),
                    ],
                    style="detail",
                    key=f"line-{line['id']}",
                    domain=[("id", "=", line["id"])],
                )
            )
        hidden = account["line_count"] - len(account["lines"])
        if hidden > 0:
            note = _("%(count)s more items: the account's figures open them all.", count=hidden)
            table.rows.append(Row(["", "", "", "", note, "", "", ""], style="detail"))
        table.rows.append(
            Row(
                [
                    "",
                    "",
                    "",
                    "",
                    _("Total %(code)s", code=account["code"]),
                    *_money(account["debit"], account["credit"], account["balance"]),
                ],
                style="total",
                key=key,
                domain=domain,
            )
        )


def _sections(table: Table, sections: list[dict[str, Any]], domain: list[Any]) -> None:
    for section in sections:
        section_domain = [*domain, ("account_type", "in", section["types"])]
        table.rows.append(
            Row(
                [section["label"], round(section["total"], 2)],
                style="section",
                key=f"section-{section['key']}",
                domain=section_domain,
            )
        )
        for account in section["accounts"]:
            table.rows.append(
                Row(
                    [f"{account['code']} {account['name']}", account["amount"]],
                    key=f"account-{account['account_id']}",
                    domain=[*domain, ("account_id", "=", account["account_id"])],
                )
            )


def _profit_and_loss(env: Environment, filters: Filters, table: Table) -> None:
    table.columns = [(_("Account"), False), (_("Amount"), True)]
    report = env["account.account"].profit_and_loss(
        filters.date_from, filters.date_to, filters.journal_ids(), filters.company_id
    )
    _sections(table, report["sections"], filters.domain())
    table.rows.append(
        Row(
            [_("Net Profit"), report["net_profit"]],
            style="total",
            key="net_profit",
            domain=[
                *filters.domain(),
                ("account_type", "in", [t for s in report["sections"] for t in s["types"]]),
            ],
        )
    )


def _balance_sheet(env: Environment, filters: Filters, table: Table) -> None:
    table.columns = [(_("Account"), False), (_("Amount"), True)]
    report = env["account.account"].balance_sheet(filters.date_to, filters.journal_ids(), filters.company_id)
    base = filters.domain(as_of=True)
    _sections(table, report["sections"], base)
    for row in table.rows:
        if row.key == "section-equity":  # its total holds the unallocated earnings
            row.domain = [*base, ("account_type", "in", [*report["sections"][-1]["types"], *PL_TYPES])]
    table.rows.append(
        Row(
            [_("Unallocated Earnings"), report["unallocated_earnings"]],
            key="unallocated_earnings",
            domain=[*base, ("account_type", "in", list(PL_TYPES))],
        )
    )
    table.rows.append(
        Row(
            [_("Liabilities + Equity"), report["liabilities_and_equity"]],
            style="total",
            key="liabilities_and_equity",
            domain=None,
        )
    )


def _aged(env: Environment, filters: Filters, table: Table, account_type: str) -> None:
    table.columns = [
        (_("Partner"), False),
        (_("Not Due"), True),
        (_("1-30 Days"), True),
        (_("31-60 Days"), True),
        (_("61-90 Days"), True),
        (_("Older"), True),
        (_("Total"), True),
    ]
    rows = env["res.partner"].aged_partner_balance(
        filters.date_to, account_type, filters.company_id, filters.journal_ids()
    )
    base = [*filters.domain(as_of=True), ("account_type", "=", account_type), ("reconciled", "=", False)]
    keys = ("not_due", "1_30", "31_60", "61_90", "older", "total")
    for row in rows:
        table.rows.append(
            Row(
                [row["name"], *_money(*(row[key] for key in keys))],
                key=f"partner-{row['partner_id'] or 0}",
                domain=[*base, ("partner_id", "=", row["partner_id"] or False)],
            )
        )
    table.rows.append(
        Row(
            [_("Total"), *_money(*(sum(row[key] for row in rows) for key in keys))],
            style="total",
            key="total",
            domain=base,
        )
    )


def _tax_report(env: Environment, filters: Filters, table: Table) -> None:
    table.columns = [(_("Box"), False), (_("Description"), False), (_("Amount"), True)]
    Tax = env["account.tax"]
    for box in Tax.tax_report(filters.date_from, filters.date_to, filters.journal_ids(), filters.company_id):
        domain = None if box["total"] else [*filters.domain(), *Tax._tax_grid_domain(box["box"])]
        table.rows.append(
            Row(
                [box["box"], box["label"], box["amount"]],
                style="total" if box["total"] else "line",
                key=f"box-{box['box']}",
                domain=domain,
            )
        )


BUILDERS = {
    "trial_balance": _trial_balance,
    "general_ledger": _general_ledger,
    "profit_and_loss": _profit_and_loss,
    "balance_sheet": _balance_sheet,
    "aged_receivable": lambda env, filters, table: _aged(env, filters, table, "asset_receivable"),
    "aged_payable": lambda env, filters, table: _aged(env, filters, table, "liability_payable"),
    "tax_report": _tax_report,
}
