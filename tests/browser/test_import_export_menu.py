"""Import and export where users look for them, in Chromium: the list's menu opens the import mapping
screen (a file with one bad row is refused whole, with the reason, then a good file goes in) and the
export field picker (chosen fields as XLSX, read back with openpyxl; kept as a template).
Screenshots: tests/artifacts/dataio-*.png."""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import requests
from playwright.sync_api import expect

from core.records.environment import SUPERUSER_ID, Environment
from tests.browser.conftest import log_in, shot
from tests.rpc.server import LiveServer, live_server

pytestmark = pytest.mark.browser

BAD = "Name,Email,Country\nMenu Uno,mu@example.com,Spain\nMenu Bad,mb@example.com,Atlantis\n"
GOOD = "Name,Email,Country\nMenu Uno,mu@example.com,Spain\nMenu Dos,md@example.com,France\n"


@pytest.fixture(scope="module")
def server(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "dataiomenu") as running:
        requests.get(f"{running.base}/web/login", timeout=180)  # the first request loads the registry
        yield running


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.base,
                                  accept_downloads=True)
    context.set_default_timeout(15000)
    opened = context.new_page()
    log_in(opened, "admin")
    yield opened
    context.close()


def _names(server: LiveServer, prefix: str) -> list[str]:
    with server.fresh_registry().cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        return sorted(env["res.partner"].search([("name", "=like", f"{prefix}%")]).mapped("name"))


def _open_menu_entry(page: Any, label: str) -> None:
    page.goto("/web/model/res.partner")
    page.locator("details.list-menu > summary").click()
    page.get_by_role("link", name=label).click()


def _upload(page: Any, tmp_path: Path, content: str) -> None:
    _open_menu_entry(page, "Import records")
    path = tmp_path / "people.csv"
    path.write_text(content)
    page.set_input_files("#import-file", str(path))
    page.get_by_role("button", name="Upload").click()
    page.get_by_role("button", name="Test").wait_for()


def test_import_through_the_list_menu_refuses_a_bad_row_then_takes_a_good_file(
        page: Any, server: LiveServer, tmp_path: Path) -> None:
    _upload(page, tmp_path, BAD)
    page.get_by_role("button", name="Import", exact=True).click()
    alert = page.locator(".alert-error")
    expect(alert).to_contain_text("nothing was written")
    expect(alert).to_contain_text("Atlantis")
    shot(page, "dataio-import-refused")
    assert _names(server, "Menu ") == []

    _upload(page, tmp_path, GOOD)
    page.get_by_role("button", name="Test").click()
    expect(page.locator(".flash-success")).to_contain_text("2 records can be imported")
    assert _names(server, "Menu ") == []  # a test writes nothing
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator(".flash-success")).to_contain_text("2 records imported")
    assert _names(server, "Menu ") == ["Menu Dos", "Menu Uno"]


def test_export_xlsx_with_chosen_fields_from_the_list_menu(page: Any, server: LiveServer) -> None:
    _open_menu_entry(page, "Export all")
    page.get_by_role("button", name="Select none").click()
    page.locator("input[name=fields][value=name]").check()
    page.locator("input[name=fields][value=email]").check()
    page.fill("#extra-fields", "country_id/id")
    page.locator("input[name=format][value=xlsx]").check()
    shot(page, "dataio-export-picker")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export", exact=True).click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    header = list(rows[0])
    assert sorted(header) == ["country_id/id", "email", "name"]
    records = [dict(zip(header, row)) for row in rows[1:]]
    deco = next(record for record in records if record["name"] == "Deco Addict")
    assert deco["email"] and len(records) > 5

    page.fill("#template-name", "Names and mails")
    page.get_by_role("button", name="Save template").click()
    expect(page.locator("#export-template option[selected]")).to_have_text("Names and mails")
    checked = page.locator("input[name=fields]:checked").evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(checked) == ["email", "name"]
    assert page.input_value("#extra-fields") == "country_id/id"


def test_no_import_entry_for_a_user_who_cannot_create(browser: Any, server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.base)
    page = context.new_page()
    log_in(page, "demo")
    page.goto("/web/model/res.country")
    page.locator("details.list-menu > summary").click()
    expect(page.get_by_role("link", name="Export all")).to_be_visible()
    expect(page.get_by_role("link", name="Import records")).to_have_count(0)
    shot(page, "dataio-menu-readonly-user", full_page=False)
    context.close()
