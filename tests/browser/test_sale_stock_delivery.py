"""In the browser: a confirmed order's delivery, opened from the order, counted with the scanner
field, validated, and the order's delivered quantity; at desktop and phone widths (screenshots in
tests/artifacts/)."""

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
    """A database with sales, inventory and their demo data."""
    return shared_template("sale", "stock", demo=True, label="salestocktemplate")


@pytest.fixture(scope="module")
def served(stock_template: str) -> Iterator[Any]:
    with serve_copy(stock_template, "stock-browser") as live:
        yield live


@pytest.fixture(scope="module")
def live_server(served: Any) -> str:
    """The web client over a copy of the sales and inventory template (``new_page`` opens its pages)."""
    return served.base


def _confirmed_order(served: Any, label: str) -> int:
    """A confirmed order of 2 scanner desks (3 in stock), committed in the served database."""
    with served.fresh_registry().cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        desk = env["product.product"].create(
            {
                "name": f"Scanner Desk {label}",
                "detailed_type": "product",
                "list_price": 200,
                "barcode": f"84100001{len(label):05d}",
            }
        )
        quant = (
            env["stock.quant"]
            .with_context(inventory_mode=True)
            .create(
                {
                    "product_id": desk.id,
                    "location_id": env.ref("stock.warehouse0").lot_stock_id.id,
                    "inventory_quantity": 3,
                }
            )
        )
        quant.action_apply_inventory()
        order = env["sale.order"].create(
            {
                "partner_id": env.ref("base.res_partner_2").id,
                "order_line": [(0, 0, {"product_id": desk.id, "product_uom_qty": 2})],
            }
        )
        order.action_confirm()
        order.picking_ids.do_unreserve()  # counted with the scanner below
        return order.id, desk.barcode


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_validate_the_delivery_of_a_confirmed_order(
    new_page: Any, served: Any, width: int, label: str
) -> None:
    order_id, barcode = _confirmed_order(served, label)
    page = new_page(width=width)
    log_in(page, "admin")
    page.goto(f"/web/model/sale.order/{order_id}")
    assert "Delivery" in page.locator("[data-field=delivery_count]").inner_text()
    page.get_by_role("button", name="Delivery").first.click()
    page.wait_for_url(re.compile(r"/web/action/\d+/\d+$"))
    assert re.search(r"WH/OUT/\d{5}", page.locator("[data-field=name]").first.inner_text())
    # two scans of the product's barcode, each followed by Enter as a scanner sends it
    for expected in ("1.000", "2.000"):
        page.locator("#f-barcode_scan").fill(barcode)
        page.locator("#f-barcode_scan").press("Enter")
        page.wait_for_load_state("networkidle")
        assert page.locator("#f-move_ids-0-quantity").input_value() == expected
    assert page.evaluate("document.activeElement && document.activeElement.name") == "barcode_scan"
    shot(page, f"stock-delivery-scanned-{label}")
    page.get_by_role("button", name="Validate").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".statusbar .current", has_text="Done").wait_for()
    shot(page, f"stock-delivery-done-{label}")
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Sales Order").first.click()
    page.wait_for_url(re.compile(rf"/web/action/\d+/{order_id}$"))
    page.get_by_role("tab", name="Deliveries").click()
    assert "Done" in page.locator("[data-field=picking_ids]").inner_text()
    shot(page, f"stock-order-delivered-{label}")
    with served.fresh_registry().cursor(readonly=True) as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        assert env["sale.order"].browse(order_id).order_line.qty_delivered == 2
    assert not page.errors


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_return_part_of_a_delivery_from_its_return_button(
    new_page: Any, served: Any, width: int, label: str
) -> None:
    order_id, _barcode = _confirmed_order(served, f"ret-{label}")
    with served.fresh_registry().cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        delivery = env["sale.order"].browse(order_id).picking_ids
        delivery.action_assign()
        delivery.button_validate()
        delivery_id = delivery.id
    page = new_page(width=width)
    log_in(page, "admin")
    page.goto(f"/web/model/stock.picking/{delivery_id}")
    page.get_by_role("button", name="Return", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    quantity = page.locator("#f-d-product_return_moves-0-quantity")
    assert float(quantity.input_value()) == 2
    quantity.fill("1")
    shot(page, f"stock-return-dialog-{label}")
    page.get_by_role("button", name="Return", exact=True).last.click()
    page.wait_for_url(re.compile(r"/stock.picking/\d+"))
    page.locator("[data-field=name]", has_text="/IN/").first.wait_for()
    page.get_by_role("button", name="Validate").first.click()
    page.wait_for_load_state("networkidle")
    page.locator(".statusbar .current", has_text="Done").wait_for()
    shot(page, f"stock-return-done-{label}")
    page.goto(f"/web/model/sale.order/{order_id}")
    lines = page.locator("[data-name=order_line]")
    assert "Delivered" in lines.inner_text()
    assert "1.00" in lines.locator("tbody tr").first.inner_text()
    shot(page, f"sale-order-lines-delivered-{label}")
    assert no_sideways_scroll(page)
    assert not page.errors
