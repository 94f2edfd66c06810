"""No edit is ever lost, in Chromium at desktop and phone width: a value typed on a lead is saved before
a stage click, a header button, the chatter or the breadcrumb act on the record; a refused save keeps
the user on the form with the reason; a stale save says so and keeps the typed values; closing the tab
with unsaved changes warns. Screenshots: tests/artifacts/unsaved-*.png."""
from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from playwright.sync_api import expect

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 950}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "unsaved") as running:
        requests.get(f"{running.base}/web/login", timeout=180)  # the first request loads the registry
        yield running


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def page(request: Any, browser: Any, server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport=request.param, base_url=server.base)
    context.set_default_timeout(15000)
    opened = context.new_page()
    opened.width = request.param["width"]
    opened.on("dialog", lambda dialog: dialog.accept())
    log_in(opened, "admin")
    yield opened
    context.close()


def _env_call(server: LiveServer, work: Any) -> Any:
    with server.fresh_registry().cursor() as cr:
        return work(Environment(cr, SUPERUSER_ID, {"lang": "en_US"}))


def _opportunity(server: LiveServer, name: str) -> tuple[int, str]:
    def create(env: Environment) -> tuple[int, str]:
        lead = env["crm.lead"].create({"name": name, "type": "opportunity", "expected_revenue": 5000,
                                       "stage_id": env.ref("crm.stage_lead1").id})
        return lead.id, f"/web/action/{env.ref('crm.crm_lead_action_pipeline').id}/{lead.id}"

    return _env_call(server, create)


def _lead(server: LiveServer, lead_id: int, *fields: str) -> dict[str, Any]:
    return _env_call(server, lambda env: env["crm.lead"].with_context(active_test=False).browse(lead_id)
                     .read(list(fields))[0])


def _digits(value: Any) -> str:
    return "".join(c for c in str(value or "") if c.isdigit())


def _stage_name(server: LiveServer, xmlid: str) -> str:
    return _env_call(server, lambda env: env.ref(xmlid).name)


def test_stage_click_saves_the_typed_phone_first(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved stage {page.width}")
    page.goto(url)
    page.fill("#f-phone", "600111222")
    qualified = _stage_name(server, "crm.stage_lead2")
    page.locator(".statusbar button.status-button", has_text=qualified).click()
    page.wait_for_selector(f".statusbar li.current:has-text('{qualified}')")
    shot(page, f"unsaved-stage-{page.width}")
    values = _lead(server, lead_id, "phone", "stage_id")
    assert _digits(values["phone"]).endswith("600111222")
    assert values["stage_id"][1] == qualified
    assert _digits(page.input_value("#f-phone")).endswith("600111222")


def test_won_button_saves_the_typed_value_first(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved won {page.width}")
    page.goto(url)
    page.fill("#f-function", "Buyer")
    page.locator(".header-buttons button", has_text="Won").click()
    expect(page.locator(".sheet .ribbon", has_text="Won")).to_be_visible()
    shot(page, f"unsaved-won-{page.width}")
    page.wait_for_load_state("load")
    values = _lead(server, lead_id, "function", "probability")
    assert values["function"] == "Buyer" and values["probability"] == 100


def test_breadcrumb_saves_before_leaving(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved breadcrumb {page.width}")
    page.goto(url)
    page.fill("#f-website", "https://unsaved.example.com")
    page.locator(".breadcrumb a").first.click()
    page.wait_for_url(lambda address: not address.rstrip("/").endswith(f"/{lead_id}"))
    assert _lead(server, lead_id, "website")["website"] == "https://unsaved.example.com"


def test_log_note_saves_the_form_first(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved note {page.width}")
    page.goto(url)
    page.fill("#f-function", "Director")
    page.fill("#chatter-body", "Called, will buy")
    page.locator(".chatter-form button[value=note]").click()
    page.wait_for_selector("text=Called, will buy >> nth=0")
    assert _lead(server, lead_id, "function")["function"] == "Director"


def test_refused_save_keeps_the_user_on_the_form(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved refused {page.width}")
    page.goto(url)
    page.fill("#f-name", "")
    page.fill("#f-function", "Kept")
    page.locator(".statusbar button.status-button").last.click()
    page.wait_for_selector("#err-name")
    shot(page, f"unsaved-refused-{page.width}")
    assert page.input_value("#f-function") == "Kept"
    values = _lead(server, lead_id, "name", "stage_id", "function")
    assert values["name"] == f"Unsaved refused {page.width}" and not values["function"]


def test_stale_save_says_so_and_keeps_the_typed_values(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved stale {page.width}")
    page.goto(url)
    _env_call(server, lambda env: env["crm.lead"].browse(lead_id).write({"function": "Theirs"}))
    page.fill("#f-function", "Mine")
    page.click("button[type=submit][form=record-form]")
    alert = page.locator("#record-form .alert-error")
    alert.wait_for()
    shot(page, f"unsaved-stale-{page.width}")
    assert "after you opened it" in alert.inner_text()
    assert page.input_value("#f-function") == "Mine"
    assert _lead(server, lead_id, "function")["function"] == "Theirs"
    page.click("button[type=submit][form=record-form]")  # saving again replaces their change, knowingly
    page.wait_for_selector("#record-form:not(:has(.alert-error))")
    assert _lead(server, lead_id, "function")["function"] == "Mine"


def test_closing_the_tab_with_unsaved_changes_warns(page: Any, server: LiveServer) -> None:
    _lead_id, url = _opportunity(server, f"Unsaved close {page.width}")
    page.goto(url)
    seen: list[str] = []
    page.on("dialog", lambda dialog: seen.append(dialog.type))
    context = page.context
    page.close(run_before_unload=True)
    time.sleep(0.5)
    assert seen == []  # nothing typed: nothing to warn about
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen.append(dialog.type), dialog.dismiss()))
    page.goto(url)
    page.fill("#f-function", "Typed")
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)  # the warning was dismissed: the page is still open
    assert seen == ["beforeunload"] and not page.is_closed()


def test_discard_throws_the_typed_value_away_without_a_question(page: Any, server: LiveServer) -> None:
    lead_id, url = _opportunity(server, f"Unsaved discard {page.width}")
    page.goto(url)
    seen: list[str] = []
    page.on("dialog", lambda dialog: seen.append(dialog.type))
    page.fill("#f-function", "Thrown away")
    page.locator(".cp-actions a[data-discard]").click()
    page.wait_for_load_state("load")
    assert page.input_value("#f-function") == ""
    assert seen == [] and not _lead(server, lead_id, "function")["function"]
