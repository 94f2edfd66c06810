"""Uninstalling an addon whose folder is gone: what it owned is found from the database's own
description of itself (ir.model, ir.model.fields, external ids) instead of from its definitions."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from core.addon.records import remove_addon_records, remove_custom_fields_of
from core.addon.reflect import reflect_models
from core.exceptions import AddonError
from core.i18n import _
from core.records.environment import SUPERUSER_ID, Environment
from core.schema.apply import sync_schema

if TYPE_CHECKING:
    from core.registry.registry import Registry



def _owned(modules: str | None, names: set[str]) -> bool:
    return bool(names & {item.strip() for item in (modules or "").split(",") if item.strip()})


def uninstall_missing(registry: Registry, names: list[str],
                      progress: Callable[[str], None] | None = None) -> Registry:
    """Remove ``names``, installed addons not found on disk: their records, tables and columns."""
    from core.addon.lifecycle import INSTALL_CONTEXT
    from core.registry.registry import Registry

    wanted = set(names)
    available = registry.available_addons()
    blockers = [other for other in registry.missing_addons if other not in wanted and other in available
                and wanted & set(available[other].depends)]
    if blockers:
        raise AddonError(_("Cannot uninstall %(addon)s: installed addons depend on it (%(blockers)s); "
                           "uninstall them first.", addon=", ".join(names), blockers=", ".join(blockers)))
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
        models = env["ir.model"].with_context(active_test=False).search_read([], ["model", "modules"])
        gone_models = {row["model"] for row in models
                       if row["model"] not in registry.models and _owned(row["modules"], wanted)}
        fields = env["ir.model.fields"].with_context(active_test=False).search_read(
            [("ttype", "=", "many2many")], ["relation_table", "modules"])
        relations = {row["relation_table"] for row in fields
                     if row["relation_table"] and row["relation_table"] not in registry.relations
                     and _owned(row["modules"], wanted)}
        for name in names:
            if progress:
                progress(f"data: {name}")
            remove_addon_records(env, name)
            env["ir.module.module"].sudo().search([("name", "=", name)]).write(
                {"state": "uninstalled", "latest_version": False, "addons_path": ""})
        remove_custom_fields_of(env, gone_models)
    with registry.engine.connect() as conn:
        existing = set(sa.inspect(conn).get_table_names())
    tables = {model.replace(".", "_") for model in gone_models} | relations
    if progress:
        progress("schema")
    fresh = Registry(registry.url, engine=registry.engine, addons_path=registry.addons_path)
    fresh.load_installed()
    sync_schema(fresh, allow_destructive=True, drop_tables=tables & existing,
                reason=f"uninstall {', '.join(names)} (not found on disk)")
    with fresh.cursor() as cr:
        reflect_models(Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT))
        fresh.signal_changes(cr, registry=True)
    fresh.registry_version, fresh.cache_version = fresh.read_signals()
    Registry.replace(fresh)
    return fresh
