"""In the browser, as the customer: the online quotation of the email's link, declined with a reason at
desktop width, accepted by signing at phone width (screenshots in tests/artifacts/)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.registry.registry import Registry
from tests.browser.conftest import no_sideways_scroll, shot
from tests.databases import scratch_database
from tests.rpc.server import LiveServer
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shop() -> Iterator[LiveServer]:
    with scratch_database("online_quote", addons=["base", "sale"], demo=True) as url, \
            serve_copy(url, "online-quote") as live:
        yield live


def _quotation(shop: LiveServer) -> str:
    with Registry.get(shop.url).check_signals().environment() as env:
        order = env["sale.order"].create({"partner_id": env.ref("base.res_partner_2").id, "order_line": [
            (0, 0, {"product_id": env.ref("product.product_delivery_02").id, "product_uom_qty": 3})]})
        return shop.base + order.get_portal_url()


def _state(shop: LiveServer, url: str) -> tuple[str, Any]:
    order_id = int(url.split("/sale/online/")[1].split("?")[0])
    with Registry.get(shop.url).check_signals().environment() as env:
        order = env["sale.order"].browse(order_id)
        return order.state, order.signed_by


def test_decline_with_a_reason_at_desktop_width(browser, shop):
    url = _quotation(shop)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        page.get_by_role("heading", name="Decline").wait_for()
        shot(page, "sale-online-quotation-desktop")
        page.get_by_label("Why? (optional)").fill("We chose another supplier")
        page.get_by_role("button", name="Decline").click()
        page.get_by_role("status").wait_for()
        assert "declined" in page.get_by_role("status").inner_text()
        assert _state(shop, url) == ("cancel", False)
    finally:
        page.close()


def test_accept_by_signing_at_phone_width(browser, shop):
    url = _quotation(shop)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(url)
        page.get_by_role("button", name="Accept and sign").click()  # empty name: refused by the browser
        assert _state(shop, url) == ("draft", False)
        page.get_by_label("Your full name").fill("Ana García")
        page.get_by_role("button", name="Accept and sign").click()
        page.get_by_role("status").wait_for()
        assert "confirmed" in page.get_by_role("status").inner_text()
        assert "Ana García" in page.content()
        assert no_sideways_scroll(page)
        shot(page, "sale-online-quotation-accepted-phone")
        assert _state(shop, url) == ("sale", "Ana García")
    finally:
        page.close()
