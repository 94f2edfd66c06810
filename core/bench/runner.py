"""The benchmark runner of ``erp bench``: a scratch database, timed scenarios, figures as ratios.

Scenarios register with ``@scenario(name)``; other layers add theirs through the ``erp.benchmarks``
entry points (the web client's page rendering, the RPC round trips), so the core imports none of them.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any

from core.registry.registry import Registry

Scenario = Callable[["BenchContext"], dict[str, Any]]
SCENARIOS: dict[str, Scenario] = {}


def scenario(name: str) -> Callable[[Scenario], Scenario]:
    def register(function: Scenario) -> Scenario:
        SCENARIOS[name] = function
        return function

    return register


def load_plugins() -> None:
    for entry in entry_points(group="erp.benchmarks"):
        entry.load()


@dataclass
class BenchContext:
    registry: Registry
    size: int
    progress: Callable[[str], None]
    results: dict[str, Any] = field(default_factory=dict)


def median_ms(function: Callable[[], Any], runs: int = 30, warmup: int = 3) -> float:
    """Median wall time of ``function`` in milliseconds."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 3)


@contextmanager
def timer() -> Iterator[dict[str, float]]:
    """``box["seconds"]`` (wall time) and ``box["cpu"]`` (this process's CPU time) of the block."""
    box: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield box
    finally:
        box["seconds"] = time.perf_counter() - start
        box["cpu"] = time.process_time() - cpu


def run(
    registry: Registry, size: int, names: list[str] | None, progress: Callable[[str], None]
) -> dict[str, Any]:
    import core.bench.load  # registers the load (import) scenario
    import core.bench.record_api  # noqa: F401 - registers the core scenarios

    load_plugins()
    context = BenchContext(registry, size, progress)
    for name, function in SCENARIOS.items():
        if names and name not in names:
            continue
        progress(name)
        context.results[name] = function(context)
    return context.results
