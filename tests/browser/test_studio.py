"""The studio and the back office as a consultant uses them, in Chromium: add a field from a contact's form
and see it there (and another user sees it on another server, a gunicorn with two workers started before
the change), drag it to another place, create a model with its menu and use it, and read the migration
log in the back office. Screenshots go to tests/artifacts/studio-*.png."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from core.db.engine import copy_database, drop_database
from core.registry.registry import Registry
from tests.browser.conftest import log_in, no_sideways_scroll, shot
from tests.databases import new_db_url

# one consultant's story, step after step (the suite runs with --dist loadscope: a module stays on
# one worker, in order)
pytestmark = pytest.mark.browser

CONTACT = "/web/model/res.partner/3"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def studio_db(template_url: str) -> Iterator[str]:
    """A private copy of the template: the studio changes its schema and menus."""
    url = new_db_url("studio")
    copy_database(template_url, url)
    yield url
    Registry.forget(url)
    drop_database(url)


@pytest.fixture(scope="module")
def studio_server(studio_db: str) -> Iterator[str]:
    """The web client in this process (werkzeug in a thread), where the consultant works."""
    from werkzeug.serving import make_server

    from web.app import create_app

    server = make_server("127.0.0.1", 0, create_app(studio_db), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def other_server(studio_db: str, studio_server: str) -> Iterator[str]:
    """``erp serve --workers 2`` on the same database, started (and warmed up) before any studio change."""
    port = _free_port()
    erp = Path(sys.executable).with_name("erp")
    command = [str(erp), "serve", "--db", studio_db, "--port", str(port), "--workers", "2", "--no-cron"]
    process = subprocess.Popen(
        command, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"{url}/web/login", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"erp serve did not start: {process.stderr.read(2000) if process.stderr else ''}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def open_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``open_page(base_url, width=1366)``: a page in a fresh browser context (its own cookies)."""
    contexts = []

    def make(base_url: str, width: int = 1366, height: int = 900) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, base_url=base_url)
        context.set_default_timeout(20000)
        contexts.append(context)
        page = context.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
        return page

    yield make
    for context in contexts:
        context.close()


def field_rows(page: Any) -> list[str]:
    return page.locator(".sheet .field-row").evaluate_all("rows => rows.map(row => row.dataset.field)")


def test_a_field_added_in_the_studio_shows_for_everyone_without_restart(
    open_page, studio_server, other_server
):
    other = open_page(other_server)
    log_in(other, "demo")
    other.goto(CONTACT)
    assert other.locator(".field-row[data-field='x_customer_code']").count() == 0

    page = open_page(studio_server)
    log_in(page, "admin")
    page.goto(CONTACT)
    page.get_by_role("link", name="Studio").click()
    page.wait_for_url(re.compile(r"/web/studio/res.partner/form"))
    page.get_by_label("Label", exact=True).fill("Customer code")
    page.get_by_label("Type", exact=True).select_option("char")
    page.get_by_label("Help", exact=True).fill("The code of the customer in the old system.")
    page.locator("#add-position").select_option("after:email")
    shot(page, "studio-01-add-field", full_page=False)
    page.get_by_role("button", name="Add the field").click()
    page.wait_for_selector(".flash-success")
    assert page.locator(".outline-field[data-name='x_customer_code']").count() == 1
    shot(page, "studio-02-editor")

    page.get_by_role("link", name="Close the studio").click()
    page.wait_for_url(re.compile(r"/web/model/res.partner/3"))
    rows = field_rows(page)
    assert rows[rows.index("email") + 1] == "x_customer_code"
    assert page.get_by_label("Customer code").is_visible()
    shot(page, "studio-03-form-with-the-field", full_page=False)

    for _request in range(4):  # both gunicorn workers answer, each reloads its registry by the signal
        other.goto(CONTACT)
        shown = other.locator(".field-row[data-field='x_customer_code']")
        assert shown.is_visible() and "Customer code" in shown.inner_text()
    shot(other, "studio-04-other-user-other-server", full_page=False)
    assert page.errors == [] and other.errors == []


def test_a_field_is_dragged_to_another_place(open_page, studio_server):
    page = open_page(studio_server)
    log_in(page, "admin")
    page.goto("/web/studio/res.partner/form")
    moved = page.locator(".outline-field[data-name='x_customer_code']")
    target = page.locator(".outline-field[data-name='phone']")
    box = target.bounding_box()
    moved.drag_to(target, target_position={"x": 20, "y": 3})  # the upper half: before the phone
    page.wait_for_load_state("load")
    page.wait_for_function(
        "() => { const rows = [...document.querySelectorAll('.outline-field')].map(r => r.dataset.name);"
        " return rows.indexOf('x_customer_code') === rows.indexOf('phone') - 1; }"
    )
    assert box is not None
    page.goto(CONTACT)
    rows = field_rows(page)
    assert rows[rows.index("phone") - 1] == "x_customer_code"
    assert page.errors == []


def test_a_new_model_with_its_menu_is_used_at_once(open_page, studio_server):
    page = open_page(studio_server)
    log_in(page, "admin")
    page.goto("/web/studio")
    page.get_by_role("link", name="New model").click()
    page.get_by_label("Name", exact=True).fill("Visit")
    page.get_by_label("Name of the new app").fill("Visits")
    shot(page, "studio-05-new-model", full_page=False)
    page.get_by_role("button", name="Create the model").click()
    page.wait_for_selector(".flash-success")
    assert page.locator(".brand").inner_text() == "Visits"

    page.get_by_role("link", name="New").first.click()
    page.get_by_label("Name", exact=True).fill("Visit to Viveros del Turia")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_url(re.compile(r"/web/action/\d+/\d+"))
    page.get_by_role("link", name="Studio").click()
    page.get_by_label("Label", exact=True).fill("Outcome")
    page.get_by_label("Type", exact=True).select_option("selection")
    page.get_by_label("Options").fill("Won\nLost")
    page.get_by_role("button", name="Add the field").click()
    page.wait_for_selector(".flash-success")
    page.get_by_role("link", name="Close the studio").click()
    page.get_by_label("Outcome").select_option("won")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state()
    assert page.get_by_label("Outcome").input_value() == "won"
    shot(page, "studio-06-model-record", full_page=False)

    internal = open_page(studio_server)
    log_in(internal, "demo")
    internal.get_by_role("link", name="Visits").first.click()
    expect(internal.get_by_text("Visit to Viveros del Turia")).to_be_visible(timeout=15000)
    assert page.errors == [] and internal.errors == []


def test_the_back_office_lists_the_migration_log(open_page, studio_server):
    page = open_page(studio_server)
    log_in(page, "admin")
    page.goto("/web/technical/")
    shot(page, "studio-07-back-office", full_page=False)
    page.get_by_role("link", name="Migration Log").first.click()
    page.get_by_label("Search").fill("x_customer_code")
    page.get_by_role("button", name="Search").click()
    row = page.locator("tr.list-row", has_text="x_customer_code")
    assert row.count() >= 1 and "add_column" in row.first.inner_text()
    shot(page, "studio-08-migration-log", full_page=False)
    assert page.errors == []


def test_the_studio_fits_a_phone_screen(open_page, studio_server):
    page = open_page(studio_server, width=390, height=844)
    log_in(page, "admin")
    page.goto("/web/studio/res.partner/list")
    assert no_sideways_scroll(page)
    shot(page, "studio-09-phone-list-editor")
    assert page.errors == []
