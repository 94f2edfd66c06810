"""Write-only fields in the web client's forms: an empty password input (never filled with the stored
value, never autofilled by the browser), left empty to keep the value, filled to set a new one."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text

HASH = "$argon2"


def _inputs(page: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)


def test_the_user_form_has_an_empty_new_password_input(admin, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    page = text(admin.get(f"/web/model/res.users/{demo}"))
    assert HASH not in page
    (field,) = _inputs(page, "new_password")
    assert 'type="password"' in field and 'value=""' in field and 'autocomplete="new-password"' in field
    assert not _inputs(page, "password")


def test_saving_the_user_form_without_a_new_password_keeps_it(admin, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    before = in_db(lambda env: env["res.users"].browse(demo)._secret_value("password"))
    response = admin.post(f"/web/model/res.users/{demo}", data={
        "csrf_token": admin.csrf, "name": "Marc Demo", "login": "demo", "new_password": "",
        "company_id": "1", "company_ids": "1", "lang": "en_US", "active": "y"})
    assert response.status_code == 302, text(response)[:400]
    assert in_db(lambda env: env["res.users"].browse(demo)._secret_value("password")) == before


def test_a_new_password_typed_in_the_user_form_is_set(admin, in_db, app):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    response = admin.post(f"/web/model/res.users/{demo}", data={
        "csrf_token": admin.csrf, "name": "Marc Demo", "login": "demo", "new_password": "from-the-form",
        "company_id": "1", "company_ids": "1", "lang": "en_US", "active": "y"})
    assert response.status_code == 302, text(response)[:400]
    in_db(lambda env: env["res.users"].check(demo, "from-the-form"))
