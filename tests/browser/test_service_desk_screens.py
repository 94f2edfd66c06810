"""In the browser, as the town hall's administrator: the service desk dashboard and the map of requests,
opened from the Citizen Requests menus, at desktop and phone widths (screenshots in tests/artifacts/);
the map works with the tile server unreachable and a marker opens its request. And as a citizen: a
portal account made from the emailed link lists the requests filed before with the same email."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser
WIDTHS = pytest.mark.parametrize("width, label", [(1366, "desktop"), (390, "phone")])


@pytest.fixture(scope="module")
def desk_template() -> str:
    """A database with the citizen requests and the helpdesk, their demo data included."""
    return shared_template("czrm", "helpdesk", demo=True, label="desktemplate")


@pytest.fixture(scope="module")
def desk_server(desk_template: str) -> Iterator[Any]:
    with serve_copy(desk_template, "desk-browser") as live:
        yield live


@pytest.fixture(scope="module")
def live_server(desk_server: Any) -> str:
    return desk_server.base


def open_menu(page: Any, width: int, app: str, *path: str) -> None:
    """Open ``app`` from the home page, then the menu items of ``path`` (the phone's menu button first)."""
    page.goto("/web")
    page.get_by_role("link", name=app).first.click()
    page.wait_for_load_state()
    if width < 700:
        page.get_by_role("button", name="Menu").click()
    for item in path:
        target = page.locator("#app-nav").get_by_text(item, exact=True).first
        target.click()
    page.wait_for_load_state()


@WIDTHS
def test_the_dashboard_of_citizen_requests(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    log_in(page, "admin", "admin")
    open_menu(page, width, "Citizen Requests", "Reporting", "Dashboard")
    expect(page).to_have_url(re.compile(r"/service_desk/dashboard/czrm\.request\?menu=\d+"), timeout=15000)
    expect(page.get_by_role("heading", level=1)).to_have_text("Citizen Request Dashboard")
    rate = page.locator('[data-figure="sla-rate"] strong').inner_text()
    assert re.fullmatch(r"\d+\.\d %", rate), rate
    assert int(page.locator('[data-figure="open"] strong').inner_text()) > 0
    assert page.locator("#desk-backlog-table tbody tr").count() >= 3  # roads, lighting, waste...
    assert page.locator('[data-breakdown="district_id"] tbody tr').count() == 3  # the demo's districts
    assert no_sideways_scroll(page)
    shot(page, f"desk-dashboard-czrm-{label}")
    page.get_by_label("Team", exact=True).select_option(label="Street Lighting")
    page.wait_for_url(re.compile(r"team=\d+"))
    assert page.locator("#desk-backlog-table tbody tr").count() == 1
    assert not page.errors


@WIDTHS
def test_the_dashboard_of_helpdesk_tickets(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    log_in(page, "admin", "admin")
    open_menu(page, width, "Helpdesk", "Reporting", "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Helpdesk Ticket Dashboard")
    assert page.locator('[data-breakdown="priority"] tbody tr').count() >= 1
    assert no_sideways_scroll(page)
    shot(page, f"desk-dashboard-helpdesk-{label}")
    assert not page.errors


@WIDTHS
def test_the_map_of_requests_opens_a_request(new_page: Any, width: int, label: str) -> None:
    page = new_page(width=width)
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())  # no network for the tiles
    log_in(page, "admin", "admin")
    open_menu(page, width, "Citizen Requests", "Map")
    expect(page).to_have_url(re.compile(r"/czrm/map\?menu=\d+"), timeout=15000)
    markers = page.locator("#czrm-map path.czrm-marker")
    markers.nth(5).wait_for()
    total = markers.count()
    assert page.get_by_role("status").inner_text() == f"{total} requests on the map."
    page.get_by_label("Service", exact=True).select_option(label="Street light out")
    page.wait_for_url(re.compile(r"service=\d+"))
    expect(page.locator("#czrm-map")).to_have_attribute("data-loaded", re.compile(r"\d+"), timeout=15000)
    lights = markers.count()
    assert 0 < lights < total
    page.get_by_label("Status", exact=True).select_option("all")
    page.wait_for_url(re.compile(r"status=all"))
    expect(page.locator("#czrm-map")).to_have_attribute("data-loaded", re.compile(r"\d+"), timeout=15000)
    assert markers.count() > lights
    assert no_sideways_scroll(page)
    shot(page, f"czrm-backoffice-map-{label}")
    # a marker that nothing covers, inside the visible map (neighbours overlap at a phone's zoom)
    number, x, y = page.evaluate("""() => {
        const box = document.getElementById("czrm-map").getBoundingClientRect();
        for (const path of document.querySelectorAll("#czrm-map path.czrm-marker")) {
            const r = path.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            if (x > box.left + 50 && x < box.right - 10 && y > box.top + 10 && y < box.bottom - 30
                && document.elementFromPoint(x, y) === path) {
                return [path.dataset.number, x, y];
            }
        }
        return [null, 0, 0];
    }""")
    assert number
    page.mouse.click(x, y)
    page.wait_for_url(re.compile(r"/web/"))
    expect(page.get_by_text(number, exact=False).first).to_be_visible(timeout=15000)
    shot(page, f"czrm-backoffice-map-opened-{label}")
    assert not [e for e in page.errors if "tile.openstreetmap.org" not in e and "ERR_FAILED" not in e]


@WIDTHS
def test_a_citizen_makes_an_account_and_follows_their_requests(
    new_page: Any, desk_server: Any, width: int, label: str
) -> None:
    email = f"lucia.{label}@example.com"
    page = new_page(width=width)
    page.goto("/citizen/new/STREETLIGHT")
    page.get_by_label("Number on the pole").fill("P-12")
    page.get_by_label("Address").fill("Calle Santiago 4, Valladolid")
    page.get_by_label("Email, to hear about the progress").fill(email)
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/citizen/request/**")
    number = re.search(r"/citizen/request/([^?]+)", page.url).group(1)
    page.get_by_role("link", name="My requests").click()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Your name").fill("Lucía")
    page.get_by_label("Your email").fill(email)
    page.get_by_role("button", name="Send me the link").click()
    expect(page.get_by_role("status")).to_contain_text(f"We sent a link to {email}", timeout=15000)
    with desk_server.registry.environment() as env:
        mail = env["mail.mail"].search([("email_to", "=", email)], order="id desc", limit=1)
        link = re.search(r"/my/account/[A-Za-z0-9_-]+", mail.body_html).group(0)
    page.goto(link)
    page.get_by_label("Password", exact=True).fill("lucia-pass-123")
    page.get_by_label("Password again").fill("lucia-pass-123")
    page.get_by_role("button", name="Save and log in").click()
    page.wait_for_url("**/my/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, lucia")  # the contact of the request
    entry = page.locator(f'.portal-list a[data-number="{number}"]')
    expect(entry).to_be_visible()
    assert page.locator(".portal-list a").count() == 1  # nobody else's requests
    assert no_sideways_scroll(page)
    shot(page, f"portal-my-requests-{label}")
    entry.click()
    page.wait_for_url(f"**/citizen/request/{number}?token=*")
    assert number in page.inner_text("main")
    assert not page.errors
