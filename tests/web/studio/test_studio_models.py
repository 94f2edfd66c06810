"""A new model from the studio: the custom model, its action, menu and access rights, usable at once by
administrators and internal users; bad input is reported next to its input and creates nothing."""

from __future__ import annotations

import re

from tests.fixtures.web_client import text


def create_model(client, **data):
    data["csrf_token"] = client.csrf
    return client.post("/web/studio/model/new", data=data)


def made(in_db, model):
    def read(env):
        action = env["ir.actions.act_window"].search([("res_model", "=", model)])
        menus = env["ir.ui.menu"].search([("action_id", "in", action.ids)])
        access = env["ir.model.access"].search([("model_id.model", "=", model)])
        return {
            "model": env["ir.model"].search_read([("model", "=", model)], ["state"]),
            "action": action.ids,
            "menus": sorted((menu.name, bool(menu.parent_id)) for menu in menus),
            "groups": sorted(line.group_id.id for line in access),
            "system": env.ref("base.group_system").id,
            "user": env.ref("base.group_user").id,
        }

    return in_db(read)


def test_a_new_model_gets_an_action_a_menu_and_access(admin, in_db):
    response = create_model(admin, label="Visit", app="new", app_name="Visits")
    assert response.status_code == 302 and "/web/action/" in response.headers["Location"]
    found = made(in_db, "x_visit")
    assert found["model"][0]["state"] == "manual" and len(found["action"]) == 1
    assert found["menus"] == [("Visit", True), ("Visits", False)]
    assert found["groups"] == sorted([found["system"], found["user"]])


def test_internal_users_can_use_the_new_model_at_once(admin, login_as):
    create_model(admin, label="Visit", app="new")
    demo = login_as("demo")
    home = text(demo.get("/web"))
    assert ">Visit</span>" in home
    token = demo.csrf
    saved = demo.post("/web/model/x_visit/new", data={"csrf_token": token, "x_name": "First visit"})
    assert saved.status_code == 302
    assert "First visit" in text(demo.get("/web/model/x_visit?view=list"))


def test_a_new_model_can_go_in_an_existing_app(admin, in_db):
    contacts = in_db(lambda env: env.ref("base.menu_contacts").id)
    create_model(admin, label="Visit", app=str(contacts))
    parents = in_db(lambda env: env["ir.ui.menu"].search([("name", "=", "Visit")]).parent_id.ids)
    assert parents == [contacts]


def test_an_invalid_technical_name_is_reported_and_nothing_is_made(admin, in_db):
    response = create_model(admin, label="Visit", name="x_Visita Ñ", app="new")
    assert response.status_code == 422
    assert re.search(r'id="model-name-error"[^>]*>[^<]*Invalid model name', text(response))
    assert in_db(lambda env: env["ir.actions.act_window"].search_count([("name", "=", "Visit")])) == 0
    assert in_db(lambda env: env["ir.ui.menu"].search_count([("name", "=", "Visit")])) == 0


def test_a_model_that_exists_already_is_reported(admin, in_db):
    create_model(admin, label="Visit", app="new")
    response = create_model(admin, label="Visit", app="new")
    assert response.status_code == 422
    assert re.search(r'id="model-name-error"[^>]*>[^<]*already exists', text(response))
    assert (
        in_db(lambda env: env["ir.ui.menu"].search_count([("name", "=", "Visit")])) == 2
    )  # app and its menu


def test_a_model_without_a_name_is_reported_next_to_it(admin):
    response = create_model(admin, label="", app="new")
    assert response.status_code == 422
    assert re.search(r'id="model-label-error"[^>]*>[^<]*Give the model a name', text(response))
