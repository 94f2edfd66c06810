"""The engine of the suite: metadata, registry, record API, schema sync, addons, security."""
from __future__ import annotations

from core.i18n import _
from core.model_hooks import model, public

__all__ = ["_", "model", "public"]
