"""In the browser: the settings page (a section per app; switching leads off hides the Leads menu, the
assignment interval is the job's), and Apps (update the list, install and uninstall an addon, a refusal
explained); screenshots in tests/artifacts/."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import LiveServer
from tests.rpc.server import live_server as serve_copy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sales_template() -> str:
    """CRM and sales with their demo data, so the settings page has the CRM and Sales sections."""
    return shared_template("sale_crm", demo=True, label="settingstemplate")


@pytest.fixture(scope="module")
def served(sales_template: str) -> Iterator[LiveServer]:
    with serve_copy(sales_template, "settings-browser") as live:
        yield live


@pytest.fixture(scope="module")
def live_server(served: LiveServer) -> str:
    return served.base


def in_db(served: LiveServer, work: Any) -> Any:
    with served.fresh_registry().environment() as env:
        return work(env)


def module_id(served: LiveServer, name: str) -> int:
    return in_db(served, lambda env: env["ir.module.module"].search([("name", "=", name)]).id)


def test_a_setting_changed_on_the_settings_page_takes_effect(new_page: Any, served: LiveServer) -> None:
    leads_action = in_db(served, lambda env: env.ref("crm.crm_lead_all_leads").id)
    page = new_page()
    log_in(page, "admin")
    page.locator("summary.icon-button[aria-label=Apps]").click()
    page.locator(".app-tile", has_text="Settings").click()
    page.wait_for_selector(".settings-page")
    nav = page.locator(".settings-apps a").all_inner_texts()
    assert nav[0] == "General Settings" and {"CRM", "Sales"} <= set(nav)
    shot(page, "settings_page")
    page.locator(".settings-apps a", has_text="CRM").click()
    page.locator("#app-crm").get_by_label("Leads", exact=True).uncheck()
    page.locator("#app-crm").get_by_label("Repeatedly").check()
    page.locator("#app-crm").get_by_label("Repeat Every").fill("2")
    page.locator("#app-crm").get_by_label("Interval Unit").select_option("days")
    page.locator("#app-sale_management").get_by_label("Default Quotation Validity").fill("15")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_selector(".flash-success")
    assert "Your changes have been applied." in page.locator(".flashes").inner_text()
    assert not page.locator("#app-crm").get_by_label("Leads", exact=True).is_checked()
    assert page.locator("#app-crm").get_by_label("Repeat Every").input_value() == "2"
    shot(page, "settings_saved", full_page=False)
    cron = in_db(served, lambda env: env.ref("crm.ir_cron_crm_lead_assign").read(
        ["active", "interval_number", "interval_type"])[0])
    assert (cron["active"], cron["interval_number"], cron["interval_type"]) == (True, 2, "days")
    assert in_db(served, lambda env: env.ref("base.main_company").quotation_validity_days) == 15
    # the Leads menu is gone for everyone
    page.goto(f"/web/action/{in_db(served, lambda env: env.ref('crm.crm_lead_action_pipeline').id)}")
    assert page.locator(f".app-nav a[href*='/web/action/{leads_action}']").count() == 0
    demo = new_page()
    log_in(demo, "demo")
    demo.goto(f"/web/action/{in_db(served, lambda env: env.ref('crm.crm_lead_action_pipeline').id)}")
    assert demo.locator(".app-nav").count() == 1
    assert demo.locator(f".app-nav a[href*='/web/action/{leads_action}']").count() == 0
    assert page.errors == [] and demo.errors == []


def test_install_and_uninstall_an_addon_from_apps(new_page: Any, served: LiveServer) -> None:
    page = new_page()
    log_in(page, "admin")
    update = in_db(served, lambda env: env.ref("base.action_view_base_module_update").id)
    page.goto(f"/web/action/{update}")
    page.get_by_role("button", name="Update").click()
    page.wait_for_url(re.compile(r"/web/action/\d+"))
    page.wait_for_selector(".kanban-grid, .kanban-board, .list-table")
    shot(page, "apps_kanban")
    apps = in_db(served, lambda env: env.ref("base.open_module_tree").id)
    addon_b = module_id(served, "addon_b")
    page.goto(f"/web/action/{apps}/{addon_b}")
    assert page.locator("[data-field=dependencies]").inner_text().strip().endswith("base")
    page.get_by_role("button", name="Install", exact=True).click()
    page.get_by_role("button", name="Uninstall", exact=True).wait_for(timeout=60000)
    assert in_db(served, lambda env: env["ir.module.module"].browse(addon_b).state) == "installed"
    assert "addon_b.thing" in served.fresh_registry().models
    shot(page, "apps_installed", full_page=False)
    # a refusal: an addon whose dependency is nowhere to be found
    missing = module_id(served, "addon_missing_dep")
    page.goto(f"/web/action/{apps}/{missing}")
    messages: list[str] = []

    def answer(dialog: Any) -> None:
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", answer)
    page.get_by_role("button", name="Install", exact=True).click()
    for _ in range(40):  # the refusal comes back as an alert
        if messages:
            break
        page.wait_for_timeout(250)
    assert messages and "needs addon_does_not_exist" in messages[0]
    assert in_db(served, lambda env: env["ir.module.module"].browse(missing).state) == "uninstalled"
    # uninstall addon_b again (the button asks first)
    page.goto(f"/web/action/{apps}/{addon_b}")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Uninstall", exact=True).click()
    page.get_by_role("button", name="Install", exact=True).wait_for(timeout=60000)
    assert in_db(served, lambda env: env["ir.module.module"].browse(addon_b).state) == "uninstalled"
    assert "addon_b.thing" not in served.fresh_registry().models


def test_the_settings_page_fits_a_phone(new_page: Any, served: LiveServer) -> None:
    page = new_page(width=390, height=844)
    log_in(page, "admin")
    page.goto(f"/web/action/{in_db(served, lambda env: env.ref('base.action_general_configuration').id)}")
    page.wait_for_selector(".settings-page")
    assert no_sideways_scroll(page)
    shot(page, "settings_phone", full_page=False)
    assert page.errors == []
