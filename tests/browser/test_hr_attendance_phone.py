"""In the browser at phone width (390x844): an employee checks in and out with their own button, then
at the attendance kiosk an officer opened, by name and PIN (screenshots in tests/artifacts/)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def attendance_template() -> str:
    """A database with the attendance addon (the shared browser template has the CRM only)."""
    return shared_template("mail", "resource", "hr", "hr_attendance", demo=False, label="attendancetemplate")


@pytest.fixture
def server(attendance_template: str) -> Iterator[LiveServer]:
    with live_server(attendance_template, "attendancebrowser") as live:
        with live.registry.environment() as env:
            user = env.ref("base.group_user").id
            officer = env.ref("hr_attendance.group_hr_attendance_officer").id
            ana, desk = env["res.users"].create([
                {"name": "Ana Ruiz", "login": "ana", "password": "ana-pass-1", "groups_id": [(6, 0, [user])]},
                {"name": "Front Desk", "login": "desk", "password": "desk-pass-1",
                 "groups_id": [(6, 0, [user, officer])]}])
            env["hr.employee"].create([{"name": "Ana Ruiz", "user_id": ana.id, "pin": "4321"},
                                       {"name": "Bruno Gil"}, {"name": "Carla Soto"}])
            env["ir.config_parameter"].set_param("hr_attendance.kiosk_use_pin", "True")
            live.check_action = env.ref("hr_attendance.hr_attendance_action_check").id  # type: ignore[attr-defined]
        yield live


def phone_page(browser: Any, server: LiveServer, login: str) -> Any:
    context = browser.new_context(viewport=PHONE, base_url=server.base, is_mobile=True, has_touch=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    log_in(page, login, f"{login}-pass-1")
    return page


def test_check_in_and_out_at_phone_width(browser: Any, server: Any) -> None:
    ana = phone_page(browser, server, "ana")
    ana.goto(f"/web/action/{server.check_action}")
    header = ana.locator(".header-buttons")
    expect(header.get_by_role("button", name="Kiosk Mode")).to_have_count(0)  # not an officer
    header.get_by_role("button", name="Check In").click()
    expect(header.get_by_role("button", name="Check Out")).to_be_visible()
    shot(ana, "hr_attendance_phone_checked_in")
    assert no_sideways_scroll(ana)
    header.get_by_role("button", name="Check Out").click()
    expect(header.get_by_role("button", name="Check In")).to_be_visible()
    shot(ana, "hr_attendance_phone_checked_out")

    desk = phone_page(browser, server, "desk")
    desk.goto(f"/web/action/{server.check_action}")
    desk.locator(".header-buttons").get_by_role("button", name="Kiosk Mode").click()
    desk.wait_for_url("**/hr_attendance/kiosk")
    desk.get_by_placeholder("Search your name").fill("ana")
    expect(desk.get_by_text("Bruno Gil")).to_be_hidden()
    shot(desk, "hr_attendance_kiosk_list")
    assert no_sideways_scroll(desk)
    desk.get_by_role("link", name=re.compile("Ana Ruiz")).click()
    desk.get_by_label("Your PIN").fill("1111")
    desk.get_by_role("button", name="Check In").click()
    expect(desk.get_by_role("alert")).to_have_text("Wrong PIN: try again.")
    shot(desk, "hr_attendance_kiosk_wrong_pin")
    desk.get_by_label("Your PIN").fill("4321")
    desk.get_by_role("button", name="Check In").click()
    expect(desk.get_by_role("status")).to_have_text(re.compile(r"Welcome Ana, checked in at \d\d:\d\d"))
    shot(desk, "hr_attendance_kiosk_welcome")
    desk.wait_for_url(re.compile(r"/hr_attendance/kiosk$"), timeout=15000)  # back to the names
    desk.get_by_role("link", name=re.compile("Ana Ruiz")).click()
    desk.get_by_label("Your PIN").fill("4321")
    desk.get_by_role("button", name="Check Out").click()
    expect(desk.get_by_role("status")).to_have_text(re.compile(r"Goodbye Ana, worked \d+:\d\d today"))
    shot(desk, "hr_attendance_kiosk_goodbye")
    assert no_sideways_scroll(desk)

    with server.fresh_registry().environment() as env:
        attendances = env["hr.attendance"].search([("employee_id.name", "=", "Ana Ruiz")], order="check_in")
        assert len(attendances) == 2 and all(attendances.mapped("check_out"))
