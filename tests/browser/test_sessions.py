"""Sessions as a person sees them, in Chromium: logged in on two devices, one opens Preferences from the
user menu, sees both sessions and logs the other one out; the other device is back at the login page.
Screenshots go to tests/artifacts/sessions-*.png."""

from __future__ import annotations

import re
import uuid
import xmlrpc.client

import pytest
import requests

from tests.browser.conftest import log_in, no_sideways_scroll, shot

pytestmark = pytest.mark.browser


@pytest.fixture
def own_user(live_server: str) -> str:
    """A user of this test alone (ending "other sessions" must not touch other tests' users)."""
    admin = {"params": {"login": "admin", "password": "admin"}}  # no db: the server's own
    answer = requests.post(f"{live_server}/web/session/authenticate", json=admin, timeout=30)
    db = answer.json()["result"]["db"]
    login = f"nadia_{uuid.uuid4().hex[:6]}"
    models = xmlrpc.client.ServerProxy(f"{live_server}/xmlrpc/2/object")
    models.execute_kw(db, 2, "admin", "res.users", "create",
                      [{"name": "Nadia Ruiz", "login": login, "password": login}])
    return login


def test_log_out_my_other_sessions(new_page, own_user):
    laptop, phone = new_page(), new_page(width=390, height=844)
    log_in(laptop, own_user)
    log_in(phone, own_user)

    laptop.locator(".user-menu summary").click()
    laptop.get_by_role("link", name="Preferences").click()
    laptop.wait_for_url(re.compile(r"/web/preferences$"))
    rows = laptop.locator("tr.session-row")
    assert rows.count() == 2
    assert laptop.locator("tr.current-session").count() == 1
    assert "This session" in laptop.locator("tr.current-session").inner_text()
    shot(laptop, "sessions-01-two-devices")

    laptop.get_by_role("button", name="Log out my other sessions").click()
    laptop.wait_for_selector(".flash-success")
    assert "Your other sessions have been logged out (1)" in laptop.locator(".flash-success").inner_text()
    assert laptop.locator("tr.session-row").count() == 1
    assert laptop.get_by_role("button", name="Log out my other sessions").is_disabled()
    shot(laptop, "sessions-02-others-logged-out")

    phone.goto("/web")
    phone.wait_for_url(re.compile(r"/web/login"))
    assert phone.get_by_label("Password").is_visible()
    laptop.goto("/web")
    assert laptop.url.endswith("/web")
    assert laptop.errors == [] and phone.errors == []


def test_the_preferences_page_fits_a_phone(new_page, own_user):
    phone = new_page(width=390, height=844)
    log_in(phone, own_user)
    phone.goto("/web/preferences")
    assert phone.get_by_role("heading", name="Your sessions").is_visible()
    assert no_sideways_scroll(phone)
    shot(phone, "sessions-03-phone")
    assert phone.errors == []
