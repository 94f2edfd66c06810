"""In the browser, without logging in: a citizen files a pothole with the keyboard-friendly form and
follows it; a customer opens a support ticket; at desktop and phone widths (screenshots in
tests/artifacts/)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def portal_template() -> str:
    """A database with the citizen requests and the helpdesk (their demo data included)."""
    return shared_template("czrm", "helpdesk", demo=True, label="portaltemplate")


@pytest.fixture(scope="module")
def live_server(portal_template: str) -> Iterator[str]:
    with serve_copy(portal_template, "portal-browser") as live:
        yield live.base


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_a_citizen_files_and_follows_a_request(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    page.goto("/citizen/")
    assert page.get_by_role("navigation").get_by_role("link", name="Map").is_visible()
    page.get_by_role("link", name="Pothole").click()
    page.get_by_label("What is the problem?").fill("A deep hole by the school gate")
    page.get_by_label("Like a tyre").check()
    page.get_by_label("Depth in centimetres").fill("9")
    page.get_by_label("Address").fill("Calle Mayor 5, Valladolid")
    page.get_by_label("Latitude").fill("41.6521")
    page.get_by_label("Longitude").fill("-4.7240")
    page.get_by_label("Photo (optional)").set_input_files(
        files=[{"name": "hole.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n" + b"\0" * 16}])
    assert no_sideways_scroll(page)
    shot(page, f"czrm-portal-form-{label}")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/citizen/request/**")
    assert page.get_by_role("status").inner_text().startswith("Thank you: your request R")
    assert page.get_by_role("heading", level=2).inner_text() == "Received"
    assert "Roads and Pavements" in page.inner_text("main")
    assert no_sideways_scroll(page)
    shot(page, f"czrm-portal-follow-{label}")
    assert not page.errors


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_a_customer_opens_a_support_ticket(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    page.goto("/support/")
    page.get_by_label("Describe your question in a few words").fill("I forgot my password")
    page.get_by_role("button", name="Look for answers").click()
    assert page.get_by_role("link", name="How to reset your password").is_visible()
    page.get_by_label("Your name").fill("Iván")
    page.get_by_label("Your email").fill("ivan@example.com")
    page.get_by_label("Subject").fill("Password refused")
    page.get_by_label("Details").fill("Since today.")
    assert no_sideways_scroll(page)
    shot(page, f"helpdesk-portal-form-{label}")
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_url("**/support/ticket/**")
    assert "We received your ticket" in page.inner_text("main")
    page.get_by_label("Your answer").fill("It is Firefox")
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_load_state()
    assert "It is Firefox" in page.inner_text("main")
    assert no_sideways_scroll(page)
    shot(page, f"helpdesk-portal-follow-{label}")
    assert not page.errors


@pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])
def test_the_map_shows_open_requests_without_tiles(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no network for tiles
    response = page.goto("/citizen/map")
    policy = response.headers["content-security-policy"]
    assert "img-src 'self' data: blob: https://tile.openstreetmap.org;" in policy
    page.locator("#czrm-map path.leaflet-interactive").nth(10).wait_for()
    count = page.locator("#czrm-map path.leaflet-interactive").count()
    assert page.get_by_role("status").inner_text() == f"{count} open requests on the map."
    page.locator("#czrm-map path.leaflet-interactive").first.click(force=True)
    assert page.locator(".leaflet-popup-content strong").inner_text().startswith("R")
    assert no_sideways_scroll(page)
    shot(page, f"czrm-portal-map-{label}")
    assert not [e for e in page.errors if "tile.openstreetmap.org" not in e and "ERR_FAILED" not in e]
