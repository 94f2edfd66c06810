"""Uninstalling an addon whose folder is gone: what it owned is found from the database's own
description of itself (ir.model, ir.model.fields, external ids) instead of from its definitions, and
removed through the same apply pipeline as any uninstall."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from core.addon.apply import INSTALL_CONTEXT, AddonApplication, Progress
from core.addon.module_records import remove_addon_records, remove_custom_fields_of
from core.exceptions import AddonError
from core.i18n import _
from core.records.environment import SUPERUSER_ID, Environment

if TYPE_CHECKING:
    from core.registry.registry import Registry


def _owned(modules: str | None, names: set[str]) -> bool:
    return bool(names & {item.strip() for item in (modules or "").split(",") if item.strip()})


class _UninstallMissing(AddonApplication):
    """The records of the lost addons go first; then the tables of their models and many2many fields,
    and (the new registry not having them) the columns they added to other models."""

    def __init__(self, current: Registry, names: list[str], progress: Progress | None) -> None:
        super().__init__(current, list(current.addons), f"uninstall {', '.join(names)} (not found on disk)",
                         True, progress)
        self.names = names
        self.gone_models: set[str] = set()
        self.tables: set[str] = set()

    def prepare(self, fresh: Registry) -> None:
        wanted, old = set(self.names), self.current
        with old.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
            models = env["ir.model"].with_context(active_test=False).search_read([], ["model", "modules"])
            self.gone_models = {row["model"] for row in models
                                if row["model"] not in old.models and _owned(row["modules"], wanted)}
            fields = env["ir.model.fields"].with_context(active_test=False).search_read(
                [("ttype", "=", "many2many")], ["relation_table", "modules"])
            relations = {row["relation_table"] for row in fields if row["relation_table"]
                         and row["relation_table"] not in old.relations and _owned(row["modules"], wanted)}
            for name in self.names:
                if self.progress:
                    self.progress(f"data: {name}")
                remove_addon_records(env, name)
                env["ir.module.module"].sudo().search([("name", "=", name)]).write(
                    {"state": "uninstalled", "latest_version": False, "addons_path": ""})
            remove_custom_fields_of(env, self.gone_models)
        with old.engine.connect() as conn:
            existing = set(sa.inspect(conn).get_table_names())
        self.tables = ({model.replace(".", "_") for model in self.gone_models} | relations) & existing

    def tables_to_drop(self, fresh: Registry) -> set[str]:
        return self.tables


def uninstall_missing(registry: Registry, names: list[str], progress: Progress | None = None) -> Registry:
    """Remove ``names``, installed addons not found on disk: their records, tables and columns."""
    wanted = set(names)
    available = registry.available_addons()
    blockers = [other for other in registry.missing_addons if other not in wanted and other in available
                and wanted & set(available[other].depends)]
    if blockers:
        raise AddonError(_("Cannot uninstall %(addon)s: installed addons depend on it (%(blockers)s); "
                           "uninstall them first.", addon=", ".join(names), blockers=", ".join(blockers)))
    return _UninstallMissing(registry, names, progress).run()
