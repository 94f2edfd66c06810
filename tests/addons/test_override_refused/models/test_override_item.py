"""A hook class shadowing ``_prefetch_batch``, a private method of the record API."""
from __future__ import annotations

from typing import Any

from core import model


@model("test.override.item")
class TestOverrideItem:
    def _prefetch_batch(self, field: Any, record_id: Any) -> list[Any]:
        return [record_id]
