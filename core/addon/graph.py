"""Dependency order of addons, with clear errors for missing addons and cycles."""
from __future__ import annotations

from core.addon.manifest import BrokenManifest, Manifest
from core.exceptions import AddonError
from core.i18n import _


def resolve(names: list[str], available: dict[str, Manifest]) -> list[str]:
    """``names`` and all their dependencies, each after what it depends on."""
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "visiting":
            cycle = chain[chain.index(name):] + [name]
            raise AddonError(_("Addon dependency cycle: %(cycle)s", cycle=" -> ".join(cycle)))
        manifest = available.get(name)
        if manifest is None:
            searched = ", ".join(sorted({str(m.path.parent) for m in available.values()})) or "-"
            if chain:
                raise AddonError(_("Addon %(addon)r not found (required by %(by)s); searched: %(paths)s",
                                   addon=name, by=chain[-1], paths=searched))
            raise AddonError(_("Addon %(addon)r not found; searched: %(paths)s", addon=name, paths=searched))
        if isinstance(manifest, BrokenManifest) and manifest.error is not None:
            raise manifest.error
        state[name] = "visiting"
        for dependency in manifest.depends:
            visit(dependency, chain + [name])
        state[name] = "done"
        order.append(name)

    for name in names:
        visit(name, [])
    return order


def with_auto_install(installed: list[str], available: dict[str, Manifest]) -> list[str]:
    """Add addons marked auto_install whose dependencies are all present."""
    result = list(installed)
    changed = True
    while changed:
        changed = False
        for name, manifest in sorted(available.items()):
            if manifest.auto_install and name not in result and manifest.depends and \
                    all(dep in result for dep in manifest.depends):
                result.append(name)
                changed = True
    return resolve(result, available)


def dependents(name: str, installed: list[str], available: dict[str, Manifest]) -> list[str]:
    """Installed addons that depend on ``name``, directly or not."""
    result: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        for other in installed:
            manifest = available.get(other)
            if manifest and current in manifest.depends and other not in result:
                result.append(other)
                pending.append(other)
    return result
