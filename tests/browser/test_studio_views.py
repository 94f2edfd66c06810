"""The studio's kanban and search editors, its filter box of related models, and a model made with a
chatter, in Chromium. Screenshots go to tests/artifacts/studio-views-*.png."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.db.engine import copy_database, drop_database
from core.registry.registry import Registry
from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import new_db_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[str]:
    """The web client on a private copy of the template (the studio changes its views and schema)."""
    from werkzeug.serving import make_server

    from web.app import create_app

    url = new_db_url("studio_views")
    copy_database(template_url, url)
    httpd = make_server("127.0.0.1", 0, create_app(url), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)
    Registry.forget(url)
    drop_database(url)


@pytest.fixture
def admin_page(browser: Any, server: str) -> Iterator[Callable[..., Any]]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server)
    context.set_default_timeout(15000)
    page = context.new_page()
    log_in(page, "admin", "admin")
    yield page
    context.close()


def test_kanban_cards_are_arranged_in_the_studio(admin_page):
    page = admin_page
    page.goto("/web/studio/res.partner/kanban")
    assert page.get_by_role("heading", name="Fields of the kanban cards").is_visible()
    place = page.locator("form:has(#place-name)")
    place.locator("#place-name").select_option("phone")
    place.locator("#place-position").select_option("after:email")
    place.get_by_role("button", name="Show the field").click()
    page.wait_for_load_state()
    rows = page.locator("ol[data-container=fields] > li.outline-field code.outline-name").all_inner_texts()
    assert rows == ["email", "phone", "city", "country_id"]
    assert page.locator("button", has_text="Hide").count() == 0
    shot(page, "studio-views-kanban")
    page.goto("/web/model/res.partner?view=kanban")
    card = page.locator(".kanban-card, .card").first
    assert card.is_visible()
    shot(page, "studio-views-kanban-cards")


def test_search_lists_and_a_new_filter(admin_page):
    page = admin_page
    page.goto("/web/studio/res.partner/search")
    headings = [h.capitalize() for h in page.locator("p.outline-heading").all_inner_texts()]
    assert headings == ["Searched fields", "Filters", "Group by"]
    page.locator("li[data-name='group_by/user_id'] button", has_text="Remove").click()
    page.wait_for_load_state()
    assert page.locator("li[data-name='group_by/user_id']").count() == 0
    assert page.locator("li[data-name='fields/user_id']").count() == 1
    page.locator("#filter-label").fill("With a phone")
    page.locator("#filter-domain").fill("[('phone', '!=', False)]")
    page.get_by_role("button", name="Add the filter").click()
    page.wait_for_load_state()
    assert page.locator("li[data-name='filters/x_with_a_phone']").is_visible()
    assert no_sideways_scroll(page)
    shot(page, "studio-views-search")
    page.goto("/web/model/res.partner?view=list")
    page.get_by_text("Filters", exact=True).first.click()
    assert page.get_by_text("With a phone").first.is_visible()
    shot(page, "studio-views-search-bar")


def test_related_models_are_sorted_and_filtered(admin_page):
    page = admin_page
    page.goto("/web/studio/res.partner/form")
    page.locator("#add-ttype").select_option("many2one")
    box = page.locator("input[data-filter-for=add-relation]")
    assert box.is_visible()
    labels = page.locator("#add-relation option:not([value=''])").all_inner_texts()
    assert labels == sorted(labels, key=str.lower) and len(labels) > 20
    box.fill("country sta")
    shown = page.locator("#add-relation option:not([value='']):not([hidden])").all_inner_texts()
    assert "Country state (res.country.state)" in shown
    assert all("country" in label.lower() and "sta" in label.lower() for label in shown)
    chosen = page.locator("#add-relation").input_value()
    assert chosen and chosen in " ".join(shown)
    shot(page, "studio-views-relation-filter")


def test_a_model_made_with_a_chatter_has_the_chatter_panel(admin_page):
    page = admin_page
    page.goto("/web/studio/model/new")
    page.locator("input[name=label]").fill("Visit")
    page.locator("input[name=chatter]").check()
    page.get_by_role("button", name="Create the model").click()
    page.wait_for_load_state()
    page.goto("/web/model/x_visit/new")
    page.locator("input[name=x_name]").fill("First visit")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert page.locator("aside.chatter").is_visible()
    form = page.locator("form").filter(has=page.locator("input[name=x_name]")).first
    assert form.get_by_text("Is Follower").count() == 0 and form.get_by_text("Followers").count() == 0
    shot(page, "studio-views-chatter")
