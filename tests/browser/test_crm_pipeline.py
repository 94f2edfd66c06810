"""A salesperson's day in the CRM, in Chromium: create and convert a lead, move it through the
pipeline, schedule and complete an activity, lose a deal with a reason. Screenshots of the pipeline,
the lead form and the forecast are kept in tests/artifacts/ (crm-*.png)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def crm_server(template_url: str) -> Iterator[LiveServer]:
    """The web client on its own copy of the template, with the database at hand to prepare and check."""
    with live_server(template_url, "crmbrowser") as server:
        yield server


@pytest.fixture
def crm_page(browser: Any, crm_server: LiveServer) -> Iterator[Any]:
    """A page logged in as the administrator (a sales manager), confirming dialogs."""
    context = browser.new_context(viewport={"width": 1400, "height": 950}, base_url=crm_server.base)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "admin")
    yield page
    context.close()


def _env_call(server: LiveServer, work: Any) -> Any:
    """Run ``work(env)`` as the superuser in a committed transaction of the server's database."""
    with server.fresh_registry().cursor() as cr:
        return work(Environment(cr, SUPERUSER_ID, {"lang": "en_US"}))


def _action_url(server: LiveServer, xmlid: str, record_id: int | str | None = None) -> str:
    action_id = _env_call(server, lambda env: env.ref(xmlid).id)
    return f"{server.base}/web/action/{action_id}" + (f"/{record_id}" if record_id else "")


def _new_opportunity(server: LiveServer, name: str) -> int:
    def create(env: Environment) -> int:
        return env["crm.lead"].create({"name": name, "type": "opportunity", "expected_revenue": 12000,
                                       "user_id": env.ref("base.user_admin").id,
                                       "stage_id": env.ref("crm.stage_lead1").id}).id

    return _env_call(server, create)


def _read_lead(server: LiveServer, lead_id: int, fields: list[str]) -> dict[str, Any]:
    return _env_call(server, lambda env: env["crm.lead"].with_context(active_test=False).browse(lead_id)
                     .read(fields)[0])


def _pick(page: Any, input_id: str, text: str) -> None:
    """Type in a many2one box and choose the suggestion ``text``."""
    page.fill(f"#{input_id}", text)
    page.locator(f"#{input_id} ~ .listbox li[role=option]", has_text=text).first.click()


def test_create_and_convert_a_lead(crm_page: Any, crm_server: LiveServer) -> None:
    page = crm_page
    page.goto(_action_url(crm_server, "crm.crm_lead_all_leads", "new"))
    page.fill("#f-name", "Browser: office chairs")
    page.fill("#f-partner_name", "Navegador Muebles S.L.")
    page.fill("#f-contact_name", "Nora Web")
    page.fill("#f-email_from", "nora@navegador.example.com")
    page.click("button[type=submit][form=record-form]")
    page.wait_for_selector("text=Convert to Opportunity")
    page.click("text=Convert to Opportunity")
    dialog = page.locator("dialog.modal[open]")
    dialog.locator("text=Create Opportunity").wait_for()
    shot(page, "crm-convert-dialog", full_page=False)
    with page.expect_navigation():
        dialog.locator("button", has_text="Create Opportunity").click()
    assert page.locator("input[name=type][value=opportunity]").is_checked()
    shot(page, "crm-lead-form", full_page=False)
    lead_id = _env_call(crm_server, lambda env: env["crm.lead"].search([("name", "=",
                                                                         "Browser: office chairs")]).id)
    values = _read_lead(crm_server, lead_id, ["type", "partner_id"])
    assert values["type"] == "opportunity" and values["partner_id"][1] == "Navegador Muebles S.L., Nora Web"


def test_drag_an_opportunity_across_the_pipeline(crm_page: Any, crm_server: LiveServer) -> None:
    page = crm_page
    lead_id = _new_opportunity(crm_server, "Browser: drag me")
    qualified = _env_call(crm_server, lambda env: env.ref("crm.stage_lead2").id)
    page.goto(_action_url(crm_server, "crm.crm_lead_action_pipeline"))
    card = page.locator(f".card[data-id='{lead_id}']")
    target = page.locator(f".kanban-column[data-value='{qualified}']")
    with page.expect_response(lambda response: "/move" in response.url and response.ok):
        card.drag_to(target)
    assert target.locator(f".card[data-id='{lead_id}']").count() == 1
    assert _read_lead(crm_server, lead_id, ["stage_id"])["stage_id"][0] == qualified
    page.reload()
    shot(page, "crm-pipeline", full_page=False)


def test_schedule_and_complete_an_activity(crm_page: Any, crm_server: LiveServer) -> None:
    page = crm_page
    lead_id = _new_opportunity(crm_server, "Browser: call the buyer")
    page.goto(_action_url(crm_server, "crm.crm_lead_action_pipeline", lead_id))
    page.click("#chatter .schedule-activity")
    dialog = page.locator("dialog.modal[open]")
    dialog.locator("select.activity-type").select_option(label="Call")
    dialog.locator("#f-act-summary").fill("Browser call")
    dialog.locator("#f-act-date_deadline").fill((dt.date.today() + dt.timedelta(days=2)).isoformat())
    shot(page, "crm-activity-dialog", full_page=False)
    with page.expect_navigation():
        dialog.locator("button[type=submit]", has_text="Schedule").click()
    planned = page.locator("#chatter .activity", has_text="Browser call")
    assert planned.count() == 1 and "Due in 2 days" in planned.inner_text()
    activity_id = _env_call(crm_server, lambda env: env["mail.activity"].search(
        [("res_model", "=", "crm.lead"), ("res_id", "=", lead_id), ("summary", "=", "Browser call")]).id)
    assert activity_id
    planned.locator("summary", has_text="Mark done").click()
    planned.locator("textarea[name=feedback]").fill("They want a demo next week")
    with page.expect_navigation():
        planned.locator("button[type=submit]", has_text="Done").first.click()
    chatter = page.locator("#chatter")
    assert "Browser call" in chatter.inner_text() and "They want a demo next week" in chatter.inner_text()
    assert chatter.locator(".activity", has_text="Browser call").count() == 0
    assert not _env_call(crm_server, lambda env: env["mail.activity"].browse(activity_id).exists())


def test_mark_a_deal_lost_with_a_reason(crm_page: Any, crm_server: LiveServer) -> None:
    page = crm_page
    lead_id = _new_opportunity(crm_server, "Browser: lost deal")
    page.goto(_action_url(crm_server, "crm.crm_lead_action_pipeline", lead_id))
    page.click(".header-buttons >> text=Mark Lost")
    dialog = page.locator("dialog.modal[open]")
    dialog.locator("#f-d-lost_reason_id").fill("Too expensive")
    dialog.locator("#f-d-lost_reason_id ~ .listbox li[role=option]", has_text="Too expensive").first.click()
    dialog.locator("[data-field=lost_feedback] .html-surface").fill("Went with a cheaper offer")
    shot(page, "crm-lost-dialog", full_page=False)
    with page.expect_navigation():
        dialog.locator("button", has_text="Mark as Lost").click()
    page.wait_for_selector("text=Restore")
    values = _read_lead(crm_server, lead_id, ["active", "won_status", "lost_reason_id"])
    assert values["active"] is False and values["won_status"] == "lost"
    assert values["lost_reason_id"][1] == "Too expensive"
    assert "Went with a cheaper offer" in page.locator("#chatter").inner_text()


def test_forecast_shows_prorated_revenue_by_month(crm_page: Any, crm_server: LiveServer) -> None:
    page = crm_page
    page.goto(_action_url(crm_server, "crm.crm_lead_action_forecast"))
    table = page.locator("table").first
    assert "Total" in table.inner_text()
    shot(page, "crm-forecast", full_page=False)
