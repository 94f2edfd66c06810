"""A kanban column that holds a whole pipeline, in Chromium at desktop and phone width: 60 leads in one
stage all show after "Load more"; a card moved or created stays in sight and the columns' counts and
sums stay right; a group of a grouped list pages inside itself. Screenshots: tests/artifacts/pipeline-*."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "pipelinepaging") as running:
        requests.get(f"{running.base}/web/login", timeout=180)  # the first request loads the registry
        yield running


def _env_call(server: LiveServer, work: Any) -> Any:
    with server.fresh_registry().cursor() as cr:
        return work(Environment(cr, SUPERUSER_ID, {"lang": "en_US"}))


@pytest.fixture(scope="module")
def crowded(server: LiveServer) -> dict[str, Any]:
    def make(env: Environment) -> dict[str, Any]:
        stage = env["crm.stage"].create({"name": "Crowded", "sequence": 0})
        leads = env["crm.lead"].create([
            {"name": f"Crowd {i:02d}", "type": "opportunity", "stage_id": stage.id, "expected_revenue": 1000,
             "user_id": env.ref("base.user_admin").id} for i in range(60)])
        return {"stage": stage.id, "leads": leads.ids, "action": env.ref("crm.crm_lead_action_pipeline").id}

    return _env_call(server, make)


def _page(browser: Any, server: LiveServer, width: int, height: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, base_url=server.base)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "admin")
    return page


def _count(server: LiveServer, stage_id: int) -> int:
    return _env_call(server, lambda env: env["crm.lead"].search_count(
        [("stage_id", "=", stage_id), ("type", "=", "opportunity")]))


@pytest.mark.parametrize(("width", "height"), [(1400, 950), (390, 844)], ids=["desktop", "phone"])
def test_a_column_of_60_leads_shows_them_all_after_loading_more(
        browser: Any, server: LiveServer, crowded: dict[str, Any], width: int, height: int) -> None:
    page = _page(browser, server, width, height)
    page.goto(f"/web/action/{crowded['action']}?view=kanban&s=1")
    column = page.locator(f".kanban-column[data-value='{crowded['stage']}']")
    assert column.locator(".card").count() == 20
    more = column.locator(".load-more")
    assert more.inner_text() == "Load more (40)"
    more.click()
    expect(column.locator(".card")).to_have_count(40)
    assert more.inner_text() == "Load more (20)"
    more.click()
    expect(column.locator(".card")).to_have_count(60)
    assert more.is_hidden()
    ids = {int(i) for i in column.locator(".card").evaluate_all("cards => cards.map(c => c.dataset.id)")}
    assert ids == set(crowded["leads"])
    assert column.locator(".column-count").inner_text() == "60"
    assert no_sideways_scroll(page) or width > 400  # the board scrolls itself, not the page
    shot(page, f"pipeline-loaded-{width}", full_page=False)
    page.context.close()


def test_moved_and_created_cards_stay_and_totals_stay_right(
        browser: Any, server: LiveServer, crowded: dict[str, Any]) -> None:
    page = _page(browser, server, 1400, 950)
    page.goto(f"/web/action/{crowded['action']}?view=kanban&s=1")
    source = page.locator(f".kanban-column[data-value='{crowded['stage']}']")
    target_stage = _env_call(server, lambda env: env.ref("crm.stage_lead2").id)
    target = page.locator(f".kanban-column[data-value='{target_stage}']")
    before_source, before_target = _count(server, crowded["stage"]), _count(server, target_stage)
    card = source.locator(".card").first
    moved_id = card.get_attribute("data-id")
    card.drag_to(target.locator(".column-cards"))
    expect(target.locator(".column-count")).to_have_text(str(before_target + 1))
    assert source.locator(".column-count").inner_text() == str(before_source - 1)
    assert _count(server, crowded["stage"]) == before_source - 1
    assert target.locator(f".card[data-id='{moved_id}']").is_visible()
    # the crowded column still counts the cards it has to load right: 59 in all, 19 shown
    assert source.locator(".load-more").inner_text() == f"Load more ({before_source - 1 - 19})"

    source.locator(".quick-toggle").click()
    source.locator(".quick-create input[name=name]").fill("Just created")
    source.locator(".quick-create button[type=submit]").click()
    source.locator(".card", has_text="Just created").wait_for()
    expect(source.locator(".column-count")).to_have_text(str(before_source))
    sum_text = source.locator(".column-sum").inner_text()
    assert re.sub(r"[^\d]", "", sum_text).startswith("59000")
    shot(page, "pipeline-moved-created", full_page=False)
    page.context.close()


def test_a_list_group_pages_inside_itself(browser: Any, server: LiveServer, crowded: dict[str, Any]) -> None:
    page = _page(browser, server, 1400, 950)
    page.goto(f"/web/action/{crowded['action']}?view=list&s=1&groupby=stage_id&limit=25")
    group = page.locator("tbody.list-group", has_text="Crowded")
    group.locator(".group-toggle").click()
    group.locator("tr.list-row").first.wait_for()
    total = _count(server, crowded["stage"])
    assert group.locator("tr.list-row:not(.group-more)").count() == 25
    group.locator(".group-more-button").click()
    expect(group.locator("tr.list-row:not(.group-more)")).to_have_count(min(total, 50))
    group.locator(".group-more-button").click()
    expect(group.locator("tr.list-row:not(.group-more)")).to_have_count(total)
    assert group.locator(".group-more-button").count() == 0
    shot(page, "pipeline-list-group")
    page.context.close()
