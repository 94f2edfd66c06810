"""In the browser: the profit and loss opened from the Reporting menu, filtered by period, a figure
drilled down to its journal items and the journal entry, and the report downloaded as XLSX and read back
(screenshots in tests/artifacts/)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import log_in, shot
from tests.databases import committed_env, scratch_database
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reports_template() -> Iterator[str]:
    """Invoicing with its demo data and two invoices posted in 2032 (a year no demo entry reaches)."""
    with scratch_database("accountreports", addons=["base", "account"], demo=True) as url:
        with committed_env(url) as env:
            for price, day in ((1200.0, dt.date(2032, 2, 3)), (800.0, dt.date(2032, 2, 20))):
                move = (
                    env["account.move"]
                    .with_context(default_move_type="out_invoice")
                    .create(
                        {
                            "move_type": "out_invoice",
                            "partner_id": env.ref("base.res_partner_2").id,
                            "invoice_date": day,
                            "invoice_line_ids": [
                                (0, 0, {"name": f"Consulting {price:.0f}", "price_unit": price})
                            ],
                        }
                    )
                )
                move.action_post()
        yield url


@pytest.fixture(scope="module")
def live_server(reports_template: str) -> Iterator[str]:
    with serve_copy(reports_template, "account-reports-browser") as live:
        yield live.base


def test_profit_and_loss_drill_down_and_xlsx(new_page: Any) -> None:
    page = new_page()
    log_in(page, "admin")
    page.goto("/web")
    page.get_by_role("link", name="Invoicing").first.click()
    page.get_by_text("Reporting", exact=True).first.click()
    page.get_by_role("link", name="Profit and Loss").first.click()
    expect(page.get_by_role("heading", name="Profit and Loss")).to_be_visible(timeout=15000)
    page.get_by_label("Start Date").fill("2032-01-01")
    page.get_by_label("End Date").fill("2032-12-31")
    page.get_by_role("button", name="Apply").click()
    net = page.locator("tr.report-total", has_text="Net Profit")
    expect(net).to_contain_text("2,000.00", timeout=15000)
    shot(page, "account-profit-and-loss")
    page.locator("tr.report-line td.num a").first.click()
    expect(page.get_by_role("heading", name="Journal Items")).to_contain_text("", timeout=15000)
    expect(page.locator("table.report-drill tbody")).to_contain_text("Consulting 1200", timeout=15000)
    expect(page.locator("table.report-drill tbody tr")).to_have_count(2)
    shot(page, "account-profit-and-loss-drill")
    page.locator("table.report-drill tbody a").first.click()
    page.wait_for_url("**/account.move/**", timeout=15000)
    expect(page.locator("body")).to_contain_text("INV/2032/", timeout=15000)
    page.go_back()
    page.go_back()
    expect(page.get_by_role("heading", name="Profit and Loss")).to_be_visible(timeout=15000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export XLSX").click()
    assert download.value.suggested_filename == "profit_and_loss.xlsx"
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Profit and Loss"
    assert next(row for row in rows if row[0] == "Net Profit")[1] == 2000.0
    assert page.errors == []
