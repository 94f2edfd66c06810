"""``erp open311-key --db URL --name APP``: make an Open311 API key for an app and print it, once."""

from __future__ import annotations

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command("open311-key")
@db_option
@addons_path_option
@click.option("--name", required=True, help="The application the key is for.")
@friendly_errors
def open311_key(db_url: str, addons_path: str | None, name: str) -> None:
    """Make an Open311 API key; only its hash is kept, so copy the printed key now."""
    from core.exceptions import UserError
    from core.registry.registry import Registry

    registry = Registry.get(db_url, addons_path=addons_path)
    with registry.environment() as env:
        if "czrm.api.key" not in env:
            raise UserError("The czrm addon is not installed in this database.")
        record, key = env["czrm.api.key"]._generate(name)
        click.echo(f"API key of {record.name} (shown once, keep it safe):")
        click.echo(key)
