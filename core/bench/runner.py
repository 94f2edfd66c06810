"""The benchmark runner of ``erp bench``: scratch databases, timed scenarios, figures as ratios.

Every scenario measures on databases of its own, copied from templates built once per run, so no
scenario measures on what another one left behind:

- ``empty``: base and the suite's addons, no demo data (load, import and lead creation start here);
- ``demo``: the same with demo data, topped up to a hundred contacts (the size of database Odoo's
  published figures were taken on, so comparisons with Odoo 17 are like with like);
- ``sized``: ``empty`` plus ``--size`` contacts created through the record API (queries, RPC round
  trips and list pages at scale).

Scenarios register with ``@scenario(name)``; other layers add theirs through the ``erp.benchmarks``
entry points (the web client's page rendering, the RPC round trips), so the core imports none of them.
"""
from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from core.db.engine import copy_database, drop_database, normalize_url
from core.registry.registry import Registry

Scenario = Callable[["BenchContext"], dict[str, Any]]
SCENARIOS: dict[str, Scenario] = {}
KINDS = ("empty", "demo", "sized")
DEMO_PARTNERS = 100  # contacts of the demo database (Odoo's demo data has about this many)


class UnknownScenario(ValueError):
    """``--only`` named a scenario that does not exist."""


def scenario(name: str) -> Callable[[Scenario], Scenario]:
    def register(function: Scenario) -> Scenario:
        SCENARIOS[name] = function
        return function

    return register


def load_plugins() -> None:
    import core.bench.load
    import core.bench.record_api  # noqa: F401 - registers the record API scenario

    for entry in entry_points(group="erp.benchmarks"):
        entry.load()


def scratch_url(db_url: str, label: str = "bench") -> str:
    """A new database next to ``db_url`` (same server, or same folder for SQLite)."""
    parsed = normalize_url(db_url)
    token = f"{label}_{uuid.uuid4().hex[:8]}"
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "var/erp.sqlite").resolve()
        return f"sqlite:///{path.parent / f'{path.stem}_{token}.sqlite'}"
    return parsed.set(database=f"{parsed.database}_{token}").render_as_string(hide_password=False)


@dataclass
class BenchContext:
    """What a scenario gets: fresh databases of each kind, the size, and a progress callback.

    ``templates`` may name existing databases to copy instead of building them (tests pass theirs);
    those are never dropped.
    """

    base_url: str
    size: int
    progress: Callable[[str], None]
    addons: list[str] = field(default_factory=list)
    addons_path: Any = None
    keep: bool = False
    templates: dict[str, str] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    _built: list[str] = field(default_factory=list)

    @contextmanager
    def database(self, kind: str = "empty") -> Iterator[Registry]:
        """A fresh copy of the ``kind`` template, dropped when the block ends."""
        template = self.template(kind)
        url = scratch_url(self.base_url, kind)
        copy_database(template, url)
        try:
            yield Registry.get(url, addons_path=self.addons_path)
        finally:
            Registry.forget(url)
            if not self.keep:
                drop_database(url)

    def template(self, kind: str) -> str:
        """The URL of the ``kind`` template, built on first use."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of bench database {kind!r}: expected one of {', '.join(KINDS)}")
        if kind not in self.templates:
            from core.bench.fill import build_template

            url = scratch_url(self.base_url, f"tpl_{kind}")
            self._built.append(url)
            build_template(self, kind, url)
            Registry.forget(url)  # a template database must have no open connection to be copied
            self.templates[kind] = url
        return self.templates[kind]

    def close(self) -> None:
        """Drop the templates this context built."""
        for url in self._built:
            Registry.forget(url)
            if not self.keep:
                drop_database(url)
        self._built.clear()


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


def run(context: BenchContext, names: list[str] | None) -> dict[str, Any]:
    """Run the scenarios (all, or ``names``) and return their figures by scenario."""
    load_plugins()
    unknown = sorted(set(names or ()) - set(SCENARIOS))
    if unknown:
        raise UnknownScenario(f"unknown scenario(s) {', '.join(unknown)}: "
                              f"expected some of {', '.join(SCENARIOS)}")
    try:
        for name, function in SCENARIOS.items():
            if names and name not in names:
                continue
            context.progress(name)
            context.results[name] = function(context)
    finally:
        context.close()
    return context.results
