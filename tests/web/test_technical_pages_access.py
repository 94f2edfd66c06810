"""Least privilege in the interface: the technical pages (users and groups, access rights, record rules,
models, fields, views, external ids, system parameters, apps, settings), the users' export and the back
office are reachable only by the settings group, by menu and by URL, as in Odoo; a salesperson gets a
403 page in their language for each of them."""

from __future__ import annotations

import pytest

from tests.fixtures.web_client import text

TECHNICAL_ACTIONS = [
    "base.action_res_users", "base.action_res_groups", "base.ir_access_act", "base.action_rule",
    "base.action_model_model", "base.action_model_fields", "base.action_ui_view", "base.action_ui_menu",
    "base.action_window_actions", "base.action_model_data", "base.ir_config_list_action",
    "base.ir_sequence_form", "base.action_schema_migration", "base.open_module_tree",
    "base.action_general_configuration",
]
TECHNICAL_MODELS = ["res.users", "res.groups", "ir.model.access", "ir.rule", "ir.model", "ir.model.fields",
                    "ir.ui.view", "ir.model.data", "ir.config_parameter", "ir.module.module"]


def technical_urls(in_db) -> list[str]:
    def collect(env):
        urls = [f"/web/action/{env.ref(xmlid).id}" for xmlid in TECHNICAL_ACTIONS]
        for model in TECHNICAL_MODELS:
            first = env[model].sudo().search([], limit=1)
            urls += [f"/web/model/{model}", f"/web/model/{model}/{first.id}", f"/web/model/{model}/new"]
        urls += ["/web/dataio/export/res.users", f"/web/model/res.users/{env.ref('base.user_admin').id}",
                 "/web/technical/", "/web/technical/users/", "/web/technical/models/"]
        return urls

    return in_db(collect)


@pytest.fixture
def salesperson_es(login_as, in_db):
    in_db(lambda env: env.ref("base.user_demo").write({"lang": "es_ES"}))
    return login_as("demo")


def test_a_salesperson_gets_a_spanish_403_on_every_technical_url(salesperson_es, in_db):
    urls = technical_urls(in_db)
    assert len(urls) >= 50
    for url in urls:
        response = salesperson_es.get(url)
        assert response.status_code == 403, (url, response.status_code)
        page = text(response)
        assert "Acceso denegado" in page, url
        assert "Access denied" not in page, url


def test_an_administrator_opens_every_technical_url(admin, in_db):
    for url in technical_urls(in_db):
        response = admin.get(url)
        assert response.status_code in (200, 302), (url, response.status_code)


def test_a_salesperson_does_not_see_the_technical_menus(salesperson_es):
    page = text(salesperson_es.get("/web"))
    for label in ("Ajustes", "Settings", "Usuarios", "Técnico"):
        assert f">{label}<" not in page


def test_a_salesperson_still_opens_the_pages_of_their_work(salesperson_es, in_db):
    demo = in_db(lambda env: env.ref("base.user_demo").id)
    lead = in_db(lambda env: env["crm.lead"].search([("user_id", "=", demo)], limit=1).id)
    assert salesperson_es.get(f"/web/model/crm.lead/{lead}").status_code == 200
    assert salesperson_es.get("/web/model/res.partner").status_code == 200
    assert salesperson_es.get("/web/dataio/export/res.partner").status_code == 200
