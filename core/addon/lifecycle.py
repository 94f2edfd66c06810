"""Installing, upgrading and uninstalling addons: definitions, schema, data, bookkeeping.

Each operation builds the registry of the addons that will be installed, migrates the schema to
it (alembic compare → plan → apply, destructive changes refused unless allowed), loads or
removes data in one transaction, and only then publishes the new registry and signals the
other processes to reload.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from core.addon.data import DataLoader
from core.addon.graph import dependents, resolve, with_auto_install
from core.addon.records import (
    call_hook,
    database_has_demo,
    record_module,
    remove_addon_records,
    remove_custom_fields_of,
    remove_stale_records,
)
from core.addon.reflect import reflect_models
from core.addon.xmlids import forget_cache
from core.exceptions import AddonError
from core.i18n import _
from core.loader.catalogs import check_catalog_dirs
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from core.schema.apply import sync_schema

_logger = logging.getLogger(__name__)
Progress = Callable[[str], None]
INSTALL_CONTEXT = {"lang": "en_US", "install_mode": True, "tracking_disable": True}


def _new_registry(registry: Registry, addons: list[str]) -> Registry:
    fresh = Registry(registry.url, engine=registry.engine, addons_path=registry.addons_path)
    fresh.build(addons)
    return fresh


def _publish(fresh: Registry) -> Registry:
    fresh.registry_version, fresh.cache_version = fresh.read_signals()
    Registry.replace(fresh)
    return fresh


def install(registry: Registry, names: list[str], demo: bool | None = None, allow_destructive: bool = False,
            progress: Progress | None = None) -> Registry:
    """Install ``names`` and what they depend on; the new registry (the old one is left untouched).

    ``demo`` None loads demo data when the database has it (base was installed with demo data).
    """
    available = registry.available_addons()
    installed = list(registry.addons)
    wanted = resolve(list(dict.fromkeys(installed + list(names))), available)
    if "base" in available and "base" not in wanted:
        wanted = resolve(["base"] + wanted, available)
    wanted = with_auto_install(wanted, available)
    new_addons = [name for name in wanted if name not in installed]
    if not new_addons:
        return registry
    fresh = _new_registry(registry, wanted)
    check_catalog_dirs(fresh.manifests[name].path / "i18n" for name in new_addons)
    if progress:
        progress(f"schema: {', '.join(new_addons)}")
    sync_schema(fresh, allow_destructive=allow_destructive, reason=f"install {', '.join(new_addons)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
        for name in new_addons:
            call_hook(fresh.manifests[name], "pre_init", env)
        reflect_models(env)
        if demo is None:
            demo = "base" not in new_addons and database_has_demo(env)
        for name in new_addons:
            manifest = fresh.manifests[name]
            if progress:
                progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="install")
            loader.load_files(manifest.data)
            if demo:
                loader.load_files(manifest.demo)
            record_module(env, manifest, "installed", demo=demo)
            call_hook(manifest, "post_init", env)
            forget_cache(env)
        fresh.signal_changes(cr, registry=True)
    return _publish(fresh)


def upgrade(registry: Registry, names: list[str], allow_destructive: bool = False,
            progress: Progress | None = None) -> Registry:
    """Re-read definitions and data of ``names`` (and of the addons depending on them), migrate the
    schema; dependencies an upgraded manifest added are installed first."""
    installed = list(registry.addons)
    missing = [name for name in names if name not in installed]
    if missing:
        raise AddonError(_("Cannot upgrade %(addons)s: not installed.", addons=", ".join(missing)))
    available = registry.available_addons()
    new_dependencies = [name for name in resolve(installed, available) if name not in installed]
    if new_dependencies:
        registry = install(registry, new_dependencies, allow_destructive=allow_destructive, progress=progress)
        installed = list(registry.addons)
    below = [d for n in names for d in dependents(n, installed, available)]
    targets = list(dict.fromkeys(list(names) + below))
    targets = [name for name in installed if name in targets]
    fresh = _new_registry(registry, installed)
    check_catalog_dirs(fresh.manifests[name].path / "i18n" for name in targets)
    if progress:
        progress(f"schema: {', '.join(targets)}")
    sync_schema(fresh, allow_destructive=allow_destructive, reason=f"upgrade {', '.join(targets)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
        reflect_models(env)
        demo = database_has_demo(env)
        for name in targets:
            manifest = fresh.manifests[name]
            if progress:
                progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="update")
            loader.load_files(manifest.data)
            if demo:
                loader.load_files(manifest.demo)
            remove_stale_records(env, name, loader.loaded)
            record_module(env, manifest, "installed")
            forget_cache(env)
        fresh.signal_changes(cr, registry=True)
    return _publish(fresh)


def uninstall(registry: Registry, names: list[str], progress: Progress | None = None) -> Registry:
    """Remove ``names``: their data, views, menus, then their tables and columns.

    Refused while another installed addon depends on one of them (uninstall it too, or first). An
    installed addon whose folder is gone can be uninstalled too: see ``core.addon.missing``.
    """
    lost = [name for name in names if name in registry.missing_addons]
    if lost:
        from core.addon.missing import uninstall_missing

        registry = uninstall_missing(registry, lost, progress)
        names = [name for name in names if name not in lost]
        if not names:
            return registry
    installed = list(registry.addons)
    available = registry.available_addons()
    for name in names:
        if name not in installed:
            raise AddonError(_("Cannot uninstall %(addon)s: not installed.", addon=name))
        if name == "base":
            raise AddonError(_("The base addon cannot be uninstalled."))
        blockers = [d for d in dependents(name, installed, available) if d not in names]
        if blockers:
            raise AddonError(_("Cannot uninstall %(addon)s: installed addons depend on it (%(blockers)s); "
                               "uninstall them first.", addon=name, blockers=", ".join(blockers)))
    remaining = [name for name in installed if name not in names]
    fresh = _new_registry(registry, remaining)
    removed_models = {model for model, cls in registry.models.items() if model not in fresh.models}
    owned_tables = {registry.models[model]._table.name for model in removed_models
                    if not registry.models[model]._abstract}
    owned_tables |= set(registry.relations) - set(fresh.relations)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
        for name in reversed([n for n in installed if n in names]):
            if progress:
                progress(f"data: {name}")
            call_hook(registry.manifests[name], "uninstall_hook", env)
            remove_addon_records(env, name)
            record_module(env, registry.manifests[name], "uninstalled")
        remove_custom_fields_of(env, removed_models)
    if progress:
        progress("schema")
    sync_schema(fresh, allow_destructive=True, drop_tables=owned_tables,
                reason=f"uninstall {', '.join(names)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
        reflect_models(env)
        fresh.signal_changes(cr, registry=True)
    return _publish(fresh)


def init_database(url: str, addons: list[str], demo: bool = False, admin_password: str | None = None,
                  addons_path: Any = None, progress: Progress | None = None) -> Registry:
    """Create a database with base and ``addons`` installed (and demo data when asked)."""
    from core.db.engine import create_database

    create_database(url)
    registry = Registry(url, addons_path=addons_path)
    with registry.engine.connect() as conn:
        if sa.inspect(conn).has_table("ir_module_module"):
            raise AddonError(_("Database %(db)s is already initialised.", db=registry.db_name))
    registry.build([])
    registry = install(registry, ["base"] + [a for a in addons if a != "base"], demo=demo, progress=progress)
    if admin_password:
        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin", raise_if_not_found=False)
            if admin is not None:
                admin.write({"password": admin_password})
    return registry
