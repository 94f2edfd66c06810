"""Installing, upgrading and uninstalling addons, with their dependencies, data and schema."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.addon.lifecycle import install, uninstall, upgrade
from core.exceptions import AddonError


def _tables(registry):
    return set(sa.inspect(registry.engine).get_table_names())


def _columns(registry, table):
    return {column["name"] for column in sa.inspect(registry.engine).get_columns(table)}


def _module_states(registry):
    with registry.environment() as env:
        return {m.name: m.state for m in env["ir.module.module"].search([])}


def test_install_pulls_in_dependencies_first(installed):
    registry = installed("addon_a")
    assert registry.addons.index("addon_b") < registry.addons.index("addon_a")
    states = _module_states(registry)
    assert states["addon_a"] == states["addon_b"] == "installed"


def test_install_loads_data_that_refers_to_a_dependency(installed):
    registry = installed("addon_a")
    with registry.environment() as env:
        item = env.ref("addon_a.item_one")
        assert item.thing_id == env.ref("addon_b.thing_one")


def test_install_names_a_missing_dependency(installed):
    registry = installed()
    missing = r"'addon_does_not_exist' not found \(required by addon_missing_dep\)"
    with pytest.raises(AddonError, match=missing):
        install(registry, ["addon_missing_dep"])


def test_install_refuses_a_dependency_cycle(installed):
    registry = installed()
    with pytest.raises(AddonError, match="cycle: addon_cycle_x -> addon_cycle_y -> addon_cycle_x"):
        install(registry, ["addon_cycle_x"])


def test_refused_install_changes_nothing(installed):
    registry = installed()
    tables_before = _tables(registry)
    with pytest.raises(AddonError):
        install(registry, ["addon_b", "addon_missing_dep"])
    assert _tables(registry) == tables_before
    assert "addon_b" not in _module_states(registry) or _module_states(registry)["addon_b"] != "installed"


def test_auto_install_addon_comes_with_its_dependencies(installed):
    registry = installed("addon_a")
    assert "addon_auto" in registry.addons


def test_demo_data_follows_the_database(installed):
    with installed("addon_b").environment() as env:
        assert env.ref("addon_b.thing_demo", raise_if_not_found=False) is not None


def test_demo_data_can_be_left_out(installed):
    with installed("addon_b", demo=False).environment() as env:
        assert env.ref("addon_b.thing_demo", raise_if_not_found=False) is None


def test_upgrade_does_not_duplicate_records_with_external_ids(installed):
    registry = installed("addon_b")
    with registry.environment() as env:
        before = sorted(env["addon_b.thing"].search([]).ids)
        xmlids = env["ir.model.data"].search_count([("module", "=", "addon_b")])
    registry = upgrade(registry, ["addon_b"])
    with registry.environment() as env:
        assert sorted(env["addon_b.thing"].search([]).ids) == before
        assert env["ir.model.data"].search_count([("module", "=", "addon_b")]) == xmlids


def test_upgrade_restores_records_that_are_not_noupdate(installed):
    registry = installed("addon_noupdate")
    with registry.environment() as env:
        env.ref("addon_noupdate.partner_refreshed").city = "Bilbao"
    registry = upgrade(registry, ["addon_noupdate"])
    with registry.environment() as env:
        assert env.ref("addon_noupdate.partner_refreshed").city == "Valencia"


def test_upgrade_leaves_noupdate_records_as_users_edited_them(installed):
    registry = installed("addon_noupdate")
    with registry.environment() as env:
        env.ref("addon_noupdate.partner_kept").city = "Bilbao"
    registry = upgrade(registry, ["addon_noupdate"])
    with registry.environment() as env:
        assert env.ref("addon_noupdate.partner_kept").city == "Bilbao"


def test_csv_data_is_not_duplicated_by_upgrade(installed):
    registry = installed("addon_noupdate")
    with registry.environment() as env:
        first = env.ref("addon_noupdate.category_csv_one").id
    registry = upgrade(registry, ["addon_noupdate"])
    with registry.environment() as env:
        assert env.ref("addon_noupdate.category_csv_one").id == first
        assert env["res.partner.category"].search_count([("name", "=", "CSV tag one")]) == 1


def test_upgrade_of_an_addon_upgrades_the_addons_depending_on_it(installed):
    registry = installed("addon_a")
    with registry.environment() as env:
        env.ref("addon_a.item_one").name = "Changed"
    registry = upgrade(registry, ["addon_b"])
    with registry.environment() as env:
        assert env.ref("addon_a.item_one").name == "Item of thing one"


def test_upgrade_of_an_addon_not_installed_is_refused(installed):
    with pytest.raises(AddonError, match="Cannot upgrade addon_b: not installed"):
        upgrade(installed(), ["addon_b"])


def test_uninstall_is_refused_while_a_dependent_is_installed(installed):
    registry = installed("addon_a")
    with pytest.raises(AddonError, match=r"installed addons depend on it \(addon_a"):
        uninstall(registry, ["addon_b"])
    assert _module_states(registry)["addon_b"] == "installed"
    assert "addon_b_thing" in _tables(registry)


def test_base_cannot_be_uninstalled(installed):
    with pytest.raises(AddonError, match="base addon cannot be uninstalled"):
        uninstall(installed(), ["base"])


def test_uninstall_drops_the_addon_tables_and_columns(installed):
    registry = uninstall(installed("addon_b", demo=False), ["addon_b"])
    assert "addon_b_thing" not in _tables(registry)
    assert not {"addon_b_code", "addon_b_thing_id"} & _columns(registry, "res_partner")
    assert not [t for t in _tables(registry) if "addon_b_thing" in t]


def test_uninstall_removes_views_menus_actions_and_data(installed):
    registry = uninstall(installed("addon_b"), ["addon_b"])
    with registry.environment() as env:
        assert env["ir.model.data"].search_count([("module", "=", "addon_b")]) == 0
        assert not env["ir.ui.menu"].with_context(active_test=False).search([("name", "=", "Addon B")])
        assert not env["ir.actions.act_window"].search([("res_model", "=", "addon_b.thing")])
        assert not env["res.partner.category"].search([("name", "=", "Addon B tag")])


def test_uninstall_removes_the_model_description_rows(installed):
    registry = uninstall(installed("addon_b"), ["addon_b"])
    with registry.environment() as env:
        assert not env["ir.model"].search([("model", "=", "addon_b.thing")])
        assert not env["ir.model.fields"].search([("model", "=", "res.partner"),
                                                  ("name", "=", "addon_b_code")])
    assert "addon_b.thing" not in registry.models
    assert _module_states(registry)["addon_b"] == "uninstalled"


def test_uninstall_of_an_addon_with_its_dependent_together(installed):
    registry = uninstall(installed("addon_a"), ["addon_b", "addon_a", "addon_auto"])
    assert not {"addon_a", "addon_b", "addon_auto"} & set(registry.addons)
    assert not {"addon_a_item", "addon_b_thing"} & _tables(registry)


def test_addon_can_be_installed_again_after_uninstall(installed):
    registry = uninstall(installed("addon_b"), ["addon_b"])
    registry = install(registry, ["addon_b"])
    with registry.environment() as env:
        assert env.ref("addon_b.thing_one").name == "Thing one"
