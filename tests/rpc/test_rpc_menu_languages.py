"""Menu and action names over RPC in the language the context names, as Odoo answers them."""

from __future__ import annotations


def _contacts(admin):
    [row] = admin(
        "ir.model.data", "search_read", [("module", "=", "base"), ("name", "=", "menu_contacts")], ["res_id"]
    )
    return row["res_id"]


def test_menus_read_in_the_contexts_language(admin):
    contacts = _contacts(admin)
    spanish = {"lang": "es_ES"}
    assert admin("ir.ui.menu", "read", [contacts], ["name"], context=spanish)[0]["name"] == "Contactos"
    assert admin("ir.ui.menu", "read", [contacts], ["name"])[0]["name"] == "Contacts"
    children = admin(
        "ir.ui.menu",
        "search_read",
        [("parent_id", "=", contacts)],
        ["name", "complete_name"],
        context=spanish,
    )
    assert {"name": "Configuración", "complete_name": "Contactos/Configuración"} in [
        {"name": row["name"], "complete_name": row["complete_name"]} for row in children
    ]
    ids = [row["id"] for row in children]
    names = dict(admin("ir.ui.menu", "name_get", ids, context=spanish))
    assert "Contactos/Configuración" in names.values()
    assert "Contacts/Configuration" in dict(admin("ir.ui.menu", "name_get", ids)).values()


def test_a_menu_renamed_in_spanish_keeps_its_english_name(admin):
    menu = admin("ir.ui.menu", "create", {"name": "Visits", "parent_id": _contacts(admin)})
    admin("ir.ui.menu", "write", [menu], {"name": "Visitas"}, context={"lang": "es_ES"})
    assert admin("ir.ui.menu", "name_get", [menu], context={"lang": "es_ES"}) == [[menu, "Contactos/Visitas"]]
    assert admin("ir.ui.menu", "name_get", [menu]) == [[menu, "Contacts/Visits"]]
    admin("ir.ui.menu", "unlink", [menu])


def test_window_action_names_follow_the_context(admin):
    [row] = admin("ir.ui.menu", "read", [_contacts(admin)], ["action_id"])
    action_id = row["action_id"][0]
    action = admin("ir.actions.act_window", "read", [action_id], ["name"], context={"lang": "es_ES"})
    english = admin("ir.actions.act_window", "read", [action_id], ["name"])
    assert action[0]["name"] != english[0]["name"] and english[0]["name"] == "Contacts"
