"""Hook classes may override the documented points of the record API, never its other private
methods: the registry refuses such an addon, naming its file and the method."""
from __future__ import annotations

import pytest

from core.addon.lifecycle import install
from core.exceptions import PrivateOverrideError
from core.records.environment import SUPERUSER_ID, Environment
from core.records.model import BaseModel
from core.records.override_points import OVERRIDE_POINTS, core_private_names


def test_an_addon_shadowing_a_private_method_is_refused(fresh_registry):
    registry = fresh_registry()
    with pytest.raises(PrivateOverrideError) as caught:
        install(registry, ["test_override_refused"])
    error = caught.value
    assert error.file.endswith("tests/addons/test_override_refused/models/test_override_item.py")
    assert error.line == 11
    assert "_prefetch_batch" in error.reason
    assert "test.override.item" in error.reason
    assert "_extra_rule_condition" in error.reason  # the way out is named
    with registry.cursor() as cr:
        module = Environment(cr, SUPERUSER_ID, {})["ir.module.module"].search(
            [("name", "=", "test_override_refused"), ("state", "=", "installed")])
        assert not module


def test_documented_override_points_change_searches_and_reads(fresh_registry):
    registry = install(fresh_registry(), ["test_override_point"])
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        notes = env["test.override.note"]
        plain = notes.create({"name": "plain"})
        draft = notes.create({"name": "draft", "draft": True})
        private = notes.create({"name": "private", "private": True})
        # the extra search domain applies to every search, also the superuser's
        assert notes.search([]) == plain | private
        assert notes.search_count([]) == 2
        assert notes.search([("draft", "=", True)]) == draft
        # the extra rule condition applies to users, not to the superuser
        admin = env(user=env.ref("base.user_admin").id, su=False)["test.override.note"]
        assert admin.search([]).ids == [plain.id]
        assert [row["id"] for row in admin.search_read([], ["name"])] == [plain.id]
        assert admin.browse(draft.id).name == "draft"
        with pytest.raises(Exception, match="record rule"):
            admin.browse(private.id).read(["name"])


def test_override_points_are_methods_of_base_model_and_not_refused():
    for name in OVERRIDE_POINTS:
        method = getattr(BaseModel, name)
        assert callable(method) and method.__doc__, name
    assert not set(OVERRIDE_POINTS) & core_private_names()
    assert "_fetch_columns" in core_private_names()
