"""Installing, upgrading and uninstalling addons: definitions, schema, data, bookkeeping."""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.addon.data import DataLoader
from core.addon.graph import dependents, resolve, with_auto_install
from core.addon.reflect import reflect_models
from core.addon.xmlids import forget_cache
from core.exceptions import AddonError
from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry
from core.schema.apply import sync_schema

if TYPE_CHECKING:
    from core.addon.manifest import Manifest

_logger = logging.getLogger(__name__)
Progress = Callable[[str], None]


def _call_hook(manifest: Manifest, name: str, env: Environment) -> None:
    try:
        module = importlib.import_module(f"addons.{manifest.name}.hooks")
    except ModuleNotFoundError as error:
        if error.name in (f"addons.{manifest.name}.hooks",):
            return
        raise
    hook = getattr(module, name, None)
    if hook is not None:
        hook(env)


def _new_registry(registry: Registry, addons: list[str]) -> Registry:
    fresh = Registry(registry.url, engine=registry.engine, addons_path=registry.addons_path)
    fresh.build(addons)
    return fresh


def _record_module(env: Environment, manifest: Manifest, state: str, demo: bool | None = None) -> None:
    Module = env["ir.module.module"].sudo()
    values: dict[str, Any] = {
        "name": manifest.name, "shortdesc": manifest.title, "summary": manifest.summary,
        "description": manifest.description, "category": manifest.category, "author": manifest.author,
        "license": manifest.license, "latest_version": manifest.version if state == "installed" else False,
        "application": manifest.application, "dependencies": ",".join(manifest.depends), "state": state,
    }
    if demo is not None:
        values["demo"] = demo
    existing = Module.search([("name", "=", manifest.name)])
    if existing:
        existing.write(values)
    else:
        Module.create(values)


def install(registry: Registry, names: list[str], demo: bool = False, allow_destructive: bool = False,
            progress: Progress | None = None) -> Registry:
    """Install ``names`` and what they depend on; the new registry (the old one is left untouched)."""
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
    if progress:
        progress(f"schema: {', '.join(new_addons)}")
    sync_schema(fresh, allow_destructive=allow_destructive, reason=f"install {', '.join(new_addons)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", "active_test": True, "install_mode": True})
        for name in new_addons:
            _call_hook(fresh.manifests[name], "pre_init", env)
        reflect_models(env)
        for name in new_addons:
            manifest = fresh.manifests[name]
            if progress:
                progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="install")
            loader.load_files(manifest.data)
            if demo:
                loader.load_files(manifest.demo)
            _record_module(env, manifest, "installed", demo=demo)
            _call_hook(manifest, "post_init", env)
            forget_cache(env)
        fresh.signal_changes(cr, registry=True)
    fresh.registry_version, fresh.cache_version = fresh.read_signals()
    Registry.replace(fresh)
    return fresh


def upgrade(registry: Registry, names: list[str], allow_destructive: bool = False,
            progress: Progress | None = None) -> Registry:
    """Re-read definitions and data of ``names`` (and of addons depending on them), migrate the schema."""
    installed = list(registry.addons)
    missing = [name for name in names if name not in installed]
    if missing:
        raise AddonError(f"Cannot upgrade {', '.join(missing)}: not installed")
    available = registry.available_addons()
    targets = list(dict.fromkeys(list(names) + [d for n in names for d in dependents(n, installed, available)]))
    targets = [name for name in installed if name in targets]
    fresh = _new_registry(registry, installed)
    sync_schema(fresh, allow_destructive=allow_destructive, reason=f"upgrade {', '.join(targets)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", "install_mode": True})
        reflect_models(env)
        demo_of = dict(env["ir.module.module"].sudo().search([]).mapped(lambda m: (m.name, m.demo)))
        for name in targets:
            manifest = fresh.manifests[name]
            if progress:
                progress(f"data: {name}")
            loader = DataLoader(env, manifest, mode="update")
            loader.load_files(manifest.data)
            if demo_of.get(name):
                loader.load_files(manifest.demo)
            _remove_stale_records(env, name, loader.loaded)
            _record_module(env, manifest, "installed")
            forget_cache(env)
        fresh.signal_changes(cr, registry=True)
    fresh.registry_version, fresh.cache_version = fresh.read_signals()
    Registry.replace(fresh)
    return fresh


def _remove_stale_records(env: Environment, module: str, loaded: set[tuple[str, str]]) -> None:
    """Records an addon's data no longer defines (and users may not have adopted) are removed."""
    Data = env["ir.model.data"].sudo()
    stale = Data.search([("module", "=", module), ("noupdate", "=", False),
                         ("model", "not in", ["ir.model", "ir.model.fields"])])
    for entry in stale.sorted(key=lambda e: -e.id):
        if (entry.module, entry.name) in loaded:
            continue
        if entry.model in env.registry.models:
            env[entry.model].sudo().browse(entry.res_id).exists().unlink()
        entry.exists().unlink()


def uninstall(registry: Registry, names: list[str], progress: Progress | None = None) -> Registry:
    """Remove ``names``: their data, views, menus, then their tables and columns."""
    installed = list(registry.addons)
    available = registry.available_addons()
    for name in names:
        if name not in installed:
            raise AddonError(f"Cannot uninstall {name}: not installed")
        if name == "base":
            raise AddonError("The base addon cannot be uninstalled")
        blockers = [d for d in dependents(name, installed, available) if d not in names]
        if blockers:
            raise AddonError(f"Cannot uninstall {name}: installed addons depend on it ({', '.join(blockers)}); "
                             "uninstall them first")
    remaining = [name for name in installed if name not in names]
    fresh = _new_registry(registry, remaining)
    owned_tables = {cls._table.name for model, cls in registry.models.items()
                    if not cls._abstract and model not in fresh.models}
    owned_tables |= set(registry.relations) - set(fresh.relations)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        for name in reversed([n for n in installed if n in names]):
            if progress:
                progress(f"data: {name}")
            _call_hook(registry.manifests[name], "uninstall_hook", env)
            _remove_data(env, name)
            _record_module(env, registry.manifests[name], "uninstalled")
    if progress:
        progress("schema")
    sync_schema(fresh, allow_destructive=True, drop_tables=owned_tables, reason=f"uninstall {', '.join(names)}")
    with fresh.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        reflect_models(env)
        fresh.signal_changes(cr, registry=True)
    fresh.registry_version, fresh.cache_version = fresh.read_signals()
    Registry.replace(fresh)
    return fresh


def _remove_data(env: Environment, module: str) -> None:
    Data = env["ir.model.data"].sudo()
    entries = Data.search([("module", "=", module)], order="id desc")
    for entry in entries:
        if entry.model in ("ir.model", "ir.model.fields"):
            continue
        if entry.model in env.registry.models:
            record = env[entry.model].sudo().with_context(active_test=False).browse(entry.res_id).exists()
            if record:
                record.unlink()
    entries.exists().unlink()


def init_database(url: str, addons: list[str], demo: bool = False, admin_password: str | None = None,
                  addons_path: Any = None, progress: Progress | None = None) -> Registry:
    """Create a database with base and ``addons`` installed (and demo data when asked)."""
    from core.db.engine import create_database

    create_database(url)
    registry = Registry(url, addons_path=addons_path)
    with registry.engine.connect() as conn:
        if sa.inspect(conn).has_table("ir_module_module"):
            raise AddonError(f"Database {registry.db_name} is already initialised")
    registry.build([])
    registry = install(registry, ["base"] + [a for a in addons if a != "base"], demo=demo, progress=progress)
    if admin_password:
        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin", raise_if_not_found=False)
            if admin is not None:
                admin.write({"password": admin_password})
    return registry
