"""The engine of the suite: metadata, registry, record API, schema sync, addons, security."""
from __future__ import annotations

from core.hooks import model, public
from core.i18n import _

__all__ = ["_", "model", "public"]
