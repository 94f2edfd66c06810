"""What a database says about its installed addons before any model is built: their names, the
folders they were installed from, and which of them can be loaded from disk now.

The folders are remembered so that a database with an addon from outside the repository opens
without its path being given again; an installed addon whose folder is gone is left out (with the
addons that need it) instead of stopping the server, and can still be uninstalled.
"""
from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa

from core.addon.manifest import BrokenManifest, Manifest

_logger = logging.getLogger(__name__)


def installed_addons(conn: sa.Connection) -> list[str]:
    """Names of the addons installed in the database (none before base is)."""
    if not sa.inspect(conn).has_table("ir_module_module"):
        return []
    rows = conn.execute(sa.text("SELECT name FROM ir_module_module WHERE state = 'installed'"))
    return [row[0] for row in rows]


def recorded_paths(conn: sa.Connection) -> list[Path]:
    """The folders installed addons came from, as recorded at install or upgrade, that still exist."""
    inspector = sa.inspect(conn)
    if not inspector.has_table("ir_module_module"):
        return []
    if "addons_path" not in {column["name"] for column in inspector.get_columns("ir_module_module")}:
        return []
    rows = conn.execute(sa.text(
        "SELECT DISTINCT addons_path FROM ir_module_module WHERE state = 'installed' AND addons_path <> ''"))
    paths = [Path(row[0]) for row in rows if row[0]]
    return [path for path in paths if path.is_dir()]


def loadable(installed: list[str], available: dict[str, Manifest]) -> tuple[list[str], list[str]]:
    """(addons to load, installed addons left out): those missing from disk or unreadable, and those
    that depend on one of them."""
    usable = {name for name in installed
              if name in available and not isinstance(available[name], BrokenManifest)}
    changed = True
    while changed:
        changed = False
        for name in sorted(usable):
            if any(dep not in usable for dep in available[name].depends):
                usable.discard(name)
                changed = True
    missing = [name for name in installed if name not in usable]
    return [name for name in installed if name in usable], missing


def warn_missing(db_name: str, missing: list[str], searched: list[Path]) -> None:
    _logger.warning(
        "database %s: installed addons not found or not loadable: %s (searched %s); their models, views "
        "and menus are unavailable until their folder is back (give it with --addons-path) or they are "
        "uninstalled (erp uninstall)", db_name, ", ".join(missing), ", ".join(str(p) for p in searched))
