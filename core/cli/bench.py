"""``erp bench``: measure the record API (and the layers that plug in) on scratch databases."""
from __future__ import annotations

import json

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names


@click.command()
@db_option
@addons_path_option
@click.option("--size", default=100_000, show_default=True, help="Rows the measurements run against.")
@click.option("--only", default="", help="Comma-separated scenarios to run (default: all).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--keep", is_flag=True, help="Keep the scratch databases afterwards.")
@friendly_errors
def bench(db_url: str, addons_path: str | None, size: int, only: str, as_json: bool, keep: bool) -> None:
    """Create scratch databases beside --db, fill them with --size rows and print timings.

    Each scenario runs on fresh copies of template databases (empty, demo-sized, and --size contacts),
    never on what another scenario left. Figures compare the record API with raw SQLAlchemy Core in the
    same run on the same kind of database, and with Odoo 17's published figures on a demo-sized
    database, so they stay meaningful on a busy machine.
    """
    from core.bench.runner import BenchContext, UnknownScenario, run

    if size < 1:
        raise click.BadParameter("must be at least 1", param_hint="--size")
    addons = ["crm"] if _has_addon("crm", addons_path) else []
    context = BenchContext(db_url, size, lambda label: click.echo(f"… {label}", err=True), addons=addons,
                           addons_path=addons_path, keep=keep)
    try:
        results = run(context, split_names(only))
    except UnknownScenario as error:
        raise click.BadParameter(str(error), param_hint="--only") from None
    from core.db.engine import normalize_url

    results = {"database": normalize_url(db_url).get_backend_name(), "size": size, **results}
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        for name, figures in results.items():
            click.echo(f"{name}: {figures}")


def _has_addon(name: str, addons_path: str | None) -> bool:
    from core.addon.manifest import addons_paths, discover

    return name in discover(addons_paths(addons_path))
