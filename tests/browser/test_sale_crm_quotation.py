"""In the browser: from an opportunity, a quotation with two lines, confirmed; at desktop and
phone widths (screenshots in tests/artifacts/)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sale_template() -> str:
    """A database with CRM, sales and their demo data (the shared browser template has the CRM only)."""
    return shared_template("sale_crm", demo=True, label="saletemplate")


@pytest.fixture(scope="module")
def live_server(sale_template: str) -> Iterator[str]:
    """The web client over a copy of the sales template (``new_page`` opens its pages)."""
    with serve_copy(sale_template, "sale-browser") as live:
        yield live.base


def _pick(page: Any, input_id: str, text: str) -> None:
    """Type in a many2one box and choose the suggestion ``text``."""
    page.fill(f"#{input_id}", text)
    # a found record, never the "Create ..." entries offered while the search is still answering
    page.locator(f"#{input_id} ~ .listbox li[role=option]:not(.create)", has_text=text).first.click()


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_quote_an_opportunity_and_confirm(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    log_in(page, "admin")
    # an opportunity of a demo customer, made in the pipeline's form
    page.goto("/web/model/crm.lead/new")
    page.fill("#f-name", f"Browser refit ({label})")
    page.get_by_role("radio", name="Opportunity").check()
    _pick(page, "f-partner_id", "Deco Addict")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(re.compile(r"/web/model/crm.lead/\d+$"))
    lead_url = page.url
    page.get_by_role("button", name="New Quotation").click()
    page.wait_for_url(re.compile(r"/sale.order/\d+"))
    assert page.locator("#f-partner_id").input_value() == "Deco Addict"
    page.get_by_role("button", name="Add a line").click()
    _pick(page, "f-order_line-0-product_id", "Office Chair")
    page.locator("#f-order_line-0-product_uom_qty").fill("3")
    page.get_by_role("button", name="Add a line").click()
    _pick(page, "f-order_line-1-product_id", "Sales Handbook")
    page.locator("#f-order_line-1-product_uom_qty").fill("2")
    shot(page, f"sale-quotation-lines-{label}")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state("networkidle")
    # priced by the server: 3 chairs at 120 (VAT 21%) and 2 books at 25 (VAT 4%)
    assert page.locator("#f-order_line-0-price_unit").input_value() == "120.00"
    assert "€410.00" in page.locator("[data-field=amount_untaxed]").inner_text()
    assert "€487.60" in page.locator("[data-field=amount_total]").inner_text()
    shot(page, f"sale-quotation-saved-{label}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state("networkidle")
    page.locator(".statusbar .current", has_text="Sales Order").wait_for()
    shot(page, f"sale-order-confirmed-{label}")
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Print").click()
    assert re.search(r"/sale/orders/\d+/pdf$", popup.value.url)
    popup.value.close()
    assert no_sideways_scroll(page) or width > 400
    page.goto(lead_url)
    page.locator(".stat-box[data-field=sale_amount_total]", has_text="410").wait_for()
    assert page.locator(".statusbar .current").inner_text().strip() == "Won"
    shot(page, f"sale-lead-won-{label}")
    assert page.errors == []
