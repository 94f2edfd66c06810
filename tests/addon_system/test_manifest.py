"""Manifests and dependency resolution: clear errors naming the addon, file and line."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.addon.graph import dependents, resolve
from core.addon.manifest import BrokenManifest, discover, load_manifest
from core.exceptions import AddonError, MetadataError

TESTS_ADDONS = Path(__file__).resolve().parents[1] / "addons"


def _addon(root: Path, name: str, manifest: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "manifest.yaml").write_text(manifest, encoding="utf-8")
    return folder


def test_manifest_gives_its_fields():
    manifest = load_manifest(TESTS_ADDONS / "addon_b")
    assert (manifest.name, manifest.title, manifest.version) == ("addon_b", "Addon B (test)", "1.0")
    assert manifest.depends == ["base"]
    assert manifest.data[0] == "security/ir.model.access.csv"
    assert manifest.demo == ["demo/addon_b_thing.yaml"]


def test_manifest_with_an_unknown_key_names_it(tmp_path):
    folder = _addon(tmp_path, "bad_key", 'name: Bad\nversion: "1.0"\ndependencies: [base]\n')
    with pytest.raises(MetadataError, match="dependencies"):
        load_manifest(folder)


def test_manifest_without_version_is_refused(tmp_path):
    folder = _addon(tmp_path, "no_version", "name: No version\n")
    with pytest.raises(MetadataError, match="version"):
        load_manifest(folder)


def test_manifest_with_a_bad_license_is_refused(tmp_path):
    folder = _addon(tmp_path, "bad_license", 'name: X\nversion: "1.0"\nlicense: WTFPL\n')
    with pytest.raises(MetadataError, match="license"):
        load_manifest(folder)


def test_addon_folder_name_must_be_a_technical_name(tmp_path):
    folder = _addon(tmp_path, "Bad-Name", 'name: X\nversion: "1.0"\n')
    with pytest.raises(MetadataError, match="invalid addon folder name 'Bad-Name'"):
        load_manifest(folder)


def test_a_broken_manifest_does_not_hide_the_other_addons(tmp_path):
    _addon(tmp_path, "good_one", 'name: Good\nversion: "1.0"\n')
    _addon(tmp_path, "broken_one", "name: [unclosed\n")
    found = discover([tmp_path])
    assert not isinstance(found["good_one"], BrokenManifest)
    assert isinstance(found["broken_one"], BrokenManifest)


def test_asking_for_a_broken_addon_gives_its_error(tmp_path):
    _addon(tmp_path, "broken_one", "name: [unclosed\n")
    with pytest.raises(MetadataError, match=r"broken_one/manifest.yaml:\d+: invalid YAML"):
        resolve(["broken_one"], discover([tmp_path]))


def test_resolve_orders_dependencies_first():
    available = discover([TESTS_ADDONS.parents[1] / "addons", TESTS_ADDONS])
    order = resolve(["addon_a"], available)
    assert order.index("base") < order.index("addon_b") < order.index("addon_a")


def test_resolve_names_the_missing_addon_and_who_needs_it():
    available = discover([TESTS_ADDONS.parents[1] / "addons", TESTS_ADDONS])
    missing = r"'addon_does_not_exist' not found \(required by addon_missing_dep\)"
    with pytest.raises(AddonError, match=missing):
        resolve(["addon_missing_dep"], available)


def test_resolve_names_the_cycle():
    available = discover([TESTS_ADDONS.parents[1] / "addons", TESTS_ADDONS])
    with pytest.raises(AddonError, match="addon_cycle_y -> addon_cycle_x -> addon_cycle_y"):
        resolve(["addon_cycle_y"], available)


def test_dependents_include_indirect_ones():
    available = discover([TESTS_ADDONS.parents[1] / "addons", TESTS_ADDONS])
    assert set(dependents("base", ["base", "addon_b", "addon_a"], available)) == {"addon_b", "addon_a"}
