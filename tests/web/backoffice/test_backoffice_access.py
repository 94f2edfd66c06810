"""Who reaches the back office and what each user may do there: the technical features group lets a user
in; the user's access rights and record rules decide every list, page and change."""

from __future__ import annotations

from tests.fixtures.web_client import form_post, text


def backoffice_urls(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("technical") and not rule.endpoint.endswith(".static"):
            yield rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_back_office_page_refuses_a_user_without_technical_features(app, login_as, in_db):
    demo = login_as("demo")
    before = in_db(lambda env: env["ir.model.access"].search_count([]))
    checked = 0
    for url, methods in backoffice_urls(app):
        for method in methods:
            target = url.replace("<export_type>", "csv") + (
                "?id=1" if "edit" in url or "details" in url else ""
            )
            data = {"csrf_token": demo.csrf, "id": "1", "name": "sneaky", "url": "/web"}
            response = demo.open(target, method=method, data=data if method == "POST" else None)
            assert response.status_code == 403, (method, target, response.status_code)
            checked += 1
    assert checked >= 40
    assert in_db(lambda env: env["ir.model.access"].search_count([])) == before


def test_a_visitor_without_session_is_sent_to_log_in(app):
    response = app.test_client().get("/web/technical/users/")
    assert response.status_code == 302 and "/web/login" in response.headers["Location"]


def test_a_technical_user_reads_but_does_not_change_what_the_acl_forbids(technician, in_db):
    page = technician.get("/web/technical/users/")
    assert page.status_code == 200 and "Marc Demo" in text(page)
    assert "/web/technical/users/new/" not in text(page)
    before = in_db(lambda env: env["res.users"].search_count([]))
    refused = form_post(technician, "/web/technical/users/new/", name="Intruder", login="intruder")
    assert refused.status_code == 302
    assert in_db(lambda env: env["res.users"].search_count([])) == before


def test_the_migration_log_is_for_administrators_only(technician, admin):
    assert technician.get("/web/technical/migrations/").status_code == 403
    assert "/web/technical/migrations/" not in text(technician.get("/web/technical/"))
    assert admin.get("/web/technical/migrations/").status_code == 200


def test_record_rules_decide_what_a_list_shows(technician, in_db):
    def restrict(env):
        env["ir.rule"].create(
            {
                "name": "only base ids",
                "model_id": env.ref("base.model_ir_model_data").id,
                "domain_force": "[('module', '=', 'base')]",
                "groups": [(6, 0, [env.ref("base.group_no_one").id])],
            }
        )

    in_db(restrict)
    page = text(technician.get("/web/technical/external_ids/?search=crm"))
    assert "No record found." in page


def test_the_back_office_sits_in_the_settings_app(admin):
    page = text(admin.get("/web/technical/"))
    assert '<a class="brand" href="/web">Settings</a>' in page
    assert 'href="/web/technical/migrations/"' in page
