"""In the browser: a product tracked by lots received with its lot number typed into the receipt's
detailed operations, then delivered from that lot, and the lot's form telling where it went; the
return dialog offers no "Add a line"; at desktop and phone widths (screenshots in tests/artifacts/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def stock_template() -> str:
    """A database with inventory and its demo data."""
    return shared_template("stock", label="stocklots")


@pytest.fixture(scope="module")
def served(stock_template: str) -> Iterator[Any]:
    with serve_copy(stock_template, "stock-lots-browser") as live:
        yield live


@pytest.fixture(scope="module")
def live_server(served: Any) -> str:
    return served.base


def _transfers(served: Any, label: str) -> tuple[int, int, str]:
    """A lot-tracked product with a confirmed receipt of 5 and a confirmed delivery of 2."""
    with served.fresh_registry().cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        warehouse = env.ref("stock.warehouse0")
        name = f"Lot Honey {label}"
        product = env["product.product"].create({"name": name, "detailed_type": "product", "tracking": "lot"})
        receipt, delivery = env["stock.picking"].create(
            [
                {
                    "picking_type_id": ptype.id,
                    "partner_id": env.ref("base.res_partner_2").id,
                    "move_ids": [(0, 0, {"product_id": product.id, "product_uom_qty": qty})],
                }
                for ptype, qty in ((warehouse.in_type_id, 5), (warehouse.out_type_id, 2))
            ]
        )
        (receipt | delivery).action_confirm()
        return receipt.id, delivery.id, name


def _pick(page: Any, input_id: str, text: str) -> None:
    page.fill(f"#{input_id}", text)
    page.locator(f"#{input_id} ~ .listbox li[role=option]:not(.create)", has_text=text).first.click()


def _validate(page: Any) -> None:
    page.get_by_role("button", name="Validate").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".statusbar .current", has_text="Done").wait_for()


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_receive_a_lot_and_deliver_it(new_page: Any, served: Any, width: int, label: str) -> None:
    receipt_id, delivery_id, product_name = _transfers(served, label)
    lot_name = f"HONEY-{label.upper()}-01"
    page = new_page(width=width)
    log_in(page, "admin")
    page.goto(f"/web/model/stock.picking/{receipt_id}")
    # validating without a lot says which product needs one (the page's alert)
    with page.expect_event("dialog") as refused:
        page.get_by_role("button", name="Validate").first.click()
    message = refused.value.message
    refused.value.dismiss()
    expected = rf"{product_name} in WH/IN/\d+: set the lot/serial numbers of the 5 Units"
    assert re.search(expected, message), message
    page.goto(f"/web/model/stock.picking/{receipt_id}")
    page.get_by_role("tab", name="Detailed Operations").click()
    page.get_by_role("button", name="Add a line").click()
    _pick(page, "f-move_line_ids-0-product_id", product_name)
    page.locator("#f-move_line_ids-0-lot_name").fill(lot_name)
    page.locator("#f-move_line_ids-0-quantity").fill("5")
    shot(page, f"stock-lot-receipt-lines-{label}")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state("networkidle")
    _validate(page)
    page.get_by_role("tab", name="Operations", exact=True).click()
    assert lot_name in page.locator("[data-name=move_ids]").inner_text()
    shot(page, f"stock-lot-receipt-done-{label}")
    assert no_sideways_scroll(page)

    page.goto(f"/web/model/stock.picking/{delivery_id}")
    page.get_by_role("button", name="Check Availability").first.click()
    page.wait_for_load_state("networkidle")
    assert lot_name in page.locator("[data-name=move_ids]").inner_text()
    page.get_by_role("tab", name="Detailed Operations").click()
    assert page.locator("#f-move_line_ids-0-lot_id").input_value() == lot_name
    shot(page, f"stock-lot-delivery-reserved-{label}")
    _validate(page)
    shot(page, f"stock-lot-delivery-done-{label}")
    assert no_sideways_scroll(page)

    with served.fresh_registry().cursor(readonly=True) as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        lot = env["stock.lot"].search([("name", "=", lot_name)])
        assert lot.product_qty == 3 and len(lot.move_line_ids) == 2
        lot_id = lot.id
    page.goto(f"/web/model/stock.lot/{lot_id}")
    assert "3" in page.locator("[data-field=product_qty]").first.inner_text()
    shot(page, f"stock-lot-form-{label}")
    page.get_by_role("button", name="Traceability").first.click()
    page.wait_for_url(re.compile(r"/web/action/\d+"))
    history = page.locator("table").first.inner_text()
    assert re.search(r"WH/IN/\d+", history) and re.search(r"WH/OUT/\d+", history)
    shot(page, f"stock-lot-traceability-{label}")
    assert no_sideways_scroll(page)

    page.goto(f"/web/model/stock.picking/{delivery_id}")
    page.get_by_role("button", name="Return", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    page.locator("#f-d-product_return_moves-0-quantity").wait_for()
    assert page.get_by_role("button", name="Add a line").count() == 0
    shot(page, f"stock-lot-return-dialog-{label}")
    assert [e for e in page.errors if "400 (BAD REQUEST)" not in e] == []  # the 400: the refused Validate
