"""Benchmarks: the ``erp bench`` scenarios, run at a tiny size to prove they work (never timed)."""
from __future__ import annotations

from typing import Any


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers", "benchmark: runs the erp bench scenarios at a tiny size (no timing asserted)"
    )
