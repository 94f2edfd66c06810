"""``erp init``: create a database with base and the chosen addons."""
from __future__ import annotations

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names
from core.cli.progress import Steps


@click.command()
@db_option
@addons_path_option
@click.option("--addons", default="", help="Comma-separated addons to install besides base.")
@click.option("--demo/--no-demo", default=False, help="Load demo data (users admin/admin and demo/demo).")
@click.option("--admin-password", default=None, help="Password of the admin user (default: admin).")
@friendly_errors
def init(db_url: str, addons_path: str | None, addons: str, demo: bool, admin_password: str | None) -> None:
    """Create and initialise a database."""
    from core.addon.lifecycle import init_database

    with Steps("Initialising") as steps:
        registry = init_database(db_url, split_names(addons), demo=demo, admin_password=admin_password,
                                 addons_path=addons_path, progress=steps.step)
    click.echo(f"Database {registry.db_name} ready with: {', '.join(registry.addons)}")
