"""``erp bench`` scenarios of invoicing: posting invoices, and the trial balance at size.

``account_invoices``: on a fresh copy of the empty template with invoicing installed (the generic chart),
1,000 customer invoices of three taxed lines (fewer when ``--size`` is smaller) are created through the
record API, then posted in batches (invoices/s, and SQL statements per invoice). Beside them, the rows
posting leaves (the entries and their journal items) written again as raw SQLAlchemy Core multi-row
inserts, in a transaction rolled back.

``account_trial_balance``: posted journal items are added in SQL up to 1,000,000 (``--size`` × 10 when
that is fewer), spread over the accounts and a year, then the trial balance of the year is timed, as
the report screen runs it (best of three). Registered through the ``erp.benchmarks`` entry point.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from core.addon.lifecycle import install
from core.bench.fill import analyze
from core.bench.runner import BenchContext, scenario, timer
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

INVOICES = 1000
LINES = 3
BATCH = 100
ITEMS = 1_000_000
YEAR = 2026


def _env(cr: Any) -> Environment:
    return Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tracking_disable": True})


def _installed(context: BenchContext, work: Any) -> dict[str, Any]:
    with context.database("empty") as empty:
        registry = install(empty, ["account"], demo=False)
        try:
            with registry.cursor() as cr:
                company = _env(cr).company
                if not company.chart_template:
                    company.action_load_chart_template("generic_coa")
            return work(registry)
        finally:
            Registry.forget(registry.url)


@scenario("account_invoices")
def account_invoices(context: BenchContext) -> dict[str, Any]:
    return _installed(context, lambda registry: _invoices(context, registry))


def _invoices(context: BenchContext, registry: Registry) -> dict[str, Any]:
    count = max(1, min(INVOICES, context.size))
    with registry.cursor() as cr:
        env = _env(cr)
        tax = env["account.tax"].create({"name": "Bench VAT 21%", "amount": 21.0, "type_tax_use": "sale"})
        customer = env["res.partner"].create({"name": "Bench customer"})
        ids = {"tax": tax.id, "customer": customer.id}
    context.progress(f"record API create {count} invoices of {LINES} lines")
    invoice_ids: list[int] = []
    statements = {"create": 0, "post": 0}
    with timer() as created:
        for offset in range(0, count, BATCH):
            with registry.cursor() as cr:
                before = cr.sql_count
                values = [_invoice(ids, n) for n in range(offset, min(count, offset + BATCH))]
                moves = _env(cr)["account.move"].with_context(default_move_type="out_invoice").create(values)
                invoice_ids.extend(moves.ids)
                statements["create"] += cr.sql_count - before
    analyze(registry)
    context.progress(f"action_post {count} invoices")
    with timer() as posted:
        for offset in range(0, count, BATCH):
            with registry.cursor() as cr:
                before = cr.sql_count
                _env(cr)["account.move"].browse(invoice_ids[offset : offset + BATCH]).action_post()
                statements["post"] += cr.sql_count - before
    raw_seconds, items = _raw_inserts(registry, invoice_ids)
    return {
        "invoices": count,
        "lines_per_invoice": LINES,
        "journal_items": items,
        "create_invoices_per_s": round(count / created["seconds"], 1),
        "post_invoices_per_s": round(count / posted["seconds"], 1),
        "create_sql_statements_per_invoice": round(statements["create"] / count, 1),
        "post_sql_statements_per_invoice": round(statements["post"] / count, 1),
        "raw_sql_invoices_per_s": round(count / raw_seconds, 1) if raw_seconds else None,
        "post_vs_raw_sql": round(posted["seconds"] / raw_seconds, 1) if raw_seconds else None,
    }


def _invoice(ids: dict[str, int], n: int) -> dict[str, Any]:
    return {
        "move_type": "out_invoice",
        "partner_id": ids["customer"],
        "invoice_date": dt.date(YEAR, 1 + n % 12, 1 + n % 28),
        "invoice_line_ids": [
            (
                0,
                0,
                {
                    "name": f"Item {n}-{i}",
                    "price_unit": 10.0 + i + n % 7,
                    "quantity": 1 + i,
                    "tax_ids": [(6, 0, [ids["tax"]])],
                },
            )
            for i in range(LINES)
        ],
    }


def _raw_inserts(registry: Registry, invoice_ids: list[int]) -> tuple[float, int]:
    """The posted entries and their items inserted again as raw multi-row statements (rolled back)."""
    with registry.cursor() as cr:
        env = _env(cr)
        moves, lines = env["account.move"]._table, env["account.move.line"]._table
        move_rows = [
            dict(row._mapping) for row in cr.execute(sa.select(moves).where(moves.c.id.in_(invoice_ids)))
        ]
        line_rows = [
            dict(row._mapping) for row in cr.execute(sa.select(lines).where(lines.c.move_id.in_(invoice_ids)))
        ]
        for row in move_rows:
            row["name"] = f"{row['name']}-raw"
        for row in line_rows:
            row.pop("id")
        with timer() as elapsed:
            cr.execute(moves.insert(), [{k: v for k, v in row.items() if k != "id"} for row in move_rows])
            cr.execute(lines.insert(), line_rows)  # on the original entries: same rows, no lookup
        cr.rollback()
    return elapsed["seconds"], len(line_rows)


@scenario("account_trial_balance")
def account_trial_balance(context: BenchContext) -> dict[str, Any]:
    return _installed(context, lambda registry: _trial_balance(context, registry))


def _trial_balance(context: BenchContext, registry: Registry) -> dict[str, Any]:
    items = min(ITEMS, max(1000, context.size * 10))
    with registry.cursor() as cr:
        env = _env(cr)
        journal = env["account.journal"].search([("type", "=", "general")], limit=1)
        accounts = env["account.account"].search([])
        entry = env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": dt.date(YEAR, 1, 1),
                "line_ids": [
                    (0, 0, {"account_id": accounts[0].id, "debit": 1.0}),
                    (0, 0, {"account_id": accounts[1].id, "credit": 1.0}),
                ],
            }
        )
        entry.action_post()
        template = entry.line_ids[0].id
        account_ids = accounts.ids
    context.progress(f"insert {items} posted journal items in SQL")
    with timer() as filled, registry.cursor() as cr:
        _fill(cr, template, account_ids, items)
    analyze(registry)
    context.progress(f"trial balance over {items} journal items")
    timings = []
    for _attempt in range(3):
        with registry.cursor(readonly=True) as cr:
            with timer() as elapsed:
                rows = _env(cr)["account.account"].trial_balance(f"{YEAR}-01-01", f"{YEAR}-12-31")
            timings.append(elapsed["seconds"])
    return {
        "journal_items": items,
        "accounts": len(rows),
        "fill_items_per_s": round(items / filled["seconds"], 1),
        "trial_balance_ms": round(min(timings) * 1000, 1),
        "balanced": round(sum(row["balance"] for row in rows), 2) == 0.0,
    }


def _fill(cr: Any, template: int, account_ids: list[int], items: int) -> None:
    """``items`` copies of the posted item ``template`` (pairs of a debit and a credit of one amount,
    so the books stay balanced) over the accounts and the days of the year, in one statement."""
    env = _env(cr)
    table = env["account.move.line"]._table
    names = [c.name for c in table.columns if c.name != "id"]
    accounts = len(account_ids)
    amount = "(1 + (g.n / 2) % 997)"
    if cr.connection.dialect.name == "postgresql":
        series = "generate_series(0, :count - 1) AS g(n)"
        day = f"DATE '{YEAR}-01-01' + ((g.n / 2) % 365)::int"
        account = f"(ARRAY[{', '.join(map(str, account_ids))}])[1 + (g.n / 2 + g.n % 2 * 7) % {accounts}]"
        prefix = ""
    else:
        series = "g"
        prefix = "WITH RECURSIVE g(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM g WHERE n < :count - 1) "
        day = f"date('{YEAR}-01-01', '+' || ((g.n / 2) % 365) || ' days')"
        ids = ",".join(map(str, account_ids))
        account = f"json_extract('[{ids}]', '$[' || ((g.n / 2 + g.n % 2 * 7) % {accounts}) || ']')"
    debit, credit = (
        f"CASE WHEN g.n % 2 = 0 THEN {amount} ELSE 0 END",
        f"CASE WHEN g.n % 2 = 1 THEN {amount} ELSE 0 END",
    )
    replaced = {
        "account_id": account,
        "date": day,
        "debit": debit,
        "credit": credit,
        "balance": f"({debit}) - ({credit})",
        "amount_currency": f"({debit}) - ({credit})",
        "amount_residual": "0",
        "amount_residual_currency": "0",
        "account_type": f"(SELECT a.account_type FROM account_account a WHERE a.id = {account})",
    }
    select = ", ".join(replaced.get(name, f"t.{name}") for name in names)
    statement = (
        f"{prefix}INSERT INTO {table.name} ({', '.join(names)}) "
        f"SELECT {select} FROM {table.name} t, {series} WHERE t.id = :template"
    )
    cr.execute(sa.text(statement), {"count": items, "template": template})
