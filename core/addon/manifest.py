"""Addon discovery and manifests (``addons/<name>/manifest.yaml``)."""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.exceptions import AddonError, MetadataError
from core.i18n import _
from core.loader.validate import validate_document
from core.loader.yaml_source import load_yaml_file

_logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ADDON_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_ADDONS_PATH = PROJECT_ROOT / "addons"
MANIFEST = "manifest.yaml"


@dataclass
class Manifest:
    name: str  # technical name: the folder's name
    path: Path
    title: str
    version: str
    summary: str = ""
    description: str = ""
    category: str = "Uncategorized"
    license: str = "LGPL-3"
    depends: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    demo: list[str] = field(default_factory=list)
    application: bool = False
    auto_install: bool = False
    sequence: int = 100
    author: str = ""

    @property
    def model_files(self) -> list[Path]:
        return sorted((self.path / "models").glob("*.yaml")) if (self.path / "models").is_dir() else []

    @property
    def hook_modules(self) -> list[str]:
        folder = self.path / "models"
        if not folder.is_dir():
            return []
        return [f"addons.{self.name}.models.{p.stem}" for p in sorted(folder.glob("*.py"))
                if p.stem != "__init__"]


@dataclass
class BrokenManifest(Manifest):
    """An addon whose manifest cannot be read: ignored until someone asks for it, then its error."""

    error: Exception | None = None


def addons_paths(extra: list[str] | str | None = None) -> list[Path]:
    """The folders searched for addons: the project's, then ERP_ADDONS_PATH, then ``extra``."""
    paths = [DEFAULT_ADDONS_PATH]
    for source in (os.environ.get("ERP_ADDONS_PATH", ""), extra):
        if not source:
            continue
        items = source.split(",") if isinstance(source, str) else list(source)
        for item in items:
            if str(item).strip():
                path = Path(str(item).strip()).resolve()
                if path not in paths:
                    paths.append(path)
    return paths


def load_manifest(folder: Path) -> Manifest:
    """The manifest of the addon in ``folder``; MetadataError (file:line) when it is not valid."""
    if not ADDON_NAME.match(folder.name):
        raise MetadataError(str(folder / MANIFEST), None,
                            f"invalid addon folder name '{folder.name}': use lowercase letters, digits and "
                            "underscores, starting with a letter")
    document = load_yaml_file(folder / MANIFEST)
    if not isinstance(document, dict):
        raise MetadataError(str(folder / MANIFEST), 1, "a manifest is a mapping of keys to values")
    validate_document(document, "manifest")
    values: dict[str, Any] = dict(document)
    title = values.pop("name")
    values.pop("icon", None)
    values.pop("website", None)
    return Manifest(name=folder.name, path=folder, title=title, **values)


def discover(paths: list[Path]) -> dict[str, Manifest]:
    """Every addon found in ``paths`` (the first folder wins when two have the same name)."""
    found: dict[str, Manifest] = {}
    for path in paths:
        if not path.is_dir():
            raise AddonError(_("Addons path %(path)s does not exist", path=str(path)))
        for folder in sorted(path.iterdir()):
            if folder.name in found or not (folder / MANIFEST).is_file():
                continue
            try:
                found[folder.name] = load_manifest(folder)
            except MetadataError as error:
                # one broken addon must not stop the others; asking for it gives its error
                _logger.warning("addon %s skipped: %s", folder.name, error)
                found[folder.name] = BrokenManifest(name=folder.name, path=folder, title=folder.name,
                                                    version="0", error=error)
    return found
