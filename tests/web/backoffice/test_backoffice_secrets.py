"""Secrets in the back office: the user and mail server pages never show the stored value; their forms
have an empty password input that sets a new value when filled and keeps the stored one when left empty."""

from __future__ import annotations

import re

from tests.fixtures.web_client import form_post, text

HASH = "$argon2"


def test_user_pages_never_show_the_hash(admin, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    for url in ("/web/technical/users/", f"/web/technical/users/details/?id={demo}",
                f"/web/technical/users/edit/?id={demo}", "/web/technical/users/?search=demo"):
        page = text(admin.get(url))
        assert "Marc Demo" in page and HASH not in page, url


def _user_form(admin, demo: int) -> dict[str, str]:
    page = text(admin.get(f"/web/technical/users/edit/?id={demo}"))
    assert re.search(r'<input[^>]*name="new_password"[^>]*type="password"|'
                     r'<input[^>]*type="password"[^>]*name="new_password"', page)
    assert not re.search(r'name="new_password"[^>]*value="[^"]+"', page)
    form = dict(re.findall(r'<input[^>]*name="(name|login|email)"[^>]*value="([^"]*)"', page))
    return {**form, "company_id": "1", "company_ids": "1", "lang": "en_US", "active": "y"}


def test_a_user_saved_without_a_new_password_keeps_it(admin, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    before = in_db(lambda env: env["res.users"].browse(demo)._secret_value("password"))
    form = _user_form(admin, demo)
    form["name"] = "Marc Demo Again"
    response = form_post(admin, f"/web/technical/users/edit/?id={demo}", **form, new_password="")
    assert response.status_code == 302
    assert in_db(lambda env: env["res.users"].browse(demo)._secret_value("password")) == before


def test_a_new_password_typed_in_the_form_is_set(admin, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    form = _user_form(admin, demo)
    response = form_post(admin, f"/web/technical/users/edit/?id={demo}", **form, new_password="typed-pass")
    assert response.status_code == 302
    in_db(lambda env: env["res.users"].check(demo, "typed-pass"))


def test_the_smtp_password_is_written_not_shown(admin, in_db):
    server = in_db(lambda env: env["ir.mail_server"].create(
        {"name": "Relay", "smtp_host": "smtp.example.com", "smtp_user": "me", "smtp_pass": "hunter2"}).id)
    for url in ("/web/technical/mail_servers/", f"/web/technical/mail_servers/details/?id={server}"):
        assert "hunter2" not in text(admin.get(url))
    page = text(admin.get(f"/web/technical/mail_servers/edit/?id={server}"))
    assert "hunter2" not in page and re.search(r'type="password"', page)
    fields = {"name": "Relay 2", "smtp_host": "smtp.example.com", "smtp_port": "25",
              "smtp_encryption": "none", "smtp_user": "me", "sequence": "10", "active": "y"}
    assert form_post(admin, f"/web/technical/mail_servers/edit/?id={server}", **fields,
                     smtp_pass="").status_code == 302
    assert in_db(lambda env: env["ir.mail_server"].browse(server)._secret_value("smtp_pass")) == "hunter2"
    form_post(admin, f"/web/technical/mail_servers/edit/?id={server}", **fields, smtp_pass="changed")
    assert in_db(lambda env: env["ir.mail_server"].browse(server)._secret_value("smtp_pass")) == "changed"
