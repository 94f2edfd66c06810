"""What an addon leaves in the database besides tables: its ir.module.module row, the records its
data files created (by external id), and the hooks it declares."""
from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from core.addon.manifest import DEFAULT_ADDONS_PATH
from core.exceptions import ErpError

if TYPE_CHECKING:
    from core.addon.manifest import Manifest
    from core.records.environment import Environment

_logger = logging.getLogger(__name__)
# rows that describe the registry itself: kept in step by reflection, not by data files
REFLECTED = ("ir.model", "ir.model.fields")


def call_hook(manifest: Manifest, name: str, env: Environment) -> None:
    """Run ``name`` (pre_init, post_init, uninstall_hook) of the addon's ``hooks.py``, if it has one."""
    try:
        module = importlib.import_module(f"addons.{manifest.name}.hooks")
    except ModuleNotFoundError as error:
        if error.name == f"addons.{manifest.name}.hooks":
            return
        raise
    hook = getattr(module, name, None)
    if hook is not None:
        hook(env)


def record_module(env: Environment, manifest: Manifest, state: str, demo: bool | None = None) -> None:
    """Create or update the ir.module.module row of an addon."""
    Module = env["ir.module.module"].sudo()
    values: dict[str, Any] = {
        "name": manifest.name, "shortdesc": manifest.title, "summary": manifest.summary,
        "description": manifest.description, "category": manifest.category, "author": manifest.author,
        "license": manifest.license, "latest_version": manifest.version if state == "installed" else False,
        "application": manifest.application, "dependencies": ",".join(manifest.depends), "state": state,
    }
    if demo is not None:
        values["demo"] = demo
    if state == "installed" and "addons_path" in Module._fields:
        folder = manifest.path.resolve().parent
        values["addons_path"] = "" if folder == DEFAULT_ADDONS_PATH.resolve() else str(folder)
    existing = Module.search([("name", "=", manifest.name)])
    if existing:
        existing.write(values)
    else:
        Module.create(values)


def database_has_demo(env: Environment) -> bool:
    """Whether the database was created with demo data (base's flag)."""
    base = env["ir.module.module"].sudo().search([("name", "=", "base")], limit=1)
    return bool(base.demo)


def remove_stale_records(env: Environment, module: str, loaded: set[tuple[str, str]]) -> None:
    """Records an addon's data files no longer define are deleted on upgrade (noupdate ones are the
    users' now and stay); one still in use is kept, without its external id."""
    Data = env["ir.model.data"].sudo()
    stale = Data.search([("module", "=", module), ("noupdate", "=", False),
                         ("model", "not in", list(REFLECTED))], order="id desc")
    for entry in stale:
        if (entry.module, entry.name) in loaded:
            continue
        _delete_record(env, entry)


def remove_addon_records(env: Environment, module: str) -> None:
    """Delete what the data files of ``module`` created (newest first) and its external ids."""
    Data = env["ir.model.data"].sudo()
    entries = Data.search([("module", "=", module), ("model", "not in", list(REFLECTED))], order="id desc")
    for entry in entries:
        _delete_record(env, entry)
    Data.search([("module", "=", module)]).unlink()


def _delete_record(env: Environment, entry: Any) -> None:
    model, res_id, xml_id = entry.model, entry.res_id, f"{entry.module}.{entry.name}"
    if model in env.registry.models:
        record = env[model].sudo().with_context(active_test=False).browse(res_id).exists()
        if record:
            try:
                with env.cr.savepoint():
                    record.unlink()
            except ErpError as error:
                _logger.warning("record %s (%s,%s) is still in use and is kept: %s", xml_id, model, res_id,
                                error)
    entry.exists().unlink()


def remove_custom_fields_of(env: Environment, models: set[str]) -> None:
    """Custom fields on, or pointing at, models that go away go with them."""
    if not models:
        return
    Fields = env["ir.model.fields"].sudo().with_context(install_mode=True)
    Fields.search([("state", "=", "manual"), "|", ("model", "in", sorted(models)),
                   ("relation", "in", sorted(models))]).unlink()
