"""In the browser: an employee requests time off, their manager approves it from the approvals list."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, shot
from tests.databases import shared_template
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hr_template() -> str:
    """A database with the time off addon (the shared browser template has the CRM only)."""
    return shared_template("mail", "resource", "hr", "hr_holidays", demo=False, label="hrtemplate")


@pytest.fixture
def server(hr_template: str) -> Iterator[LiveServer]:
    with live_server(hr_template, "hrbrowser") as live:
        with live.registry.environment() as env:
            group = env.ref("base.group_user").id
            marta_user, ana_user = env["res.users"].create([
                {"name": login.title(), "login": login, "password": f"{login}-pass-1",
                 "groups_id": [(6, 0, [group])], "tz": "Europe/Madrid"} for login in ("marta", "ana")])
            marta = env["hr.employee"].create({"name": "Marta Jefa", "user_id": marta_user.id})
            env["hr.employee"].create({"name": "Ana Empleada", "user_id": ana_user.id, "parent_id": marta.id})
        yield live


def page_of(browser: Any, server: LiveServer, login: str) -> Any:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.base)
    context.set_default_timeout(15000)
    page = context.new_page()
    log_in(page, login, f"{login}-pass-1")
    return page


def test_employee_requests_time_off_and_the_manager_approves_it(browser, server):
    ana = page_of(browser, server, "ana")
    ana.get_by_role("link", name="Time Off").first.click()
    ana.get_by_role("link", name="New").click()
    ana.fill("#f-holiday_status_id", "Unpaid")
    ana.locator("#f-holiday_status_id ~ .listbox li[role=option]", has_text="Unpaid").first.click()
    ana.fill("#f-request_date_from", "2026-03-30")
    ana.fill("#f-request_date_to", "2026-04-03")  # Good Friday is a public holiday
    ana.fill("#f-name", "Family trip")
    ana.click("button[type=submit][form=record-form]")
    expect(ana.locator(".statusbar [aria-current]")).to_have_text("To Approve", timeout=15000)
    shot(ana, "hr_leave_requested")
    # the requester cannot approve or refuse their own request: no such buttons
    expect(ana.locator(".header-buttons").get_by_role("button", name="Approve")).to_have_count(0)
    expect(ana.locator(".header-buttons").get_by_role("button", name="Refuse")).to_have_count(0)
    assert ana.locator("[data-field=number_of_days]").inner_text().strip().endswith("4.00")

    marta = page_of(browser, server, "marta")
    marta.get_by_role("link", name="Time Off").first.click()
    marta.locator("summary.nav-link", has_text="Approvals").click()
    marta.locator(".dropdown-item", has_text="Time Off").first.click()
    marta.get_by_text("Ana Empleada").first.click()
    shot(marta, "hr_leave_to_approve")
    marta.locator(".header-buttons").get_by_role("button", name="Approve").click()
    expect(marta.locator(".statusbar [aria-current]")).to_have_text("Approved", timeout=15000)
    shot(marta, "hr_leave_approved")

    with server.fresh_registry().environment() as env:
        leave = env["hr.leave"].search([("name", "=", "Family trip")])
        assert leave.state == "validate" and leave.number_of_days == 4
        assert leave.first_approver_id.name == "Marta Jefa"


def test_the_absence_rate_in_a_pivot_and_a_graph(browser, server):
    with server.registry.environment() as env:
        sales = env["hr.department"].create({"name": "Sales"})
        env["hr.employee"].search([]).write({"department_id": sales.id})
        ana = env["hr.employee"].search([("name", "=", "Ana Empleada")])
        leave = env["hr.leave"].create({"employee_id": ana.id, "request_date_from": "2026-03-02",
                                        "request_date_to": "2026-03-06",
                                        "holiday_status_id": env.ref("hr_holidays.holiday_status_unpaid").id})
        leave.with_context(leave_action=True).write({"state": "validate"})
        action = env.ref("hr_holidays.hr_leave_report_absence_action").id
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.base)
    admin = context.new_page()
    log_in(admin, "admin", "admin")
    admin.goto(f"/web/action/{action}")
    expect(admin.get_by_text("Sales").first).to_be_visible()
    expect(admin.locator("table").get_by_text("Absence Rate (%)").first).to_be_visible()
    shot(admin, "hr_absence_rate_pivot")
    admin.goto(f"/web/action/{action}?view=graph")
    shot(admin, "hr_absence_rate_graph")
