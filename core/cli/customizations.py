"""``erp export-customizations``: the customizations of a database, as an installable addon."""
from __future__ import annotations

from pathlib import Path

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command("export-customizations")
@db_option
@addons_path_option
@click.option("--output", "-o", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the addon to write; its name is the addon's technical name "
                   "(e.g. addons/my_fields).")
@click.option("--name", "title", default=None,
              help="Human name of the addon (default: Customizations of <db>).")
@click.option("--force", is_flag=True, help="Overwrite the files of an existing folder.")
@friendly_errors
def export_customizations(db_url: str, addons_path: str | None, output: Path, title: str | None,
                          force: bool) -> None:
    """Write the customizations of the database (custom models and fields, views, actions and menus, record
    rules and access rights no addon defines) as an addon that ``erp install --addons-path`` puts into
    another database."""
    from core.addon.customizations import export_customizations as export
    from core.records.environment import SUPERUSER_ID, Environment
    from core.registry.registry import Registry

    if output.exists() and any(output.iterdir()) and not force:
        raise click.ClickException(f"{output} is not empty; choose another folder or pass --force")
    registry = Registry.get(db_url, addons_path=addons_path)
    with registry.cursor(readonly=True) as cr:
        written = export(Environment(cr, SUPERUSER_ID, {"lang": "en_US"}), output, title)
    click.echo(f"Addon {output.name} written to {output} ({len(written)} files)")
