"""Upgrading an addon whose files changed: schema migrations, removed data, new dependencies."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from core.addon.lifecycle import install, upgrade
from core.exceptions import SchemaError

MODEL = """model: addon_upgradable.record
description: Upgradable record
fields:
  name:
    type: char
{extra}"""
DATA = """- model: addon_upgradable.record
  id: record_one
  values:
    name: One
{extra}"""
RECORD_TWO = """- model: addon_upgradable.record
  id: record_two
  values:
    name: Two
"""
ACCESS = """id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink
access_addon_upgradable_record,record user,model_addon_upgradable_record,base.group_user,1,1,1,1
"""


def write_addon(root: Path, depends: str = "[base]", extra_field: str = "", data_extra: str = "") -> None:
    folder = root / "addon_upgradable"
    (folder / "models").mkdir(parents=True, exist_ok=True)
    (folder / "data").mkdir(exist_ok=True)
    (folder / "manifest.yaml").write_text(
        f"name: Upgradable (test)\nversion: \"1.0\"\ndepends: {depends}\n"
        "data:\n  - data/ir.model.access.csv\n  - data/records.yaml\n", encoding="utf-8")
    (folder / "models" / "record.yaml").write_text(MODEL.format(extra=extra_field), encoding="utf-8")
    (folder / "data" / "records.yaml").write_text(DATA.format(extra=data_extra), encoding="utf-8")
    (folder / "data" / "ir.model.access.csv").write_text(ACCESS, encoding="utf-8")


@pytest.fixture
def upgradable(fresh_registry, tmp_path):
    """A database with addon_upgradable installed from a folder the test may rewrite."""
    write_addon(tmp_path, data_extra=RECORD_TWO)
    registry = fresh_registry()
    registry.addons_path = str(tmp_path)
    return install(registry, ["addon_upgradable"]), tmp_path


def test_addon_from_an_extra_addons_path_installs(upgradable):
    registry, _path = upgradable
    with registry.environment() as env:
        assert env.ref("addon_upgradable.record_one").name == "One"


def test_upgrade_adds_a_new_field_column(upgradable):
    registry, path = upgradable
    write_addon(path, extra_field="  code:\n    type: char\n", data_extra=RECORD_TWO)
    registry = upgrade(registry, ["addon_upgradable"])
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("addon_upgradable_record")}
    assert "code" in columns
    with registry.environment() as env:
        env.ref("addon_upgradable.record_one").code = "R1"


def test_upgrade_removes_records_the_data_files_no_longer_define(upgradable):
    registry, path = upgradable
    write_addon(path)
    registry = upgrade(registry, ["addon_upgradable"])
    with registry.environment() as env:
        assert env.ref("addon_upgradable.record_two", raise_if_not_found=False) is None
        assert env["addon_upgradable.record"].search_count([("name", "=", "Two")]) == 0
        assert env.ref("addon_upgradable.record_one").name == "One"


def test_upgrade_refuses_to_drop_a_column_with_data(upgradable):
    registry, path = upgradable
    write_addon(path, extra_field="  code:\n    type: char\n", data_extra=RECORD_TWO)
    registry = upgrade(registry, ["addon_upgradable"])
    with registry.environment() as env:
        env.ref("addon_upgradable.record_one").code = "keep me"
    write_addon(path, data_extra=RECORD_TWO)
    with pytest.raises(SchemaError, match="addon_upgradable_record.code"):
        upgrade(registry, ["addon_upgradable"])
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("addon_upgradable_record")}
    assert "code" in columns


def test_upgrade_drops_a_column_with_data_when_allowed(upgradable):
    registry, path = upgradable
    write_addon(path, extra_field="  code:\n    type: char\n", data_extra=RECORD_TWO)
    registry = upgrade(registry, ["addon_upgradable"])
    with registry.environment() as env:
        env.ref("addon_upgradable.record_one").code = "drop me"
    write_addon(path, data_extra=RECORD_TWO)
    registry = upgrade(registry, ["addon_upgradable"], allow_destructive=True)
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("addon_upgradable_record")}
    assert "code" not in columns


def test_upgrade_installs_a_dependency_the_manifest_added(upgradable):
    registry, path = upgradable
    write_addon(path, depends="[base, addon_b]", data_extra=RECORD_TWO)
    registry = upgrade(registry, ["addon_upgradable"])
    assert "addon_b" in registry.addons
    with registry.environment() as env:
        assert env["ir.module.module"].search([("name", "=", "addon_b")]).state == "installed"
        assert env.ref("addon_b.thing_one").name == "Thing one"
