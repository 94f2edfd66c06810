"""``erp import`` and ``erp export``: CSV/XLSX files in and out of any model, through the record API."""
from __future__ import annotations

import ast
from pathlib import Path

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names


def _env(db_url: str, addons_path: str | None, login: str | None):  # type: ignore[no-untyped-def]
    from core.records.environment import SUPERUSER_ID, Environment
    from core.registry.registry import Registry

    registry = Registry.get(db_url, addons_path=addons_path)
    cr = registry.cursor()
    env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
    if login:
        user = env["res.users"].search([("login", "=", login)])
        if not user:
            cr.close()
            raise click.ClickException(f"No user with login {login!r}")
        env = env(user=user.id, su=False)
    return env


@click.command("import")
@db_option
@addons_path_option
@click.option("--model", required=True, help="Technical name of the model, e.g. res.partner.")
@click.option("--map", "mappings", multiple=True, help="COLUMN=field/path, to override the guessed mapping.")
@click.option("--dry-run", is_flag=True, help="Check every row and report problems; write nothing.")
@click.option("--login", default=None, help="Import as this user (access rights apply).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@friendly_errors
def import_command(db_url: str, addons_path: str | None, model: str, mappings: tuple[str, ...], dry_run: bool,
                   login: str | None, file: Path) -> None:
    """Import FILE (.csv or .xlsx) into MODEL: all rows, or none if any row is wrong."""
    from core.exchange.files import read_table
    from core.exchange.load import Loader
    from core.exchange.mapping import map_columns

    header, rows = read_table(file.read_bytes(), file.name)
    env = _env(db_url, addons_path, login)
    try:
        records = env[model]
        overrides = dict(item.split("=", 1) for item in mappings)
        fields = map_columns(records, header, overrides)
        unknown = [column for column, field in zip(header, fields) if field is None]
        if unknown:
            raise click.ClickException(f"Columns not matched to any field of {model}: {', '.join(unknown)} "
                                       "(use --map COLUMN=field)")
        with click.progressbar(length=len(rows), label=f"Importing {file.name}", file=None) as bar:
            loader = Loader(records, [f for f in fields if f], rows, dryrun=dry_run,
                            progress=lambda done: bar.update(done - bar.pos))
            result = loader.run()
        if result["ids"] is False:
            for message in result["messages"]:
                rows_span = message["rows"]
                click.echo(f"row {rows_span['from'] + 2}: {message.get('field') or ''}: {message['message']}",
                           err=True)
            raise click.ClickException(f"{len(result['messages'])} problem(s); nothing was imported")
        if dry_run:
            env.cr.rollback()
            click.echo(f"Dry run: {len(rows)} rows are valid; nothing was written")
        else:
            env.cr.commit()
            click.echo(f"Imported {len(result['ids'])} records into {model}")
    finally:
        env.cr.close()


@click.command("export")
@db_option
@addons_path_option
@click.option("--model", required=True, help="Technical name of the model.")
@click.option("--fields", "field_names", required=True, help="Comma-separated field paths (name,country_id/id,...).")
@click.option("--domain", default="[]", help="An Odoo domain selecting the records.")
@click.option("--login", default=None, help="Export as this user (access rights apply).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; .csv or .xlsx.")
@friendly_errors
def export_command(db_url: str, addons_path: str | None, model: str, field_names: str, domain: str,
                   login: str | None, output: Path) -> None:
    """Export records of MODEL to a CSV or XLSX file."""
    from core.exchange.files import write_table

    try:
        parsed_domain = ast.literal_eval(domain)
    except (ValueError, SyntaxError):
        raise click.ClickException(f"--domain is not a valid domain: {domain}") from None
    env = _env(db_url, addons_path, login)
    try:
        fields = split_names(field_names)
        records = env[model].search(parsed_domain)
        rows = records.export_data(fields)["datas"]
        file_format = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
        output.write_bytes(write_table(fields, rows, file_format))
        click.echo(f"Exported {len(records)} records to {output}")
    finally:
        env.cr.close()
