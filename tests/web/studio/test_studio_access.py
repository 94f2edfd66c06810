"""Only administrators (Settings group) reach the studio: every route checks it on the server, and the
client offers the way in to them alone."""

from __future__ import annotations

import pytest

from tests.fixtures.web_client import text


def studio_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("studio.") and rule.endpoint != "studio.static":
            url = rule.rule.replace("<model>", "res.partner").replace("<view_type>", "form")
            yield url, sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_studio_route_refuses_a_user_outside_settings(app, login_as, in_db):
    demo = login_as("demo")
    checked = 0
    for url, methods in studio_rules(app):
        for method in methods:
            data = {
                "csrf_token": demo.csrf,
                "label": "Sneaky",
                "ttype": "char",
                "name": "email",
                "position": "after:email",
                "confirm": "1",
                "app": "new",
            }
            response = demo.open(url, method=method, data=data if method == "POST" else None)
            assert response.status_code == 403, (method, url, response.status_code)
            checked += 1
    assert checked >= 10
    assert in_db(lambda env: env["ir.model.fields"].search_count([("state", "=", "manual")])) == 0


def test_the_studio_button_is_offered_to_administrators_only(admin, login_as):
    assert "/web/studio/res.partner/form" in text(admin.get("/web/model/res.partner/1"))
    assert "/web/studio/res.partner/list" in text(admin.get("/web/model/res.partner?view=list"))
    demo_page = text(login_as("demo").get("/web/model/res.partner/1"))
    assert "/web/studio/" not in demo_page


def test_a_visitor_without_session_is_sent_to_log_in(app):
    response = app.test_client().get("/web/studio/res.partner/form")
    assert response.status_code == 302 and "/web/login" in response.headers["Location"]


@pytest.mark.parametrize("url", ["/web/studio", "/web/studio/model/new", "/web/studio/res.partner/list"])
def test_studio_pages_open_for_administrators(admin, url):
    assert admin.get(url).status_code == 200


def test_an_unknown_model_is_not_found(admin):
    assert admin.get("/web/studio/no.such.model/form").status_code == 404


def test_the_settings_menu_leads_to_the_studio_and_the_back_office(admin, login_as, in_db):
    action, menu = in_db(
        lambda env: (env.ref("base.action_res_users").id, env.ref("base.menu_action_res_users").id)
    )
    page = text(admin.get(f"/web/action/{action}?menu={menu}"))
    assert 'href="/web/studio"' in page and 'href="/web/technical/"' in page


def test_a_studio_change_without_the_csrf_token_is_refused(admin, in_db):
    response = admin.post("/web/studio/res.partner/form/add", data={"label": "Forged", "ttype": "char"})
    assert response.status_code == 400
    assert in_db(lambda env: env["ir.model.fields"].search_count([("name", "=", "x_forged")])) == 0


def test_a_back_office_change_without_the_csrf_token_is_refused(admin, in_db):
    response = admin.post("/web/technical/sequences/new/", data={"name": "Forged", "code": "forged"})
    assert response.status_code == 400
    assert in_db(lambda env: env["ir.sequence"].search_count([("code", "=", "forged")])) == 0
