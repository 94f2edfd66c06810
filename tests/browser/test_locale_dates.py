"""Dates in the user's format, in Chromium: a Spanish administrator types public holidays as
dd/mm/aaaa hh:mm in the form and in the list's inline edit, searches them by day, and a typo is an
error naming the field; an English user sees the same day month first. Screenshots:
tests/artifacts/dates-*.png."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import shared_template
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server() -> Iterator[LiveServer]:
    template = shared_template("mail", "resource", demo=False, label="datestemplate")
    with live_server(template, "datesbrowser") as live:
        with live.registry.environment() as env:
            env.ref("base.user_admin").write({"lang": "es_ES", "tz": "Europe/Madrid"})
            group = env.ref("base.group_system").id
            env["res.users"].create({"name": "Ella", "login": "ella", "password": "ella-pass-1",
                                     "lang": "en_US", "tz": "Europe/Madrid",
                                     "groups_id": [(6, 0, [group])]})
            env["resource.calendar.leaves"].create({
                "name": "Reyes", "date_from": "2026-01-05 23:00:00", "date_to": "2026-01-06 22:59:59"})
            action = env.ref("resource.action_resource_calendar_leave_tree").id
        live.action = action  # type: ignore[attr-defined]
        yield live


def _page(browser: Any, server: LiveServer, login: str, password: str, size: dict[str, int]) -> Any:
    context = browser.new_context(viewport=size, base_url=server.base)
    context.set_default_timeout(15000)
    page = context.new_page()
    log_in(page, login, password)
    return page


def _holiday(server: LiveServer, name: str) -> Any:
    with server.fresh_registry().environment() as env:
        found = env["resource.calendar.leaves"].search([("name", "=", name)])
        return [(str(r.date_from), str(r.date_to)) for r in found]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_spanish_user_types_dates_day_first_in_the_form(browser: Any, server: LiveServer,
                                                        size: dict[str, int]) -> None:
    page = _page(browser, server, "admin", "admin", size)
    name = f"Fiesta {size['width']}"
    page.goto(f"/web/action/{server.action}/new")  # type: ignore[attr-defined]
    page.fill("#f-name", name)
    start = page.locator("#f-date_from")
    expect(start).to_have_attribute("placeholder", "dd/mm/aaaa hh:mm")
    start.fill("31/02/2026 09:00")
    page.fill("#f-date_to", "01/05/2026 23:59")
    page.get_by_role("button", name="Guardar").first.click()
    error = page.locator("#err-date_from")
    expect(error).to_contain_text("Fecha de inicio")
    expect(error).to_contain_text("no es una fecha válida")
    assert page.input_value("#f-date_from") == "31/02/2026 09:00"  # kept as typed, nothing saved
    assert _holiday(server, name) == []
    shot(page, f"dates-error-{size['width']}", full_page=False)
    page.fill("#f-date_from", "01/05/2026 00:00")
    page.get_by_role("button", name="Guardar").first.click()
    page.wait_for_url(lambda url: not url.endswith("/new"))
    assert _holiday(server, name) == [("2026-04-30 22:00:00", "2026-05-01 21:59:00")]  # Madrid is UTC+2
    expect(page.locator("#f-date_from")).to_have_value("01/05/2026 00:00")
    assert no_sideways_scroll(page)
    shot(page, f"dates-form-es-{size['width']}", full_page=False)
    page.context.close()


def test_the_calendar_button_writes_the_chosen_day_in_the_users_format(browser: Any,
                                                                      server: LiveServer) -> None:
    page = _page(browser, server, "admin", "admin", DESKTOP)
    page.goto(f"/web/action/{server.action}/new")  # type: ignore[attr-defined]
    page.locator(".date-input:has(#f-date_to) .date-pick").click()
    native = page.locator(".date-input:has(#f-date_to) .date-native")
    native.evaluate("(el) => { el.value = '2026-08-15T10:30'; el.dispatchEvent(new Event('change')); }")
    expect(page.locator("#f-date_to")).to_have_value("15/08/2026 10:30")
    page.context.close()


def test_an_english_user_sees_the_same_day_month_first(browser: Any, server: LiveServer) -> None:
    page = _page(browser, server, "ella", "ella-pass-1", DESKTOP)
    page.goto(f"/web/action/{server.action}?view=list")  # type: ignore[attr-defined]
    row = page.locator("tr.list-row", has_text="Reyes")
    row.locator(".edit-row").click()
    expect(page.locator("tr.editing input[name=date_from]")).to_have_value("01/06/2026 12:00 AM")
    page.context.close()


def test_inline_list_edit_reads_and_checks_the_users_format(browser: Any, server: LiveServer) -> None:
    page = _page(browser, server, "admin", "admin", DESKTOP)
    page.goto(f"/web/action/{server.action}?view=list")  # type: ignore[attr-defined]
    page.locator("tr.list-row", has_text="Reyes").locator(".edit-row").click()
    editing = page.locator("tr.editing")
    start = editing.locator("input[name=date_from]")
    expect(start).to_have_value("06/01/2026 00:00")
    start.fill("07/01/2026 99:00")
    editing.locator(".save-row").click()
    expect(editing.locator(".field-error")).to_contain_text("Fecha de inicio")
    shot(page, "dates-inline-error", full_page=False)
    assert _holiday(server, "Reyes")[0][0] == "2026-01-05 23:00:00"
    start.fill("07/01/2026 00:00")
    editing.locator("input[name=date_to]").fill("07/01/2026 23:59")
    editing.locator(".save-row").click()
    expect(page.locator("tr.editing")).to_have_count(0)
    expect(page.locator("tr.list-row", has_text="Reyes")).to_contain_text("7 ene 2026, 0:00:00")
    assert _holiday(server, "Reyes")[0][0] == "2026-01-06 23:00:00"
    shot(page, "dates-inline-saved", full_page=False)
    page.context.close()


def test_the_search_bar_finds_a_holiday_by_its_day(browser: Any, server: LiveServer) -> None:
    page = _page(browser, server, "admin", "admin", DESKTOP)
    page.goto(f"/web/action/{server.action}?view=list")  # type: ignore[attr-defined]
    page.locator("#search-text").fill("12/10/2026")
    page.locator("#search-suggest [role=option]", has_text="Fecha de inicio").click()
    expect(page.locator(".facet")).to_contain_text("Fecha de inicio: 12/10/2026")
    expect(page.locator("tr.list-row")).to_have_count(1)
    expect(page.locator("tr.list-row")).to_contain_text("Fiesta Nacional de España")
    shot(page, "dates-search", full_page=False)
    page.goto(f"/web/action/{server.action}?view=list&s=1&q=date_from:32/01/2026")  # type: ignore[attr-defined]
    expect(page.locator("body")).to_contain_text("no es una fecha válida")
    page.context.close()


