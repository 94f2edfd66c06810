"""Addons as records: listed from the addons paths, installed and removed with Odoo's buttons."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, AddonError
from core.registry.registry import Registry


def test_update_list_offers_the_addons_found(env):
    env["ir.module.module"].update_list()
    module = env["ir.module.module"].search([("name", "=", "addon_b")])
    assert module.state == "uninstalled" and module.shortdesc == "Addon B (test)"


def test_install_button_installs_after_the_commit(fresh_registry):
    registry = fresh_registry()
    with registry.environment(uid=2) as env:
        env["ir.module.module"].update_list()
        env["ir.module.module"].search([("name", "=", "addon_b")]).button_immediate_install()
    current = Registry.get(registry.url)
    assert "addon_b.thing" in current.models
    with current.environment() as env:
        assert env["ir.module.module"].search([("name", "=", "addon_b")]).state == "installed"


def test_a_failed_install_gives_its_error_and_resets_the_state(fresh_registry):
    registry = fresh_registry()
    with registry.environment(uid=2) as env:
        env["ir.module.module"].update_list()
    with pytest.raises(AddonError, match="addon_does_not_exist"), registry.environment(uid=2) as env:
        env["ir.module.module"].search([("name", "=", "addon_missing_dep")]).button_immediate_install()
    with Registry.get(registry.url).environment() as env:
        assert env["ir.module.module"].search([("name", "=", "addon_missing_dep")]).state == "uninstalled"


def test_only_administrators_press_the_buttons(as_user, env):
    env["ir.module.module"].update_list()
    module = env["ir.module.module"].search([("name", "=", "addon_b")])
    with pytest.raises(AccessError):
        as_user("demo")["ir.module.module"].browse(module.id).button_immediate_install()


def test_installing_an_addon_whose_dependency_is_missing_says_which(env):
    env["ir.module.module"].update_list()
    module = env["ir.module.module"].search([("name", "=", "addon_missing_dep")])
    with pytest.raises(AddonError, match="needs addon_does_not_exist"):
        module.button_immediate_install()
    assert module.state == "uninstalled"


def test_uninstalling_an_addon_others_depend_on_lists_them(env):
    env["ir.module.module"].update_list()
    mail = env["ir.module.module"].search([("name", "=", "mail")])
    with pytest.raises(AddonError, match=r"installed addons depend on it \(.*crm"):
        mail.button_immediate_uninstall()
    assert mail.state == "installed"


def test_update_apps_list_opens_apps(env):
    result = env["base.module.update"].create({}).update_module()
    assert result["id"] == env.ref("base.open_module_tree").id
    assert env["ir.module.module"].search_count([("name", "=", "addon_b")]) == 1
