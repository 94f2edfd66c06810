"""The API reference at /doc: the models a user may read, their fields and methods, and examples that
work as written."""

from __future__ import annotations

import html
import json
import re

from tests.fixtures.web_client import text


def test_the_reference_needs_a_login(app):
    response = app.test_client().get("/doc")
    assert response.status_code == 302 and "/web/login" in response.headers["Location"]


def test_the_index_lists_readable_models_and_searches_them(admin):
    page = text(admin.get("/doc"))
    assert 'href="/doc/res.partner"' in page and "<code>res.partner</code>" in page
    found = text(admin.get("/doc?q=partner"))
    assert 'href="/doc/res.partner"' in found and 'href="/doc/res.currency"' not in found


def test_a_user_sees_only_the_models_they_may_read(login_as):
    demo = login_as("demo")
    assert 'href="/doc/mail.mail"' not in text(demo.get("/doc"))
    assert demo.get("/doc/mail.mail").status_code == 403


def test_a_model_page_shows_fields_methods_and_examples(admin):
    page = text(admin.get("/doc/res.partner"))
    assert 'id="field-email"' in page and 'id="field-country_id"' in page
    assert 'href="/doc/res.country"' in page  # relations lead to their model
    assert 'id="method-search_read"' in page and 'id="method-message_post"' in page
    assert "/json/2/res.partner/search_read" in page and "Authorization: bearer YOUR_API_KEY" in page


def test_the_python_example_runs_against_json2(admin, in_db):
    def make_key(env):
        return env.ref("base.user_admin").with_user(env.ref("base.user_admin")).create_api_key("reference")

    key = in_db(make_key)
    page = html.unescape(text(admin.get("/doc/res.partner")))
    body = json.loads(re.search(r"json=(\{.*?\}),\n", page).group(1))
    database = re.search(r'"X-Odoo-Database": "([^"]+)"', page).group(1)
    response = admin.post("/json/2/res.partner/search_read", json=body,
                          headers={"Authorization": f"bearer {key}", "X-Odoo-Database": database})
    assert response.status_code == 200, response.get_data(as_text=True)
    rows = response.get_json()
    assert len(rows) == 5 and set(rows[0]) == {"id", *body["fields"]}


def test_the_reference_speaks_spanish(admin):
    admin.post("/web/preferences", data={"csrf_token": admin.csrf, "lang": "es_ES", "back": "/doc"})
    page = text(admin.get("/doc/res.partner"))
    assert "Referencia de la API" in page and "Campos" in page and "Métodos" in page


def test_an_unknown_model_is_not_found(admin):
    response = admin.get("/doc/no.such.model")
    assert response.status_code == 404 and "no.such.model" in text(response)


def test_placeholders_in_the_explanations_are_shown_as_text(admin):
    page = text(admin.get("/doc"))
    assert "POST /json/2/&lt;model&gt;/&lt;method&gt;" in page
    assert "Bearer &lt;key&gt;" in text(admin.get("/web/api-keys"))
