"""Install, upgrade, uninstall and live custom changes all apply definitions through one pipeline
(``core.addon.apply``): built registry, migrated schema, reflected rows, published registry."""
from __future__ import annotations

import sqlalchemy as sa

from core.addon import apply
from core.addon.lifecycle import install, uninstall, upgrade
from core.registry.registry import Registry


def test_every_change_of_definitions_runs_the_apply_pipeline(fresh_registry, monkeypatch):
    runs: list[tuple[str, list[str]]] = []
    reflected: list[set[str] | None] = []
    run, reflect = apply.Application.run, apply.reflect_models

    def recording_run(self):
        runs.append((type(self).__name__, list(self.addons)))
        return run(self)

    def recording_reflect(env, only=None):
        reflected.append(only)
        return reflect(env, only=only)

    monkeypatch.setattr(apply.Application, "run", recording_run)
    monkeypatch.setattr(apply, "reflect_models", recording_reflect)
    registry = install(fresh_registry(), ["addon_b"])
    registry = upgrade(registry, ["addon_b"])
    with registry.environment(uid=2) as env:
        env["ir.model.fields"].create({"name": "x_pipeline", "model": "res.partner", "ttype": "char"})
    registry = Registry.get(registry.url)
    registry = uninstall(registry, ["addon_b"])
    assert [name for name, _addons in runs] == ["_Install", "_Upgrade", "LiveApplication", "_Uninstall"]
    assert "addon_b" in runs[0][1] and "addon_b" not in runs[3][1]
    # addon operations reflect every model; a custom change only the models it touched
    assert reflected == [None, None, {"res.partner"}, None]
    assert Registry.get(registry.url) is registry
    assert "x_pipeline" in registry.models["res.partner"]._fields
    columns = {c["name"] for c in sa.inspect(registry.engine).get_columns("res_partner")}
    assert "x_pipeline" in columns
