"""Contacts as Odoo users expect them, in Chromium: the demo salesperson converts a lead into an
opportunity for a new customer, and the administrator finds the contact switches in the settings.
Screenshots: tests/artifacts/contacts-*.png."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "contactsbrowser") as live:
        yield live


@pytest.fixture
def page_as(browser: Any, server: LiveServer) -> Iterator[Any]:
    """``page_as("demo")``: a page logged in as that user (password = login), confirming dialogs."""
    contexts = []

    def make(login: str) -> Any:
        context = browser.new_context(viewport={"width": 1400, "height": 950}, base_url=server.base)
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("dialog", lambda dialog: dialog.accept())
        log_in(page, login)
        return page

    yield make
    for context in contexts:
        context.close()


def _in_db(server: LiveServer, work: Any) -> Any:
    with server.fresh_registry().cursor() as cr:
        return work(Environment(cr, SUPERUSER_ID, {"lang": "en_US"}))


def _action_url(server: LiveServer, xmlid: str, suffix: str = "") -> str:
    return f"/web/action/{_in_db(server, lambda env: env.ref(xmlid).id)}{suffix}"


def test_demo_salesperson_converts_a_lead_for_a_new_customer(page_as: Any, server: LiveServer) -> None:
    page = page_as("demo")
    page.goto(_action_url(server, "crm.crm_lead_all_leads", "/new"))
    page.fill("#f-name", "Demo: standing desks")
    page.fill("#f-partner_name", "Escritorios Altos S.L.")
    page.fill("#f-contact_name", "Olga Alta")
    page.fill("#f-email_from", "olga@escritorios.example.com")
    page.fill("#f-phone", "976 55 44 33")
    page.click("button[type=submit][form=record-form]")
    page.wait_for_selector("text=Convert to Opportunity")
    page.click("text=Convert to Opportunity")
    dialog = page.locator("dialog.modal[open]")
    dialog.locator("text=Create Opportunity").wait_for()
    dialog.get_by_label("Create a new customer").check()
    shot(page, "contacts-demo-convert-dialog", full_page=False)
    with page.expect_navigation():
        dialog.locator("button", has_text="Create Opportunity").click()
    assert page.locator("input[name=type][value=opportunity]").is_checked()
    shot(page, "contacts-demo-opportunity", full_page=False)

    def created(env: Environment) -> dict[str, Any]:
        lead = env["crm.lead"].search([("name", "=", "Demo: standing desks")])
        partner = lead.partner_id
        return {"type": lead.type, "partner": partner.display_name, "phone": partner.phone,
                "creator": partner.create_uid.login, "company": partner.parent_id.name}

    found = _in_db(server, created)
    assert found == {"type": "opportunity", "partner": "Escritorios Altos S.L., Olga Alta",
                     "phone": "+34 976 55 44 33", "creator": "demo", "company": "Escritorios Altos S.L."}
    assert page.errors == []


def test_settings_show_the_contact_switches(page_as: Any, server: LiveServer) -> None:
    page = page_as("admin")
    page.goto(_action_url(server, "base.action_general_configuration"))
    for label in ("Verify VAT Numbers", "Strict Contact Data Checks", "Default Access Rights",
                  "Rule-Based Assignment"):
        assert page.get_by_text(label, exact=True).count() >= 1, label
    page.get_by_label("Verify VAT Numbers").check()
    shot(page, "contacts-settings")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text("Your changes have been applied.").wait_for()
    assert page.get_by_label("Verify VAT Numbers").is_checked()
    shot(page, "contacts-settings-saved", full_page=False)
    assert _in_db(server, lambda env: env.ref("base.main_company").vat_check_vies)
    _in_db(server, lambda env: env.ref("base.main_company").write({"vat_check_vies": False}))
    assert page.errors == []
