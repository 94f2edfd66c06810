"""Addons as records: the list of what can be installed, and the buttons that install, upgrade or
uninstall them (Odoo's ``button_immediate_*``), for administrators working from the web client or RPC.

Installing changes the schema, which on SQLite cannot happen while the request holds its write lock:
the buttons record the wish, and the work runs right after the request's transaction commits.
"""
from __future__ import annotations

import logging
from typing import Any

from core import _, model, public
from core.addon import lifecycle
from core.addon.graph import dependents, resolve
from core.addon.manifest import BrokenManifest
from core.exceptions import AddonError, UserError

_logger = logging.getLogger(__name__)
RELOAD = {"type": "ir.actions.client", "tag": "reload"}


@model("ir.module.module")
class IrModuleModule:
    @public
    def update_list(self) -> list[int]:
        """Rows for the addons found in the addons paths (new ones as not installed); [updated, added]."""
        self.check_access_rights("write")
        Module = self.sudo()
        existing = {module.name: module for module in Module.search([])}
        updated, added = 0, 0
        for name, manifest in sorted(self.env.registry.available_addons(self.env.cr.connection).items()):
            if isinstance(manifest, BrokenManifest):
                continue
            values = {"shortdesc": manifest.title, "summary": manifest.summary, "category": manifest.category,
                      "description": manifest.description, "author": manifest.author,
                      "license": manifest.license, "application": manifest.application,
                      "dependencies": ",".join(manifest.depends)}
            if name in existing:
                existing[name].write(values)
                updated += 1
            else:
                Module.create({**values, "name": name, "state": "uninstalled"})
                added += 1
        return [updated, added]

    @public
    def button_immediate_install(self) -> dict[str, Any]:
        """Install these addons (and what they need) once the current transaction commits."""
        return self._after_commit("install", "to install")

    @public
    def button_immediate_upgrade(self) -> dict[str, Any]:
        """Upgrade these installed addons once the current transaction commits."""
        return self._after_commit("upgrade", "to upgrade")

    @public
    def button_immediate_uninstall(self) -> dict[str, Any]:
        """Uninstall these addons once the current transaction commits."""
        return self._after_commit("uninstall", "to remove")

    def _after_commit(self, operation: str, state: str) -> dict[str, Any]:
        self.check_access_rights("write")
        modules = self.sudo().exists()
        names = modules.mapped("name")
        installed = operation == "install"
        wrong = [m.name for m in modules if (m.state == "installed") == installed]
        if wrong:
            raise UserError(_("Cannot %(operation)s %(addons)s: check their state.", operation=operation,
                              addons=", ".join(wrong)))
        self._check_operation(operation, names)
        previous = {module.id: module.state for module in modules}
        modules.write({"state": state})
        cr, registry = self.env.cr, self.env.registry

        def run() -> None:
            try:
                getattr(lifecycle, operation)(registry, names)
            finally:
                _reset_pending(registry, previous, state)

        cr.postcommit.append(run)
        return dict(RELOAD)


    def _check_operation(self, operation: str, names: list[str]) -> None:
        """Refuse at once, saying why, what the operation would refuse after the commit: an install whose
        dependencies are not found, an uninstall of an addon other installed addons need."""
        registry = self.env.registry
        available = registry.available_addons(self.env.cr.connection)
        installed = list(registry.addons)
        if operation == "install":
            for name in names:
                missing = _missing_dependencies(name, available)
                if missing:
                    raise AddonError(_("Cannot install %(addon)s: it needs %(missing)s, which cannot be "
                                       "found in the addons paths.", addon=name, missing=", ".join(missing)))
            # a dependency cycle or a broken manifest is refused here too
            resolve(list(dict.fromkeys(installed + names)), available)
        elif operation == "uninstall":
            for name in names:
                if name == "base":
                    raise AddonError(_("The base addon cannot be uninstalled."))
                blockers = [d for d in dependents(name, installed, available) if d not in names]
                if blockers:
                    raise AddonError(_("Cannot uninstall %(addon)s: installed addons depend on it "
                                       "(%(blockers)s); uninstall them first.", addon=name,
                                       blockers=", ".join(blockers)))


def _missing_dependencies(name: str, available: dict[str, Any]) -> list[str]:
    """Addons that ``name`` needs, directly or not, and that no addons path holds."""
    missing: list[str] = []
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        manifest = available.get(current)
        if manifest is None:
            missing.append(current)
            continue
        pending.extend(getattr(manifest, "depends", None) or [])
    return [addon for addon in missing if addon != name] or ([name] if name in missing else [])


def _reset_pending(registry: Any, previous: dict[int, str], state: str) -> None:
    """Rows still marked ``state`` (the operation failed) get their state back."""
    from core.registry.registry import Registry

    with Registry.get(registry.url).environment() as env:
        for module in env["ir.module.module"].browse(list(previous)).exists():
            if module.state == state:
                module.write({"state": previous[module.id]})


@model("base.module.update")
class BaseModuleUpdate:
    @public
    def update_module(self) -> dict[str, Any]:
        """List the addons found in the addons paths (Apps › Update Apps List)."""
        updated, added = self.env["ir.module.module"].update_list()
        self.write({"updated": updated, "added": added})
        apps = self.env.ref("base.open_module_tree")
        return {"type": "ir.actions.act_window", "id": apps.id, "res_model": "ir.module.module",
                "view_mode": "kanban,list,form"}
