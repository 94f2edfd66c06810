"""Status at a glance, in Chromium: Won and Lost ribbons on the lead form and on kanban cards, a lost
lead not shown in its last stage, and tracking lines that keep false and empty values ("Active: Yes →
No"). Screenshots: tests/artifacts/status-*.png."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "statusglance") as running:
        requests.get(f"{running.base}/web/login", timeout=180)  # the first request loads the registry
        yield running


@pytest.fixture(scope="module")
def leads(server: LiveServer) -> dict[str, int]:
    with server.fresh_registry().cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        stage = env.ref("crm.stage_lead3")
        admin = env.ref("base.user_admin").id
        won = env["crm.lead"].create({"name": "Glance won", "type": "opportunity", "stage_id": stage.id,
                                      "user_id": admin})
        won.action_set_won()
        lost = env["crm.lead"].create({"name": "Glance lost", "type": "opportunity", "stage_id": stage.id,
                                       "user_id": admin})
        reason = env["crm.lost.reason"].search([], limit=1)
        lost.write({"active": False, "probability": 0, "lost_reason_id": reason.id})
        return {"won": won.id, "lost": lost.id, "stage": stage.id,
                "action": env.ref("crm.crm_lead_action_pipeline").id}


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 950}, base_url=server.base)
    context.set_default_timeout(15000)
    opened = context.new_page()
    log_in(opened, "admin")
    yield opened
    context.close()


def test_won_lead_form_has_its_ribbon(page: Any, leads: dict[str, int]) -> None:
    page.goto(f"/web/action/{leads['action']}/{leads['won']}")
    expect(page.locator(".sheet .ribbon")).to_have_text("Won")
    shot(page, "status-won-form", full_page=False)


def test_lost_lead_form_shows_lost_and_keeps_false_values(page: Any, leads: dict[str, int]) -> None:
    page.goto(f"/web/action/{leads['action']}/{leads['lost']}")
    expect(page.locator(".sheet .ribbon")).to_have_text("Lost")
    expect(page.locator(".statusbar [aria-current=step]")).to_have_count(0)
    expect(page.locator(".statusbar li.last-known")).to_have_count(1)
    tracking = page.locator("ul.tracking li")
    expect(tracking.filter(has_text="Active:")).to_contain_text("Yes → No")
    expect(tracking.filter(has_text="Lost Reason:")).to_contain_text("— →")
    shot(page, "status-lost-form", full_page=False)


def test_kanban_cards_show_won_and_lost_ribbons(page: Any, leads: dict[str, int]) -> None:
    page.goto(f"/web/action/{leads['action']}?view=kanban&s=1&filter=lost")
    expect(page.locator(f".card[data-id='{leads['lost']}'] .ribbon")).to_have_text("Lost")
    shot(page, "status-kanban-lost", full_page=False)
    page.goto(f"/web/action/{leads['action']}?view=kanban&s=1")
    card = page.locator(f".card[data-id='{leads['won']}']")
    column = page.locator(".kanban-column", has=page.locator(".column-title", has_text="Won"))
    for _ in range(20):  # a column of the demo pipeline holds more than its first cards
        if card.count() or column.locator(".load-more").is_hidden():
            break
        shown = column.locator(".card").count()
        column.locator(".load-more").click()
        expect(column.locator(".card")).not_to_have_count(shown)
    expect(card.locator(".ribbon")).to_have_text("Won")
    card.scroll_into_view_if_needed()
    shot(page, "status-kanban", full_page=False)
