"""Ribbons in the studio, in Chromium: a consultant renames the lead form's Won ribbon, adds a "Hot"
ribbon shown on high-priority leads, and removes the Lost ribbon of the kanban cards; the lead form and
the pipeline show the result at once. Screenshots: tests/artifacts/studio-ribbons-*.png."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from core.db.engine import copy_database, drop_database
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import new_db_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[tuple[str, dict[str, int]]]:
    """The web client on a private copy of the template (the studio changes the lead's views)."""
    from werkzeug.serving import make_server

    from web.app import create_app

    url = new_db_url("studio_ribbons")
    copy_database(template_url, url)
    with Registry.get(url).cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        hot = env["crm.lead"].create({"name": "Ribbon hot lead", "type": "opportunity", "priority": "3"})
        lost = env["crm.lead"].create({"name": "Ribbon lost lead", "type": "opportunity",
                                       "user_id": env.ref("base.user_admin").id})
        lost.write({"active": False, "probability": 0})
        ids = {"hot": hot.id, "lost": lost.id, "action": env.ref("crm.crm_lead_action_pipeline").id}
    httpd = make_server("127.0.0.1", 0, create_app(url), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", ids
    httpd.shutdown()
    thread.join(timeout=10)
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def page(browser: Any, server: tuple[str, dict[str, int]]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server[0])
    context.set_default_timeout(15000)
    opened = context.new_page()
    log_in(opened, "admin", "admin")
    yield opened
    context.close()


def test_the_lead_form_ribbons_are_edited_in_the_studio(page: Any, server: tuple[str, Any]) -> None:
    ids = server[1]
    page.goto("/web/studio/crm.lead/form")
    card = page.locator("section[aria-labelledby=ribbons-title]")
    expect(card.locator(".ribbon-chip")).to_have_text(["Won", "Lost"])
    new = card.get_by_role("form", name="New ribbon")
    new.get_by_label("Text").fill("Hot")
    new.get_by_label("Color").select_option(label="Orange")
    new.get_by_label("Hidden when").fill("priority != '3' or stage_nme")
    new.get_by_role("button", name="Add the ribbon").click()
    expect(page.locator("#ribbon-new-invisible-error")).to_contain_text("stage_nme")
    shot(page, "studio-ribbons-error", full_page=False)
    new = page.get_by_role("form", name="New ribbon")
    expect(new.get_by_label("Text")).to_have_value("Hot")  # the typed values stay
    new.get_by_label("Hidden when").fill("priority != '3'")
    new.get_by_role("button", name="Add the ribbon").click()
    card = page.locator("section[aria-labelledby=ribbons-title]")
    expect(card.locator(".ribbon-chip")).to_have_text(["Won", "Lost", "Hot"])
    won = card.get_by_role("form", name="Ribbon Won")
    won.get_by_label("Text").fill("Closed won")
    won.get_by_role("button", name="Save the ribbon").click()
    expect(page.locator("section[aria-labelledby=ribbons-title] .ribbon-chip")).to_have_text(
        ["Closed won", "Lost", "Hot"])
    assert no_sideways_scroll(page)
    shot(page, "studio-ribbons-editor")
    page.goto(f"/web/model/crm.lead/{ids['hot']}")
    expect(page.locator(".sheet .ribbon")).to_have_text("Hot")
    expect(page.locator(".sheet .ribbon")).to_have_class("ribbon ribbon-warning")
    shot(page, "studio-ribbons-form", full_page=False)


def test_a_kanban_ribbon_is_removed_in_the_studio(page: Any, server: tuple[str, dict[str, int]]) -> None:
    page.goto("/web/studio/crm.lead/kanban")
    card = page.locator("section[aria-labelledby=ribbons-title]")
    card.get_by_role("form", name="Ribbon Lost").get_by_role("button", name="Remove the ribbon").click()
    expect(page.locator("section[aria-labelledby=ribbons-title] .ribbon-chip")).to_have_text(["Won"])
    ids = server[1]
    page.goto(f"/web/action/{ids['action']}?view=kanban&s=1&filter=lost")
    lost = page.locator(f".card[data-id='{ids['lost']}']")
    expect(lost).to_have_count(1)
    expect(lost.locator(".ribbon")).to_have_count(0)
    shot(page, "studio-ribbons-kanban", full_page=False)
