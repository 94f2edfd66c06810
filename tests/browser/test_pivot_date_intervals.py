"""The pivot's group-by menu in Chromium, at desktop and phone width: a date field is listed once and
opens its intervals (year, quarter, month, week, day); choosing one groups the header by it.
Screenshots: tests/artifacts/pivot-intervals-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, no_sideways_scroll, shot

pytestmark = pytest.mark.browser
CONTACTS = "/web/model/res.partner"


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_date_field_opens_its_intervals(new_page: Any, width: int, height: int) -> None:
    page = new_page(width, height)
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=pivot&rows=country_id&cols=")
    page.locator(".pivot-leaf[title=Spain]").click()
    menu = page.locator(".pivot-menu")
    expect(menu).to_be_visible()
    created = menu.get_by_role("menuitem", name="Created on", exact=True)
    expect(created).to_have_count(1)
    expect(menu.get_by_role("menuitem", name="Created on: Month")).to_have_count(0)
    expect(menu.get_by_role("menuitem", name="Quarter")).to_be_hidden()
    created.click()
    expect(created).to_have_attribute("aria-expanded", "true")
    intervals = menu.locator("#pivot-iv-create_date [role=menuitem]")
    expect(intervals).to_have_text(["Year", "Quarter", "Month", "Week", "Day"])
    expect(intervals.first).to_be_focused()
    shot(page, f"pivot-intervals-{width}", full_page=False)
    menu.get_by_role("menuitem", name="Year").click()
    page.wait_for_url("**rows=create_date%3Ayear*")
    expect(page.locator("tr.pivot-row.depth-2").first).to_be_visible()
    assert no_sideways_scroll(page)
    assert page.errors == []
