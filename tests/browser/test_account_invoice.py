"""In the browser: a confirmed order invoiced, the invoice posted and printed (the PDF read back),
paid in two payments, then its journal entry opened (screenshots in tests/artifacts/)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from tests.browser.conftest import log_in, shot
from tests.databases import committed_env, scratch_database
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


ORDER: dict[str, int] = {}


@pytest.fixture(scope="module")
def account_template() -> Iterator[str]:
    """A database with sales and invoicing (the generic chart) and their demo data, and one confirmed
    order of 2 chairs to invoice."""
    with scratch_database("accounttemplate", addons=["base", "sale", "account"], demo=True) as url:
        with committed_env(url) as env:
            order = env["sale.order"].create(
                {
                    "partner_id": env.ref("base.res_partner_2").id,
                    "client_order_ref": "BROWSER-1",
                    "order_line": [
                        (0, 0, {"product_id": env.ref("product.product_delivery_02").id,
                                "product_uom_qty": 2})
                    ],
                }
            )
            order.action_confirm()
            ORDER["id"] = order.id
        yield url


@pytest.fixture(scope="module")
def live_server(account_template: str) -> Iterator[str]:
    with serve_copy(account_template, "account-browser") as live:
        yield live.base


def _click(page: Any, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).first.click()
    page.wait_for_load_state("networkidle")


def test_invoice_an_order_print_and_pay_it(new_page: Any) -> None:
    page = new_page()
    log_in(page, "admin")
    page.goto(f"/web/model/sale.order/{ORDER['id']}")
    assert page.locator("[data-field=invoice_status]").inner_text().strip().endswith("To Invoice")
    shot(page, "account-order-to-invoice")
    _click(page, "Create Invoice")
    shot(page, "account-create-invoice-dialog")
    _click(page, "Create Draft Invoice")
    page.wait_for_url(re.compile(r"/account.move/\d+"))
    shot(page, "account-draft-invoice")
    _click(page, "Confirm")
    page.locator(".statusbar .current", has_text="Posted").wait_for()
    shot(page, "account-posted-invoice")
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Print").click()
    assert re.search(r"/account/invoices/\d+/pdf$", popup.value.url)
    pdf = page.request.get(popup.value.url).body()
    popup.value.close()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Office Chair" in text and "INV/" in text and "communication for your payment" in text
    _click(page, "Register Payment")
    page.locator("#f-d-amount").fill("100")
    shot(page, "account-register-payment-dialog")
    _click(page, "Create Payment")
    page.locator("[data-field=payment_state]", has_text="Partially Paid").wait_for()
    assert "€190.40" in page.locator("[data-field=amount_residual]").inner_text()
    shot(page, "account-partially-paid")
    _click(page, "Register Payment")
    assert page.locator("#f-d-amount").input_value() in ("190.4", "190.40")
    _click(page, "Create Payment")
    page.locator("[data-field=payment_state]", has_text="In Payment").wait_for()
    page.get_by_role("tab", name="Journal Items").click() if page.get_by_role(
        "tab", name="Journal Items"
    ).count() else page.get_by_text("Journal Items", exact=True).first.click()
    shot(page, "account-paid-journal-items")
    assert "251000" in page.content() and "101200" in page.content()
    page.get_by_text("Reporting", exact=True).first.click()
    page.get_by_role("link", name="Aged Receivable").first.click()
    page.wait_for_load_state("networkidle")
    assert "Not Due" in page.content() and "Older" in page.content()
    shot(page, "account-aged-receivable")
    page.get_by_text("Reporting", exact=True).first.click()
    page.get_by_role("link", name="Trial Balance").first.click()
    page.wait_for_load_state("networkidle")
    assert "101200" in page.content() and "251000" in page.content()
    shot(page, "account-trial-balance")
    assert page.errors == []
