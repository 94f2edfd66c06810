"""General ledger, profit and loss, balance sheet and the modelo 303, each checked against sums computed
independently in SQL over the posted journal items."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from core.exceptions import ValidationError

PL_TYPES = ("income", "income_other", "expense", "expense_direct_cost", "expense_depreciation")


def sql_sum(env, where: str, **params) -> float:
    """SUM(balance) of posted items of the company joined to their account, by hand."""
    query = sa.text(
        "SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM account_move_line l "
        "JOIN account_move m ON m.id = l.move_id JOIN account_account a ON a.id = l.account_id "
        f"WHERE m.state = 'posted' AND m.company_id = :company AND {where}"
    )
    return round(float(env.cr.execute(query, {"company": env.company.id, **params}).scalar()), 2)


@pytest.fixture
def books(env, make_invoice):
    """A posted invoice and a bill in 2026, one invoice in 2025, a draft that counts nothing."""
    iva = env.ref("account_tax.tax_iva_21")
    make_invoice((100.0, 2, iva), invoice_date=dt.date(2026, 3, 1), post=True)
    make_invoice((40.0, 1, None), move_type="in_invoice", invoice_date=dt.date(2026, 3, 5), post=True)
    make_invoice((10.0, 1, None), invoice_date=dt.date(2025, 12, 31), post=True)
    make_invoice((5000.0, 1, None), invoice_date=dt.date(2026, 3, 2))
    env.flush()


def test_profit_and_loss_equals_independent_sql_sums(env, books):
    report = env["account.account"].profit_and_loss("2026-01-01", "2026-12-31")
    period = "l.date BETWEEN '2026-01-01' AND '2026-12-31'"
    income = -sql_sum(env, f"{period} AND a.account_type IN ('income', 'income_other')")
    expense = sql_sum(
        env, f"{period} AND a.account_type IN ('expense', 'expense_direct_cost', 'expense_depreciation')"
    )
    sections = {section["key"]: section for section in report["sections"]}
    assert sections["revenue"]["total"] + sections["other_income"]["total"] == income
    assert report["net_profit"] == round(income - expense, 2)
    for section in report["sections"]:
        for account in section["accounts"]:
            expected = sql_sum(env, f"{period} AND a.id = :account", account=account["account_id"])
            assert account["amount"] == round(section["sign"] * expected, 2)


def test_balance_sheet_balances_and_equals_sql_sums(env, books):
    report = env["account.account"].balance_sheet("2026-12-31")
    sections = {section["key"]: section for section in report["sections"]}
    assets = sql_sum(env, "l.date <= '2026-12-31' AND a.account_type LIKE 'asset%'")
    types = ", ".join(f"'{t}'" for t in PL_TYPES)
    earnings = -sql_sum(env, f"l.date <= '2026-12-31' AND a.account_type IN ({types})")
    assert sections["assets"]["total"] == assets
    assert report["unallocated_earnings"] == earnings
    assert report["liabilities_and_equity"] == assets


def test_balance_sheet_reads_nothing_after_its_date(env, books):
    before = env["account.account"].balance_sheet("2025-12-31")
    assert before["unallocated_earnings"] == -sql_sum(
        env, "l.date <= '2025-12-31' AND a.account_type = 'income'"
    )


def test_general_ledger_lists_posted_items_with_running_balance(env, books, chart):
    ledger = {row["code"]: row for row in env["account.account"].general_ledger("2026-01-01", "2026-12-31")}
    receivable = ledger[chart("receivable").code]
    assert receivable["initial"] == sql_sum(
        env, "l.date < '2026-01-01' AND a.id = :a", a=chart("receivable").id
    )
    count = env.cr.execute(
        sa.text(
            "SELECT COUNT(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id "
            "WHERE m.state = 'posted' AND l.account_id = :a AND l.date BETWEEN '2026-01-01' AND '2026-12-31'"
        ),
        {"a": chart("receivable").id},
    ).scalar()
    assert len(receivable["lines"]) == count
    assert (
        receivable["lines"][-1]["balance"]
        == receivable["balance"]
        == sql_sum(env, "l.date <= '2026-12-31' AND a.id = :a", a=chart("receivable").id)
    )
    assert all(line["move_name"] for line in receivable["lines"])


def test_reports_filter_by_journal(env, books):
    sale = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    purchase = env["account.journal"].search(
        [("type", "=", "purchase"), ("company_id", "=", env.company.id)], limit=1
    )
    only_bills = env["account.account"].profit_and_loss("2026-01-01", "2026-12-31", [purchase.id])
    assert {s["key"]: s["total"] for s in only_bills["sections"]}["revenue"] == 0.0
    only_sales = env["account.account"].profit_and_loss("2026-01-01", "2026-12-31", [sale.id])
    assert only_sales["net_profit"] == -sql_sum(
        env,
        "l.date BETWEEN '2026-01-01' AND '2026-12-31' AND l.journal_id = :j AND a.account_type = 'income'",
        j=sale.id,
    )


def test_period_ending_before_it_starts_is_refused(env):
    with pytest.raises(ValidationError, match="end date") as caught:
        env["account.account"].profit_and_loss("2026-02-01", "2026-01-01")
    assert caught.value.field == "date_to"


@pytest.fixture
def spanish(env):
    """A company on Spain's PGC with its user working in it; its taxes carry the modelo 303 grids."""
    company = env["res.company"].create({"name": "Modelo 303 SL", "currency_id": env.ref("base.EUR").id})
    company.action_load_chart_template("es_pymes")
    env.user.write({"company_ids": [(4, company.id)], "company_id": company.id})
    return env(context={"allowed_company_ids": [company.id]})


def _post(cenv, move_type, date, *lines):
    taxes = cenv["account.tax"].search([("company_id", "=", cenv.company.id)])
    use = "sale" if move_type.startswith("out") else "purchase"
    commands = [
        (
            0,
            0,
            {
                "name": f"L{price}",
                "price_unit": price,
                "tax_ids": [
                    (6, 0, taxes.filtered(lambda t, r=rate: t.amount == r and t.type_tax_use == use).ids)
                ],
            },
        )
        for price, rate in lines
    ]
    move = (
        cenv["account.move"]
        .with_context(default_move_type=move_type)
        .create(
            {
                "move_type": move_type,
                "partner_id": cenv.ref("base.res_partner_2").id,
                "invoice_date": date,
                "invoice_line_ids": commands,
            }
        )
    )
    move.action_post()
    return move


def test_modelo_303_boxes_equal_sql_sums_per_tax(spanish):
    cenv = spanish
    _post(cenv, "out_invoice", dt.date(2026, 4, 2), (1000.0, 21.0), (200.0, 10.0), (50.0, 4.0))
    _post(cenv, "out_refund", dt.date(2026, 4, 3), (100.0, 21.0))
    _post(cenv, "in_invoice", dt.date(2026, 4, 4), (300.0, 21.0), (100.0, 10.0))
    _post(cenv, "out_invoice", dt.date(2026, 7, 1), (999.0, 21.0))  # another quarter
    cenv.flush()
    boxes = {box["box"]: box["amount"] for box in cenv["account.tax"].tax_report("2026-04-01", "2026-06-30")}

    def by_tax(column: str, rate: float, use: str) -> float:
        """Balance of the items of the taxes of ``rate``: the base items through the tax relation,
        the tax items through tax_line_id."""
        if column == "base":
            join = (
                "JOIN account_move_line_account_tax_rel r ON r.account_move_line_id = l.id "
                "JOIN account_tax t ON t.id = r.account_tax_id"
            )
        else:
            join = "JOIN account_tax t ON t.id = l.tax_line_id"
        query = sa.text(
            f"SELECT COALESCE(SUM(l.balance), 0) FROM account_move_line l {join} "
            "JOIN account_move m ON m.id = l.move_id WHERE m.state = 'posted' AND m.company_id = :c "
            "AND l.date BETWEEN '2026-04-01' AND '2026-06-30' AND t.amount = :rate AND t.type_tax_use = :use"
        )
        return round(
            float(cenv.cr.execute(query, {"c": cenv.company.id, "rate": rate, "use": use}).scalar()), 2
        )

    assert boxes["07"] == -by_tax("base", 21.0, "sale") == 900.0
    assert boxes["09"] == -by_tax("tax", 21.0, "sale") == 189.0
    assert (boxes["04"], boxes["06"]) == (-by_tax("base", 10.0, "sale"), -by_tax("tax", 10.0, "sale"))
    assert (boxes["01"], boxes["03"]) == (50.0, 2.0)
    assert boxes["28"] == by_tax("base", 21.0, "purchase") + by_tax("base", 10.0, "purchase") == 400.0
    assert boxes["29"] == 73.0
    assert boxes["27"] == round(boxes["03"] + boxes["06"] + boxes["09"], 2)
    assert boxes["46"] == round(boxes["27"] - boxes["29"], 2)


def test_pgc_taxes_carry_their_modelo_303_grids(spanish):
    tax = spanish["account.tax"].search(
        [("company_id", "=", spanish.company.id), ("type_tax_use", "=", "sale"), ("amount", "=", 21.0)]
    )
    grids = {line.repartition_type: set(line.tag_ids.mapped("name")) for line in tax.repartition_line_ids}
    assert grids == {"base": {"07"}, "tax": {"09"}}


def test_general_ledger_limit_keeps_the_first_items_and_counts_them_all(env, books, chart):
    receivable = chart("receivable").id
    full = {row["account_id"]: row for row in env["account.account"].general_ledger(None, "2026-12-31")}
    limited = {
        row["account_id"]: row
        for row in env["account.account"].general_ledger(None, "2026-12-31", None, None, 1)
    }
    assert full[receivable]["line_count"] == len(full[receivable]["lines"]) >= 2
    assert limited[receivable]["line_count"] == full[receivable]["line_count"]
    assert limited[receivable]["lines"] == full[receivable]["lines"][:1]


def test_modelo_303_drill_domain_finds_the_items_of_a_box(spanish):
    _post(spanish, "out_invoice", dt.date(2026, 4, 2), (1000.0, 21.0), (200.0, 10.0))
    spanish.flush()
    period = [
        ("parent_state", "=", "posted"),
        ("company_id", "=", spanish.company.id),
        ("date", ">=", "2026-04-01"),
        ("date", "<=", "2026-06-30"),
    ]
    Line, Tax = spanish["account.move.line"], spanish["account.tax"]
    base = Line.search([*period, *Tax._tax_grid_domain("07")])
    assert base.mapped("name") == ["L1000.0"] and -sum(base.mapped("balance")) == 1000.0
    tax = Line.search([*period, *Tax._tax_grid_domain("09")])
    assert tax.mapped("display_type") == ["tax"] and -sum(tax.mapped("balance")) == 210.0


@pytest.mark.parametrize("name", ["profit_and_loss", "balance_sheet", "trial_balance", "aged_receivable"])
def test_every_figure_drills_down_to_items_that_add_up_to_it(env, books, name):
    from addons.account.controllers.report_tables import Filters, build

    filters = Filters(env.company.id, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    table = build(env, name, filters)
    checked = 0
    for row in table.rows:
        if row.domain is None:
            continue
        items = env["account.move.line"].search(row.domain)
        figures = dict(zip([label for label, _n in table.columns], row.cells, strict=True))
        if name == "trial_balance":
            assert round(sum(items.mapped("debit")), 2) == figures["Debit"]
            assert round(sum(items.mapped("credit")), 2) == figures["Credit"]
        elif name == "aged_receivable":
            assert round(sum(items.mapped("amount_residual")), 2) == figures["Total"]
        else:
            assert abs(round(sum(items.mapped("balance")), 2)) == abs(figures["Amount"]), row.cells
        checked += 1
    assert checked >= 3
