"""What the studio made leaves with ``erp export-customizations``: its views, actions and menus beside the
custom models and fields, and the addon installs into another database with the same layout."""

from __future__ import annotations

import yaml
from click.testing import CliRunner

from core.addon.lifecycle import install
from core.cli.main import cli
from core.registry.registry import Registry


def customize(studio_post, admin):
    studio_post("res.partner", "form", "add", label="Customer code", ttype="char", position="after:email")
    studio_post(
        "res.partner", "list", "place", name="x_customer_code", position="after:complete_name", form="place"
    )
    admin.post(
        "/web/studio/model/new",
        data={"csrf_token": admin.csrf, "label": "Visit", "app": "new", "app_name": "Visits"},
    )
    studio_post(
        "x_visit",
        "form",
        "add",
        label="Outcome",
        ttype="selection",
        selection="Won\nLost",
        position="inside:main_left",
    )


def export(web_registry, folder):
    url = Registry.get(web_registry.url).url
    return CliRunner().invoke(cli, ["export-customizations", "--db", url, "--output", str(folder)])


def test_the_export_holds_the_studio_views_actions_and_menus(studio_post, admin, web_registry, tmp_path):
    customize(studio_post, admin)
    result = export(web_registry, tmp_path / "studio_work")
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load((tmp_path / "studio_work" / "manifest.yaml").read_text())
    assert "views/customizations.yaml" in manifest["data"]
    document = yaml.safe_load((tmp_path / "studio_work" / "views" / "customizations.yaml").read_text())
    extensions = {view["id"]: view for view in document["views"] if "inherit" in view}
    partner_form = next(view for view in extensions.values() if view["inherit"] == "base.view_partner_form")
    assert partner_form["changes"] == [{"after": "email", "nodes": [{"field": "x_customer_code"}]}]
    assert {
        "id": "x_visit_action",
        "name": "Visit",
        "model": "x_visit",
        "view_mode": "list,form",
    } in document["actions"]
    assert [menu["name"] for menu in document["menus"]] == ["Visits", "Visit"]


def test_the_exported_studio_work_installs_elsewhere(
    studio_post, admin, web_registry, fresh_registry, tmp_path
):
    customize(studio_post, admin)
    assert export(web_registry, tmp_path / "studio_work").exit_code == 0
    other = fresh_registry()
    other.addons_path = str(tmp_path)
    other = install(other, ["studio_work"])
    with other.environment(uid=2) as env:
        from web.client.views import get_arch
        from web.studio.arch_edit import field_names

        names = field_names(get_arch(env, "res.partner", "form"), "form")
        assert names[names.index("email") + 1] == "x_customer_code"
        menu = env["ir.ui.menu"].search([("name", "=", "Visit")])
        assert menu.action_id.res_model == "x_visit" and menu.parent_id.name == "Visits"
        assert "x_outcome" in field_names(get_arch(env, "x_visit", "form"), "form")
