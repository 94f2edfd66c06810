"""In the browser: a bank statement imported from a CSV file, its line suggested against the invoice
it pays, reconciled from the bank reconciliation screen, and the invoice paid (screenshots in
tests/artifacts/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, shot
from tests.databases import committed_env, scratch_database
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser

INVOICE: dict[str, Any] = {}


@pytest.fixture(scope="module")
def bank_template() -> Iterator[str]:
    """A database with invoicing and its demo, and one posted invoice of 242.00 to be paid by bank."""
    with scratch_database("banktemplate", addons=["base", "account", "sale_crm"], demo=True) as url:
        with committed_env(url) as env:
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": env.ref("base.res_partner_2").id,
                    "invoice_line_ids": [(0, 0, {"name": "Consulting", "price_unit": 242.0, "quantity": 1})],
                }
            )
            move.action_post()
            INVOICE.update(id=move.id, ref=move.payment_reference, partner=move.partner_id.id)
            lead = env["crm.lead"].create(
                {"name": "Showroom fit-out", "type": "opportunity", "partner_id": move.partner_id.id}
            )
            order = env["sale.order"].browse(lead.action_sale_quotations_new()["res_id"])
            product = env.ref("product.product_delivery_02")
            order.write(
                {"order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 4, "price_unit": 95.0})]}
            )
            order.action_confirm()
            wizard = (
                env["sale.advance.payment.inv"]
                .with_context(active_model="sale.order", active_ids=order.ids)
                .create({"advance_payment_method": "percentage", "amount": 50.0})
            )
            env["account.move"].browse(wizard.create_invoices()["res_id"]).action_post()
            INVOICE.update(lead=lead.id, order=order.id)
        yield url


@pytest.fixture(scope="module")
def live_server(bank_template: str) -> Iterator[str]:
    with serve_copy(bank_template, "bank-browser") as live:
        yield live.base


def _click(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    page.wait_for_load_state("networkidle")


def test_import_a_statement_and_reconcile_its_line(new_page: Any, tmp_path: Any) -> None:
    page = new_page()
    log_in(page, "admin")
    csv = tmp_path / "june.csv"
    csv.write_text(f"date,label,amount\n2026-06-03,Transfer {INVOICE['ref']},242.00\n2026-06-04,Fees,-3.00\n")
    page.goto("/web/model/account.bank.statement.import/new")
    page.wait_for_load_state("networkidle")
    page.locator("input[type=file]").first.set_input_files(str(csv))
    shot(page, "bank-import-dialog")
    _click(page, "Import")
    page.wait_for_url(re.compile(r"/account.bank.statement/\d+"), timeout=15000)
    assert "Fees" in page.content() and "The payment reference" in page.content()
    shot(page, "bank-imported-statement")
    page.goto("/web/model/account.bank.statement.line")
    page.wait_for_load_state("networkidle")
    shot(page, "bank-reconciliation-list")
    page.get_by_text(f"Transfer {INVOICE['ref']}").first.click()
    page.wait_for_url(re.compile(r"/account.bank.statement.line/\d+"), timeout=15000)
    assert INVOICE["ref"] in page.locator("[data-field=counterpart_line_ids]").first.inner_text()
    assert INVOICE["ref"] in page.locator("[data-field=candidate_line_ids]").first.inner_text()
    shot(page, "bank-line-suggestion")
    _click(page, "Reconcile")
    page.get_by_role("button", name="Undo Reconciliation").wait_for(timeout=15000)
    shot(page, "bank-line-reconciled")
    page.goto(f"/web/model/account.move/{INVOICE['id']}")
    page.locator("[data-field=payment_state]", has_text="Paid").wait_for(timeout=15000)
    assert page.errors == []


def test_partner_and_opportunity_show_their_invoicing(new_page: Any) -> None:
    page = new_page()
    log_in(page, "admin")
    page.goto(f"/web/model/res.partner/{INVOICE['partner']}")
    page.locator(".stat-box[data-field=total_due]").wait_for(timeout=15000)
    assert "Balance" in page.locator(".stat-box[data-field=credit]").inner_text()
    shot(page, "bank-partner-invoicing")
    page.goto(f"/web/model/crm.lead/{INVOICE['lead']}")
    box = page.locator(".stat-box[data-field=invoiced_amount]")
    box.wait_for(timeout=15000)
    assert "190.00" in box.inner_text()  # the 50 % down payment of 4 x 95.00, untaxed
    shot(page, "bank-opportunity-invoiced")
    page.goto(f"/web/model/sale.order/{INVOICE['order']}")
    _click(page, "Create Invoice")
    page.get_by_label("Down payment (percentage)").check()
    page.locator("[data-field=amount] input").first.fill("25")
    shot(page, "bank-down-payment-dialog")
    _click(page, "Create Draft Invoice")
    page.wait_for_url(re.compile(r"/account.move/\d+"), timeout=15000)
    assert "Down payment" in page.content()
    shot(page, "bank-down-payment-invoice")
    assert page.errors == []
