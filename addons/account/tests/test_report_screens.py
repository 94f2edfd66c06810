"""The report screens of the web client: filters, drill-down to the journal items, XLSX and PDF exports
read back, and the menus under Reporting."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.fixtures.web_client import text

REPORTS = (
    "trial_balance",
    "general_ledger",
    "profit_and_loss",
    "balance_sheet",
    "aged_receivable",
    "aged_payable",
    "tax_report",
)


def _post_invoice(env, price: float, date: dt.date, move_type: str = "out_invoice") -> int:
    move = (
        env["account.move"]
        .with_context(default_move_type=move_type)
        .create(
            {
                "move_type": move_type,
                "partner_id": env.ref("base.res_partner_2").id,
                "invoice_date": date,
                "invoice_line_ids": [(0, 0, {"name": f"Report line {price}", "price_unit": price})],
            }
        )
    )
    move.action_post()
    return move.id


@pytest.fixture
def books(in_db):
    """Two posted invoices (March and May 2031), a posted bill, and a draft that counts nothing."""

    def work(env):
        _post_invoice(env, 300.0, dt.date(2031, 3, 10))
        _post_invoice(env, 75.0, dt.date(2031, 5, 10))
        _post_invoice(env, 40.0, dt.date(2031, 3, 12), "in_invoice")
        env["account.move"].with_context(default_move_type="out_invoice").create(
            {
                "move_type": "out_invoice",
                "partner_id": env.ref("base.res_partner_2").id,
                "invoice_line_ids": [(0, 0, {"name": "Draft", "price_unit": 9999.0})],
            }
        )
        income = env["account.journal"].search([("type", "=", "sale")], limit=1)
        return {"sale_journal": income.id}

    return in_db(work)


@pytest.mark.parametrize("name", REPORTS)
def test_every_report_renders_with_its_exports(login_as, name, books):
    client = login_as("admin")
    page = client.get(f"/account/reports/{name}?date_from=2031-01-01&date_to=2031-12-31")
    assert page.status_code == 200, text(page)[:500]
    assert f"/account/reports/{name}.xlsx" in text(page) and f"/account/reports/{name}.pdf" in text(page)
    xlsx = client.get(f"/account/reports/{name}.xlsx?date_from=2031-01-01&date_to=2031-12-31")
    assert xlsx.status_code == 200 and xlsx.mimetype.endswith("spreadsheetml.sheet")
    load_workbook(io.BytesIO(xlsx.data))
    pdf = client.get(f"/account/reports/{name}.pdf?date_from=2031-01-01&date_to=2031-12-31")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_profit_and_loss_export_reads_back_the_figures(login_as, books):
    client = login_as("admin")
    query = "date_from=2031-01-01&date_to=2031-12-31"
    book = load_workbook(io.BytesIO(client.get(f"/account/reports/profit_and_loss.xlsx?{query}").data))
    rows = [row for row in book.active.iter_rows(values_only=True)]
    assert rows[0][0] == "Profit and Loss"
    net = next(row for row in rows if row[0] == "Net Profit")
    assert net[1] == 335.0  # 300 + 75 of income less 40 of expense; the draft counts nothing
    reader = PdfReader(io.BytesIO(client.get(f"/account/reports/profit_and_loss.pdf?{query}").data))
    printed = "".join(page.extract_text() for page in reader.pages)
    assert "Profit and Loss" in printed and "Net Profit" in printed and "335.00" in printed
    assert "Posted entries only" in printed


def test_date_and_journal_filters_narrow_the_report(login_as, books):
    client = login_as("admin")
    march = load_workbook(
        io.BytesIO(
            client.get("/account/reports/profit_and_loss.xlsx?date_from=2031-03-01&date_to=2031-03-31").data
        )
    )
    assert next(r for r in march.active.iter_rows(values_only=True) if r[0] == "Net Profit")[1] == 260.0
    sales_only = load_workbook(
        io.BytesIO(
            client.get(
                f"/account/reports/profit_and_loss.xlsx?date_from=2031-01-01&journal_id={books['sale_journal']}"
            ).data
        )
    )
    assert next(r for r in sales_only.active.iter_rows(values_only=True) if r[0] == "Net Profit")[1] == 375.0


def test_bad_filters_are_refused_naming_the_field(login_as, books):
    client = login_as("admin")
    bad_date = client.get("/account/reports/trial_balance?date_from=yesterday")
    assert bad_date.status_code in (400, 422) and "YYYY-MM-DD" in text(bad_date)
    backwards = client.get("/account/reports/trial_balance?date_from=2031-02-01&date_to=2031-01-01")
    assert "end date" in text(backwards)
    assert "Unknown journal" in text(client.get("/account/reports/trial_balance?journal_id=999999"))
    assert client.get("/account/reports/no_such_report").status_code == 404


def test_drill_down_lists_the_journal_items_behind_a_figure(login_as, books):
    client = login_as("admin")
    page = text(client.get("/account/reports/profit_and_loss?date_from=2031-03-01&date_to=2031-03-31"))
    link = re.search(r'href="(/account/reports/profit_and_loss/drill/account-\d+[^"]*)"', page)
    assert link, page[:2000]
    drill = text(client.get(link.group(1).replace("&amp;", "&")))
    assert "Report line 300.0" in drill and "Report line 75.0" not in drill and "Draft" not in drill
    assert "/web/" in drill  # each item opens its journal entry


def test_reports_are_in_the_reporting_menu(login_as, books, in_db):
    client = login_as("admin")
    action = in_db(lambda env: env.ref("account.action_report_profit_and_loss").id)
    opened = client.get(f"/web/action/{action}")
    assert opened.status_code == 302 and opened.location.endswith("/account/reports/profit_and_loss")
    page = text(client.get("/account/reports/general_ledger"))
    for title in (
        "General Ledger",
        "Profit and Loss",
        "Balance Sheet",
        "Tax Report (Modelo 303)",
        "Aged Payable",
    ):
        assert title in page


def test_reports_speak_the_users_language(login_as, books, in_db):
    in_db(lambda env: env.ref("base.user_admin").write({"lang": "es_ES"}))
    client = login_as("admin")
    page = text(client.get("/account/reports/profit_and_loss?date_from=2031-01-01&date_to=2031-12-31"))
    assert "Pérdidas y ganancias" in page and "Resultado neto" in page and "Exportar XLSX" in page
    book = load_workbook(io.BytesIO(client.get("/account/reports/tax_report.xlsx").data))
    assert book.active["A1"].value == "Declaración de IVA (modelo 303)"
    labels = [row[1] for row in book.active.iter_rows(values_only=True)]
    assert "Total cuota devengada" in labels and "Solo asientos publicados" in [
        row[0] for row in book.active.iter_rows(values_only=True)
    ]
