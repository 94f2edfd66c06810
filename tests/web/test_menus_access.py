"""Menus and actions from metadata, filtered by the user's groups and model access."""

from __future__ import annotations

from tests.fixtures.web_client import text


def test_administrator_sees_the_settings_app(admin):
    page = text(admin.get("/web"))
    assert "Settings" in page and "Contacts" in page


def test_internal_user_does_not_see_the_settings_app(login_as):
    page = text(login_as("demo").get("/web"))
    assert "Contacts" in page
    assert "Settings" not in page


def test_user_without_read_access_cannot_open_the_model_by_url(login_as):
    response = login_as("demo").get("/web/model/ir.config_parameter")
    assert response.status_code == 403
    assert "not allowed" in text(response)


def test_user_without_read_access_cannot_open_a_record_by_url(login_as, in_db):
    record = in_db(lambda env: env["ir.config_parameter"].create({"key": "web.test", "value": "1"}).id)
    assert login_as("demo").get(f"/web/model/ir.config_parameter/{record}").status_code == 403


def test_action_restricted_to_a_group_is_refused_to_others(login_as, in_db):
    action = in_db(lambda env: env.ref("base.ir_config_list_action").id)
    assert login_as("demo").get(f"/web/action/{action}").status_code == 403


def test_action_opens_its_first_view_type(admin, in_db):
    action = in_db(lambda env: env.ref("base.action_partner_form").id)
    page = text(admin.get(f"/web/action/{action}"))
    assert 'class="kanban-grid"' in page or 'class="kanban-board"' in page


def test_action_domain_restricts_the_records(admin, in_db):
    def make(env):
        return (
            env["ir.actions.act_window"]
            .create(
                {
                    "name": "Spanish contacts",
                    "res_model": "res.partner",
                    "view_mode": "list,form",
                    "domain": "[('country_id.code', '=', 'ES')]",
                }
            )
            .id
        )

    action = in_db(make)
    page = text(admin.get(f"/web/action/{action}?view=list"))
    assert "Ana García" in page and "Marc Dubois" not in page


def test_unknown_model_by_url_is_not_found(admin):
    assert admin.get("/web/model/no.such.model").status_code == 404


def test_reader_cannot_write_through_the_form(login_as, in_db):
    """An internal user without Contact Creation reads contacts but has no write access: the form is
    read-only and a POST is refused."""

    def reader(env):
        if not env["res.users"].search([("login", "=", "reader")]):
            env["res.users"].create({"name": "Reader", "login": "reader", "password": "reader",
                                     "groups_id": [(6, 0, [env.ref("base.group_user").id])]})

    in_db(reader)
    client = login_as("reader")
    partner = in_db(lambda env: env["res.partner"].search([("name", "=", "Deco Addict")]).id)
    page = text(client.get(f"/web/model/res.partner/{partner}"))
    assert 'name="email"' not in page
    client.post(f"/web/model/res.partner/{partner}", data={"csrf_token": client.csrf, "name": "Hacked"})
    assert in_db(lambda env: env["res.partner"].browse(partner).name) == "Deco Addict"


def test_a_menu_opens_its_actions_screen_for_its_groups_only(admin, login_as, in_db):
    def make(env):
        Action = env["ir.actions.act_window"]
        board = Action.create({"name": "Big Board", "res_model": "res.partner", "url": "/some/board?x=1"})
        secret = Action.create({"name": "Secret", "res_model": "res.partner", "url": "/secret/board"})
        root = env["ir.ui.menu"].create({"name": "Screens", "web_icon": "default"})
        env["ir.ui.menu"].create({"name": "Big Board", "parent_id": root.id, "action_id": board.id})
        env["ir.ui.menu"].create({"name": "Secret Board", "parent_id": root.id, "action_id": secret.id,
                                  "groups_id": [(6, 0, [env.ref("base.group_system").id])]})
        outside = Action.create({"name": "Away", "res_model": "res.partner", "url": "//evil.example/x"})
        return root.id, board.id, outside.id

    from web.client.menus import clear_menu_cache

    root, board, outside = in_db(make)
    clear_menu_cache()  # menus are kept a few seconds per user
    home = text(admin.get("/web"))
    # an app holding only screens links its first screen, inside the app
    assert 'href="/some/board?x=1&amp;menu=' in home
    demo_home = text(login_as("demo").get("/web"))
    assert "/some/board" in demo_home and "/secret/board" not in demo_home
    # the action's own address leads to the screen too, keeping the menu
    answer = admin.get(f"/web/action/{board}?menu={root}")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/some/board?x=1&menu={root}")
    assert admin.get(f"/web/action/{outside}").status_code == 404  # never a way off the site


def test_an_actions_screen_address_is_a_local_path():
    from core.loader.validate import first_violation

    def check(url):
        action = {"id": "a", "name": "A", "model": "res.partner", "url": url}
        return first_violation({"actions": [action]}, "view")

    assert check("/service_desk/dashboard/helpdesk.ticket") is None
    assert check("https://evil.example") is not None and check("//evil.example") is not None
