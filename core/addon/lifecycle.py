"""Installing, upgrading and uninstalling addons: which addons, their data and their bookkeeping.

Each operation is an application of definitions (``core.addon.apply``): build the registry of the
addons that will be installed, migrate the schema to it, reflect it, load or remove data in one
transaction, and only then publish the new registry and signal the other processes to reload.
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa

from core.addon.apply import INSTALL_CONTEXT, AddonApplication, Progress
from core.addon.data import DataLoader
from core.addon.graph import dependents, resolve, with_auto_install
from core.addon.module_records import (
    call_hook,
    database_has_demo,
    record_module,
    remove_addon_records,
    remove_custom_fields_of,
    remove_stale_records,
)
from core.addon.xmlids import forget_cache
from core.db.statistics import analyze_filled_on_commit
from core.exceptions import AddonError
from core.i18n import _
from core.loader.catalogs import check_catalog_dirs
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

_logger = logging.getLogger(__name__)


class _Install(AddonApplication):
    def __init__(self, current: Registry, addons: list[str], new_addons: list[str], demo: bool | None,
                 allow_destructive: bool, progress: Progress | None) -> None:
        super().__init__(current, addons, f"install {', '.join(new_addons)}", allow_destructive, progress)
        self.new_addons, self.demo = new_addons, demo

    def prepare(self, fresh: Registry) -> None:
        check_catalog_dirs(fresh.manifests[name].path / "i18n" for name in self.new_addons)

    def schema_label(self) -> str:
        return f"schema: {', '.join(self.new_addons)}"

    def before_reflect(self, env: Environment, fresh: Registry) -> None:
        for name in self.new_addons:
            call_hook(fresh.manifests[name], "pre_init", env)

    def after_reflect(self, env: Environment, fresh: Registry) -> None:
        demo = self.demo
        if demo is None:
            demo = "base" not in self.new_addons and database_has_demo(env)
        for name in self.new_addons:
            manifest = fresh.manifests[name]
            if self.progress:
                self.progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="install")
            loader.load_files(manifest.data)
            if demo:
                loader.load_files(manifest.demo)
            record_module(env, manifest, "installed", demo=demo)
            call_hook(manifest, "post_init", env)
            forget_cache(env)
        analyze_filled_on_commit(env.cr, min_rows=1)  # a new database starts with real statistics


class _Upgrade(AddonApplication):
    def __init__(self, current: Registry, targets: list[str], allow_destructive: bool,
                 progress: Progress | None) -> None:
        super().__init__(current, list(current.addons), f"upgrade {', '.join(targets)}", allow_destructive,
                         progress)
        self.targets = targets

    def prepare(self, fresh: Registry) -> None:
        check_catalog_dirs(fresh.manifests[name].path / "i18n" for name in self.targets)

    def schema_label(self) -> str:
        return f"schema: {', '.join(self.targets)}"

    def after_reflect(self, env: Environment, fresh: Registry) -> None:
        demo = database_has_demo(env)
        for name in self.targets:
            manifest = fresh.manifests[name]
            if self.progress:
                self.progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="update")
            loader.load_files(manifest.data)
            if demo:
                loader.load_files(manifest.demo)
            remove_stale_records(env, name, loader.loaded)
            record_module(env, manifest, "installed")
            forget_cache(env)
        analyze_filled_on_commit(env.cr)


class _Uninstall(AddonApplication):
    """The addons' data goes first, with the registry that still knows them; then their tables."""

    def __init__(self, current: Registry, remaining: list[str], names: list[str],
                 progress: Progress | None) -> None:
        super().__init__(current, remaining, f"uninstall {', '.join(names)}", True, progress)
        self.names = names

    def tables_to_drop(self, fresh: Registry) -> set[str]:
        old = self.current
        removed_models = {model for model in old.models if model not in fresh.models}
        owned = {old.models[model]._table.name for model in removed_models if not old.models[model]._abstract}
        return owned | (set(old.relations) - set(fresh.relations))

    def prepare(self, fresh: Registry) -> None:
        old = self.current
        removed_models = {model for model in old.models if model not in fresh.models}
        with old.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, INSTALL_CONTEXT)
            for name in reversed([n for n in old.addons if n in self.names]):
                if self.progress:
                    self.progress(f"data: {name}")
                call_hook(old.manifests[name], "uninstall_hook", env)
                remove_addon_records(env, name)
                record_module(env, old.manifests[name], "uninstalled")
            remove_custom_fields_of(env, removed_models)


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
    return _Install(registry, wanted, new_addons, demo, allow_destructive, progress).run()


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
    return _Upgrade(registry, targets, allow_destructive, progress).run()


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
    return _Uninstall(registry, remaining, names, progress).run()


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
