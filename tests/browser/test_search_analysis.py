"""Searching and analysing contacts in Chromium, at desktop and phone width: facets that combine,
removing them by click and by Backspace, the back button; a pivot of two levels drilled down to its
records and downloaded as XLSX; graph modes. Screenshots: tests/artifacts/search-*.png, pivot-*.png."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import log_in, no_sideways_scroll, shot

pytestmark = pytest.mark.browser
CONTACTS = "/web/model/res.partner"


def _names(page: Any) -> list[str]:
    return page.locator("a.row-link").all_inner_texts()


def _facets(page: Any) -> list[str]:
    return page.locator(".search-box .facet-label").all_inner_texts()


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_search_terms_combine_into_facets(new_page: Any, width: int, height: int) -> None:
    page = new_page(width, height)
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=list&s=1")
    total = len(_names(page))
    box = page.locator("#search-text")
    box.fill("azure")
    suggestions = page.locator("#search-suggest [role=option]")
    assert suggestions.first.inner_text().startswith("Search Name for:")
    assert suggestions.count() >= 2
    shot(page, f"search-suggest-{width}", full_page=False)
    box.press("Enter")
    page.wait_for_url("**q=complete_name*")
    azure = _names(page)
    assert _facets(page) == ["Name: azure"] and len(azure) == 2

    # a second term on another field (Email, chosen with the arrow keys) narrows the list
    box = page.locator("#search-text")
    box.fill("brandon")
    box.press("ArrowDown")
    assert "Email" in page.locator("#search-suggest [aria-selected=true]").inner_text()
    box.press("Enter")
    page.wait_for_url("**q=email*")
    assert _facets(page) == ["Name: azure", "Email: brandon"]
    assert _names(page) == ["Azure Interior, Brandon Freeman"]

    # a second term on the same field widens it: one facet "Name: azure or deco"
    box = page.locator("#search-text")
    box.fill("deco")
    box.press("Enter")
    page.wait_for_url("**deco*")
    assert _facets(page) == ["Name: azure or deco", "Email: brandon"]
    page.get_by_role("link", name="Remove Email: brandon").click()
    page.wait_for_url(lambda url: "email" not in url)
    page.wait_for_load_state()
    assert _facets(page) == ["Name: azure or deco"]
    widened = _names(page)
    assert set(azure) < set(widened) and "Deco Addict" in widened
    assert no_sideways_scroll(page)
    shot(page, f"search-facets-{width}")

    # Backspace in the empty box removes the last facet; the back button brings it back
    page.locator("#search-text").press("Backspace")
    page.wait_for_url(lambda url: "q=" not in url)
    page.wait_for_load_state()
    assert _facets(page) == [] and len(_names(page)) == total
    page.go_back()
    page.wait_for_url("**deco*")
    page.wait_for_load_state()
    assert _facets(page) == ["Name: azure or deco"] and set(_names(page)) == set(widened)

    # the search stays when switching to kanban and pivot
    page.locator("a.switch-kanban").click()
    page.wait_for_url("**view=kanban*")
    assert _facets(page) == ["Name: azure or deco"]
    page.locator("a.switch-pivot").click()
    page.wait_for_url("**view=pivot*")
    assert _facets(page) == ["Name: azure or deco"]
    assert page.errors == []


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_pivot_two_levels_drill_down_and_xlsx(new_page: Any, width: int, height: int) -> None:
    page = new_page(width, height)
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=pivot&rows=country_id&cols=")
    page.locator(".pivot-leaf[title=Spain]").click()
    menu = page.locator(".pivot-menu")
    assert menu.is_visible()
    menu.get_by_role("menuitem", name="Is a Company").click()
    page.wait_for_url("**rows=is_company*")
    spain_children = page.locator("tr.pivot-row.depth-2")
    assert spain_children.count() >= 1
    assert no_sideways_scroll(page)
    shot(page, f"pivot-two-levels-{width}")
    cell = spain_children.first.locator("a.pivot-cell").first
    expected = int(cell.inner_text())
    label = spain_children.first.locator("th").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    labels = [row[0] for row in sheet.iter_rows(values_only=True)]
    spain = labels.index("Spain")
    assert labels[spain + 1] == label.lstrip("+−").strip()
    assert sheet.cell(row=spain + 2, column=2).value == expected
    cell.click()
    page.wait_for_url("**view=list*")
    assert len(_names(page)) == expected
    assert any(f.startswith("Country: Spain / Is a Company: ") for f in _facets(page))
    shot(page, f"pivot-drilled-list-{width}")
    assert page.errors == []


def test_graph_stacked_and_cumulative_toggles(new_page: Any) -> None:
    page = new_page(1366, 900)
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=graph&type=bar&rows=country_id&rows=is_company")
    page.wait_for_selector("canvas.graph-chart[data-rendered='1']")
    stacked = page.get_by_role("link", name="Stacked")
    assert stacked.get_attribute("aria-pressed") == "true"
    stacked.click()
    page.wait_for_url("**stacked=0*")
    page.wait_for_selector("canvas.graph-chart[data-rendered='1']")
    assert page.get_by_role("link", name="Stacked").get_attribute("aria-pressed") == "false"
    shot(page, "graph-bars-side-by-side")
    page.get_by_role("link", name="Line").click()
    page.wait_for_url("**type=line*")
    page.get_by_role("link", name="Cumulative").click()
    page.wait_for_url("**cumulated=1*")
    page.wait_for_selector("canvas.graph-chart[data-rendered='1']")
    assert page.get_by_role("link", name="Cumulative").get_attribute("aria-pressed") == "true"
    shot(page, "graph-cumulative-line")
    assert page.errors == []


def test_pivot_column_levels_with_two_measures(new_page: Any) -> None:
    page = new_page(1366, 900)
    log_in(page, "admin")
    page.goto(
        "/web/model/crm.lead?view=pivot&rows=stage_id&cols=type&cols=priority"
        "&measure=__count&measure=expected_revenue"
    )
    assert page.locator("thead tr").count() == 4  # Total, type, priority, measures
    measures = page.locator("tr.pivot-measures th").all_inner_texts()
    assert measures[:2] == ["Count", "Expected Revenue"] and len(measures) % 2 == 0
    # folding a column header keeps its total, with its children gone
    before = len(measures)
    page.locator("th.pivot-col-header a.pivot-expanded").nth(1).click()
    page.wait_for_url("**cfold=*")
    assert len(page.locator("tr.pivot-measures th").all_inner_texts()) < before
    shot(page, "pivot-column-levels")
    assert page.errors == []


def test_a_favorite_keeps_the_search_and_the_pivot_setup(new_page: Any) -> None:
    page = new_page(1366, 900)
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=pivot&s=1&q=complete_name:a&rows=country_id&rows=is_company&cols=")
    levels = page.locator("tr.pivot-row").count()
    page.get_by_text("Favorites", exact=True).click()
    page.get_by_label("Save current search").fill("Contacts with a, by place and kind")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page.goto(CONTACTS + "?view=pivot")
    assert page.locator("tr.pivot-row.depth-2").count() == 0
    page.get_by_text("Favorites", exact=True).click()
    page.get_by_role("link", name="Contacts with a, by place and kind").click()
    page.wait_for_url("**saved=*")
    assert page.locator("tr.pivot-row").count() == levels
    assert page.locator("tr.pivot-row.depth-2").count() > 0
    assert _facets(page) == ["Contacts with a, by place and kind"]
    shot(page, "pivot-favorite")
    assert page.errors == []
    # the browser tests share one database: leave no favorite behind
    filter_id = re.search(r"saved=(\d+)", page.url).group(1)
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    answer = page.request.post(
        f"/web/data/filters/{filter_id}/delete", form={"csrf_token": token, "back": "/web"}
    )
    assert answer.ok
