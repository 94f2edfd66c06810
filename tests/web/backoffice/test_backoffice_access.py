"""Who reaches the back office and what each user may do there: the settings group (administrators) lets
a user in, as Odoo reserves its technical pages to it; the user's access rights and record rules decide
every list, page and change."""

from __future__ import annotations

from tests.fixtures.web_client import form_post, text


def backoffice_urls(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("technical") and not rule.endpoint.endswith(".static"):
            yield rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})


def _refused_everywhere(app, client, in_db):
    before = in_db(lambda env: env["ir.model.access"].search_count([]))
    checked = 0
    for url, methods in backoffice_urls(app):
        for method in methods:
            target = url.replace("<export_type>", "csv") + (
                "?id=1" if "edit" in url or "details" in url else ""
            )
            data = {"csrf_token": client.csrf, "id": "1", "name": "sneaky", "url": "/web"}
            response = client.open(target, method=method, data=data if method == "POST" else None)
            assert response.status_code == 403, (method, target, response.status_code)
            checked += 1
    assert checked >= 40
    assert in_db(lambda env: env["ir.model.access"].search_count([])) == before


def test_every_back_office_page_refuses_a_salesperson(app, login_as, in_db):
    _refused_everywhere(app, login_as("demo"), in_db)


def test_technical_features_alone_do_not_open_the_back_office(app, technician, in_db):
    _refused_everywhere(app, technician, in_db)
    assert "/web/technical/" not in text(technician.get("/web"))


def test_a_visitor_without_session_is_sent_to_log_in(app):
    response = app.test_client().get("/web/technical/users/")
    assert response.status_code == 302 and "/web/login" in response.headers["Location"]


def test_an_administrator_reads_but_does_not_change_what_the_acl_forbids(admin, in_db):
    # the migration log is read-only for everyone (ir.schema.migration: read for the settings group)
    page = admin.get("/web/technical/migrations/")
    assert page.status_code == 200
    assert "/web/technical/migrations/new/" not in text(page)
    before = in_db(lambda env: env["ir.schema.migration"].search_count([]))
    refused = form_post(admin, "/web/technical/migrations/new/", operation="add_column", table_name="x")
    assert refused.status_code in (302, 403)
    assert in_db(lambda env: env["ir.schema.migration"].search_count([])) == before


def test_record_rules_decide_what_a_list_shows(admin, in_db):
    def restrict(env):
        env["ir.rule"].create(
            {
                "name": "only base ids",
                "model_id": env.ref("base.model_ir_model_data").id,
                "domain_force": "[('module', '=', 'base')]",
                "groups": [(6, 0, [env.ref("base.group_system").id])],
            }
        )

    in_db(restrict)
    page = text(admin.get("/web/technical/external_ids/?search=crm"))
    assert "No record found." in page


def test_the_back_office_sits_in_the_settings_app(admin):
    page = text(admin.get("/web/technical/"))
    assert '<a class="brand" href="/web">Settings</a>' in page
    assert 'href="/web/technical/migrations/"' in page
