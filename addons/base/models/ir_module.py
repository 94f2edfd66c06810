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
from core.addon.manifest import BrokenManifest
from core.exceptions import UserError

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


def _reset_pending(registry: Any, previous: dict[int, str], state: str) -> None:
    """Rows still marked ``state`` (the operation failed) get their state back."""
    from core.registry.registry import Registry

    with Registry.get(registry.url).environment() as env:
        for module in env["ir.module.module"].browse(list(previous)).exists():
            if module.state == state:
                module.write({"state": previous[module.id]})
