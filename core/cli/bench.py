"""``erp bench``: measure the record API (and the layers that plug in) on a scratch database."""
from __future__ import annotations

import json
import uuid

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names


def scratch_url(db_url: str) -> str:
    """A new database next to ``db_url`` (same server, or same folder for SQLite)."""
    from core.db.engine import normalize_url

    parsed = normalize_url(db_url)
    token = uuid.uuid4().hex[:8]
    if parsed.get_backend_name() == "sqlite":
        from pathlib import Path

        folder = Path(parsed.database or "var/erp.sqlite").resolve().parent
        return f"sqlite:///{folder / f'bench_{token}.sqlite'}"
    return parsed.set(database=f"{parsed.database}_bench_{token}").render_as_string(hide_password=False)


@click.command()
@db_option
@addons_path_option
@click.option("--size", default=100_000, show_default=True, help="Rows to create for the measurements.")
@click.option("--only", default="", help="Comma-separated scenarios to run (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--keep", is_flag=True, help="Keep the scratch database afterwards.")
@friendly_errors
def bench(db_url: str, addons_path: str | None, size: int, only: str, as_json: bool, keep: bool) -> None:
    """Create a scratch database beside --db, fill it with --size rows and print timings.

    Figures compare the record API with raw SQLAlchemy Core on the same database in the same run,
    so they stay meaningful on a busy machine.
    """
    from core.addon.lifecycle import init_database
    from core.bench.runner import run
    from core.db.engine import drop_database
    from core.registry.registry import Registry

    url = scratch_url(db_url)
    available = ["crm"] if _has_addon("crm", addons_path) else []
    registry = init_database(url, available, demo=False, addons_path=addons_path)
    try:
        results = run(registry, size, split_names(only), lambda label: click.echo(f"… {label}", err=True))
    finally:
        Registry.forget(url)
        if not keep:
            drop_database(url)
    results = {"database": registry.engine.dialect.name, "size": size, **results}
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        for name, figures in results.items():
            click.echo(f"{name}: {figures}")


def _has_addon(name: str, addons_path: str | None) -> bool:
    from core.addon.manifest import addons_paths, discover

    return name in discover(addons_paths(addons_path))
