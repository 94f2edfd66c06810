"""``erp cron``: run the scheduled actions of a database (once, or every minute)."""
from __future__ import annotations

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command()
@db_option
@addons_path_option
@click.option("--once", is_flag=True, help="Run the due jobs once and exit.")
@click.option("--interval", default=60.0, show_default=True, help="Seconds between checks.")
@friendly_errors
def cron(db_url: str, addons_path: str | None, once: bool, interval: float) -> None:
    """Run due scheduled actions (ir.cron)."""
    from core.cron import run_due_jobs, scheduler_loop
    from core.registry.registry import Registry

    registry = Registry.get(db_url, addons_path=addons_path)
    if once:
        click.echo(f"{run_due_jobs(registry)} job(s) run")
        return
    click.echo(f"Running scheduled actions of {registry.db_name} every {interval:g}s (Ctrl+C to stop)")
    scheduler_loop(registry.url, interval)
