"""Access rights of the base models for an internal user, and the technical models read like any other."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError


@pytest.mark.parametrize("model", ["ir.model", "ir.model.fields", "ir.ui.view", "ir.ui.menu",
                                   "ir.actions.act_window", "ir.model.access", "ir.rule", "res.groups",
                                   "res.country", "res.currency", "res.company"])
def test_internal_users_read_the_technical_models(as_user, model):
    records = as_user("demo")[model].search([], limit=3)
    assert records and records.read()


def test_ir_model_describes_contacts(as_user):
    models = as_user("demo")["ir.model"]
    row = models.search_read([("model", "=", "res.partner")], ["name", "state", "transient"])
    assert row == [{"id": row[0]["id"], "name": "Contact", "state": "base", "transient": False}]


def test_ir_model_fields_describe_a_field_with_odoo_names(as_user):
    row = as_user("demo")["ir.model.fields"].search_read(
        [("model", "=", "res.partner"), ("name", "=", "parent_id")],
        ["ttype", "relation", "field_description"])
    assert (row[0]["ttype"], row[0]["relation"], row[0]["field_description"]) == ("many2one", "res.partner",
                                                                                   "Related Company")


@pytest.mark.parametrize(("model", "values"), [
    ("res.groups", {"name": "Sneaky group"}),
    ("ir.rule", {"name": "Sneaky rule"}), ("res.company", {"name": "Sneaky company"}),
])
def test_internal_users_cannot_create_administrative_records(as_user, env, model, values):
    with pytest.raises(AccessError, match=model.replace(".", r"\.")):
        as_user("demo")[model].create(values)


def test_internal_users_cannot_change_access_rights(as_user, env):
    access = env["ir.model.access"].search([], limit=1)
    with pytest.raises(AccessError, match="modify"):
        as_user("demo")["ir.model.access"].browse(access.id).write({"perm_unlink": True})


def test_contact_managers_create_contacts(env):
    manager = env["res.users"].create({"name": "Contact manager", "login": "cm",
                                       "groups_id": [(6, 0, [env.ref("base.group_partner_manager").id])]})
    assert env(user=manager.id, su=False)["res.partner"].create({"name": "Allowed"})


def test_internal_users_create_and_delete_contacts_like_odoo(as_user, env):
    demo = as_user("demo")["res.partner"]
    partner = demo.create({"name": "Customer of a salesperson"})
    partner.write({"city": "Soria"})
    partner.unlink()
    assert not env["res.partner"].search([("name", "=", "Customer of a salesperson")])


def test_settings_group_implies_access_rights_and_internal_user(env):
    admin = env.ref("base.user_admin")
    assert admin.has_group("base.group_erp_manager") and admin.has_group("base.group_user")


def test_saved_filters_are_private_unless_shared(env, as_user):
    admin = env.ref("base.user_admin")
    Filter = env["ir.ui.filter"]
    private = Filter.create({"name": "Admin only", "model_id": "res.partner", "user_id": admin.id})
    shared = Filter.create({"name": "Everyone", "model_id": "res.partner", "user_id": False})
    visible = as_user("demo")["ir.ui.filter"].search([])
    assert shared in visible and private not in visible


def test_menus_of_administration_are_hidden_from_internal_users(as_user, env):
    visible = as_user("demo")["ir.ui.menu"]._visible_menu_ids()
    admin_visible = env(user=env.ref("base.user_admin").id, su=False)["ir.ui.menu"]._visible_menu_ids()
    assert visible < admin_visible
