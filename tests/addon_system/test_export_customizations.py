"""Custom models and fields exported as an addon (``erp export-customizations``) and installed elsewhere."""
from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from core.addon.lifecycle import install
from core.cli.main import cli


@pytest.fixture
def customized(fresh_registry):
    """A database with a custom model (with a chatter) and a custom field on contacts, committed."""
    registry = fresh_registry()
    with registry.environment(uid=2) as env:
        env["ir.model"].create({"name": "Visit", "model": "x_visit", "is_mail_thread": True, "field_id": [
            (0, 0, {"name": "x_name", "ttype": "char", "field_description": "Name"}),
            (0, 0, {"name": "x_partner_id", "ttype": "many2one", "relation": "res.partner",
                    "field_description": "Customer", "on_delete": "cascade"}),
            (0, 0, {"name": "x_outcome", "ttype": "selection",
                    "selection": "[('won', 'Won'), ('lost', 'Lost')]",
                    "field_description": "Outcome", "tracking": 1})]})
        env["ir.model.fields"].create({"name": "x_last_visit_id", "model": "res.partner", "ttype": "many2one",
                                       "relation": "x_visit", "field_description": "Last visit"})
    return registry


def _export(registry, folder):
    return CliRunner().invoke(cli, ["export-customizations", "--db", registry.url, "--output", str(folder)])


def test_export_writes_an_addon(customized, tmp_path):
    result = _export(customized, tmp_path / "visit_tracking")
    assert result.exit_code == 0, result.output
    manifest = yaml.safe_load((tmp_path / "visit_tracking" / "manifest.yaml").read_text())
    assert manifest["depends"] == ["mail"]
    assert manifest["data"] == ["security/ir.model.access.csv"]
    model = yaml.safe_load((tmp_path / "visit_tracking" / "models" / "x_visit.yaml").read_text())
    assert model["model"] == "x_visit" and model["chatter"] is True
    assert model["fields"]["x_outcome"]["selection"] == [["won", "Won"], ["lost", "Lost"]]
    partner = yaml.safe_load((tmp_path / "visit_tracking" / "models" / "res_partner.yaml").read_text())
    assert partner == {"inherit": "res.partner", "fields": {"x_last_visit_id": {
        "type": "many2one", "string": "Last visit", "comodel_name": "x_visit", "ondelete": "set null"}}}


def test_exported_addon_installs_into_another_database(customized, fresh_registry, tmp_path):
    assert _export(customized, tmp_path / "visit_tracking").exit_code == 0
    other = fresh_registry()
    other.addons_path = str(tmp_path)
    other = install(other, ["visit_tracking"])
    with other.environment(uid=2) as env:
        customer = env.ref("base.res_partner_1")
        visit = env["x_visit"].create({"x_name": "Imported visit", "x_partner_id": customer.id})
        customer.x_last_visit_id = visit
        visit.x_outcome = "won"
        assert visit.message_ids[0].tracking_value_ids.new_value_char == "Won"
        assert env["ir.model"].search([("model", "=", "x_visit")]).state == "base"


def test_export_refuses_a_folder_name_that_is_not_an_addon_name(customized, tmp_path):
    result = _export(customized, tmp_path / "Visit-Tracking")
    assert result.exit_code != 0 and "technical name" in result.output


def test_export_refuses_a_folder_that_is_not_empty(customized, tmp_path):
    folder = tmp_path / "visit_tracking"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = _export(customized, folder)
    assert result.exit_code != 0 and "not empty" in result.output


def test_export_of_a_database_without_customizations_says_so(fresh_registry, tmp_path):
    result = _export(fresh_registry(), tmp_path / "nothing_here")
    assert result.exit_code != 0 and "has no customizations to export" in result.output
