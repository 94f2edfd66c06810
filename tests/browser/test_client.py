"""The web client as a person uses it, in Chromium: log in, find contacts, create one, fix a
mistake, move a card, read the client in Spanish, and be kept out of what one may not see."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import log_in, no_sideways_scroll, shot

pytestmark = pytest.mark.browser

CONTACTS = "/web/model/res.partner"


def test_login_leads_to_the_apps(new_page):
    page = new_page()
    page.goto("/web/login")
    shot(page, "01-login")
    log_in(page, "admin")
    assert page.get_by_role("link", name="Contacts").first.is_visible()
    shot(page, "02-home")
    assert page.errors == []


def test_list_search_group_and_paginate(new_page):
    page = new_page()
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=list&limit=5")
    assert page.locator("tr.list-row").count() == 5
    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"offset=5"))
    assert page.locator(".pager-value").inner_text().startswith("6-10")
    page.get_by_role("combobox", name="Search").fill("levante")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=complete_name"))
    names = page.locator("a.row-link").all_inner_texts()
    assert names and all("Levante" in name for name in names)
    shot(page, "03-list-search")
    page.get_by_text("Group by", exact=True).click()
    page.locator(".search-menus .dropdown-item", has_text="Country").click()
    page.wait_for_url(re.compile(r"groupby=country_id"))
    page.get_by_role("button", name=re.compile("Spain")).click()
    page.wait_for_selector("tbody.list-group tr.list-row")
    assert page.locator("tbody.list-group tr.list-row").count() >= 1
    shot(page, "04-list-grouped")
    assert page.errors == []


def test_create_partner_with_a_many2one_and_a_line(new_page):
    page = new_page()
    log_in(page, "admin")
    page.goto(CONTACTS + "/new")
    page.get_by_label("Name", exact=True).fill("Viveros del Turia")
    page.get_by_role("radio", name="Company").check()
    country = page.locator("#f-country_id")
    country.fill("Spa")
    page.get_by_role("option", name="Spain", exact=True).click()
    page.get_by_role("tab", name="Contacts & Addresses").click()
    page.get_by_role("button", name="Add a line").click()
    page.locator("#f-child_ids-0-name").fill("Carmen Turia")
    page.locator("#f-child_ids-0-email").fill("carmen@viveros.example.com")
    shot(page, "05-form-new")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(re.compile(r"/web/model/res.partner/\d+$"))
    assert page.locator("h1.cp-title").inner_text() == "Viveros del Turia"
    assert page.locator("#f-country_id").input_value() == "Spain"
    assert page.locator("#f-child_ids-0-name").input_value() == "Carmen Turia"
    shot(page, "06-form-saved")
    assert page.errors == []


def test_validation_error_is_shown_next_to_the_field(new_page):
    page = new_page()
    log_in(page, "admin")
    page.goto(CONTACTS + "/new")
    page.get_by_label("Name", exact=True).fill("Correo Roto S.L.")
    page.get_by_label("Email").fill("no-es-un-correo")
    page.get_by_role("button", name="Save").first.click()
    error = page.locator("#err-email")
    error.wait_for()
    assert error.is_visible() and error.inner_text()
    assert page.get_by_label("Name", exact=True).input_value() == "Correo Roto S.L."
    shot(page, "07-form-error")


def test_dragging_a_kanban_card_moves_the_record(new_page):
    page = new_page()
    log_in(page, "admin")
    url = CONTACTS + "?view=kanban&s=1&groupby=country_id"
    page.goto(url)
    card = page.locator(".kanban-column[aria-label='France'] .card", has_text="Marc Dubois")
    target = page.locator(".kanban-column[aria-label='Spain'] .column-cards")
    card.drag_to(target)
    page.wait_for_selector(".kanban-column[aria-label='Spain'] .card:has-text('Marc Dubois')")
    page.goto(url)
    assert page.locator(".kanban-column[aria-label='Spain'] .card", has_text="Marc Dubois").count() == 1
    shot(page, "08-kanban", full_page=False)
    assert page.errors == []


def test_switching_to_spanish_translates_the_client(new_page):
    page = new_page()
    log_in(page, "demo")
    page.locator(".user-menu summary").click()
    page.get_by_label("Language").select_option("es_ES")
    page.wait_for_load_state()
    page.wait_for_selector("text=Cerrar sesión", state="attached")
    page.goto(CONTACTS + "?view=list")
    assert (
        page.get_by_role("button", name="Filtros").count()
        + page.locator("summary", has_text="Filtros").count()
    )
    assert page.locator("th", has_text="País").count() == 1
    shot(page, "09-spanish-list")
    page.locator(".user-menu summary").click()
    page.get_by_label("Idioma").select_option("en_US")
    page.wait_for_selector("text=Log out", state="attached")


def test_user_without_rights_cannot_see_or_reach_a_model(new_page):
    page = new_page()
    log_in(page, "demo")
    assert page.get_by_text("Settings").count() == 0
    response = page.goto("/web/model/ir.config_parameter")
    assert response.status == 403
    assert page.get_by_role("heading", name="Access denied").is_visible()
    shot(page, "10-access-denied")


@pytest.mark.parametrize("model, view", [("res.partner", "list"), ("res.partner", "kanban"),
                                         ("crm.lead", "calendar"), ("res.partner", "pivot"),
                                         ("res.partner", "graph")])
def test_views_fit_a_phone_screen(new_page, model, view):
    page = new_page(width=390, height=844)
    log_in(page, "admin")
    page.goto(f"/web/model/{model}?view={view}")
    assert no_sideways_scroll(page)
    shot(page, f"11-phone-{view}")
    assert page.errors == []


def test_form_fits_a_phone_screen(new_page):
    page = new_page(width=390, height=844)
    log_in(page, "admin")
    page.goto(CONTACTS + "/new")
    assert no_sideways_scroll(page)
    shot(page, "12-phone-form")


def test_graph_is_drawn_by_chartjs(new_page):
    page = new_page()
    log_in(page, "admin")
    page.goto(CONTACTS + "?view=graph")
    page.wait_for_function("window.Chart && Object.keys(window.Chart.instances).length > 0")
    shot(page, "13-graph", full_page=False)
    assert page.errors == []
