"""``erp import`` and ``erp export``: CSV/XLSX files in and out of any model, through the record API."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names


def _env(db_url: str, addons_path: str | None, login: str | None) -> Any:
    """A superuser environment (or ``login``'s, with its access rights) in a new transaction."""
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


def _overrides(mappings: tuple[str, ...]) -> dict[str, str]:
    result = {}
    for item in mappings:
        column, equals, field = item.partition("=")
        if not equals or not column.strip():
            raise click.BadParameter(
                f"{item!r}: expected COLUMN=field/path (or COLUMN= to skip the column)", param_hint="--map"
            )
        result[column.strip()] = field.strip()
    return result


@click.command("import")
@db_option
@addons_path_option
@click.option("--model", required=True, help="Technical name of the model, e.g. res.partner.")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    help="COLUMN=field/path overrides the guessed mapping (COLUMN= skips the column); repeatable.",
)
@click.option("--dry-run", is_flag=True, help="Check every row and report every problem; write nothing.")
@click.option("--login", default=None, help="Import as this user (access rights apply).")
@click.option(
    "--remember/--no-remember",
    default=True,
    show_default=True,
    help="Remember the column mapping for the next import into the model.",
)
@click.option(
    "--tracking/--no-tracking",
    default=False,
    show_default=True,
    help="Log a creation message and followers on every imported record, as a user's create does "
    "(off by default, as in Odoo's import: much faster).",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@friendly_errors
def import_command(
    db_url: str,
    addons_path: str | None,
    model: str,
    mappings: tuple[str, ...],
    dry_run: bool,
    login: str | None,
    remember: bool,
    tracking: bool,
    file: Path,
) -> None:
    """Import FILE (.csv or .xlsx) into MODEL: all rows, or none if any row is wrong.

    Columns are matched to fields by technical name or label (English or Spanish); a column
    ``Country/External ID`` or ``country_id/id`` resolves external ids, ``Country`` resolves names.
    """
    from core.exchange.files import read_table
    from core.exchange.load import import_context
    from core.exchange.mapping import map_columns, remember_mapping, remembered_mapping

    header, rows = read_table(file.read_bytes(), file.name)
    env = _env(db_url, addons_path, login)
    try:
        if model not in env:
            raise click.ClickException(f"Unknown model {model!r}")
        records = env[model]
        fields = map_columns(records, header, {**remembered_mapping(env, model), **_overrides(mappings)})
        unknown = [
            column
            for column, field in zip(header, fields)
            if field is None and column not in _overrides(mappings)
        ]
        if unknown:
            raise click.ClickException(
                f"Columns not matched to any field of {model}: {', '.join(unknown)} "
                "(use --map COLUMN=field, or --map COLUMN= to skip it)"
            )
        result = _load(records.with_context(**import_context(tracking)), header, fields, rows, dry_run,
                       file.name)
        if remember:
            remember_mapping(env, model, header, fields)
        if dry_run:
            env.cr.rollback()
            click.echo(f"Dry run: {len(rows)} rows are valid; nothing was written")
            return
        env.cr.commit()
        click.echo(f"Imported {len(result['ids'])} records into {model}")
    finally:
        env.cr.close()


def _load(
    records: Any,
    header: list[str],
    fields: list[str | None],
    rows: list[list[Any]],
    dry_run: bool,
    label: str,
) -> dict[str, Any]:
    """Run the loader on the mapped columns with a progress bar; report every problem and fail on any."""
    from core.cli.progress import bar
    from core.exchange.load import Loader
    from core.exchange.mapping import describe_problems

    keep = [index for index, field in enumerate(fields) if field]
    names = [field for field in fields if field]
    data = [[row[index] for index in keep] for row in rows]
    with bar(len(rows), f"{'Checking' if dry_run else 'Importing'} {label}") as progress:
        result = Loader(
            records, names, data, dryrun=dry_run, progress=lambda done: progress.update(done - progress.n)
        ).run()
    errors = [message for message in result["messages"] if message.get("type") == "error"]
    if result["ids"] is False or errors:
        kept_header = [header[index] for index in keep]
        for problem in describe_problems(result["messages"], kept_header, names, len(rows)):
            click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(errors)} problem(s); nothing was imported")
    return result


@click.command("export")
@db_option
@addons_path_option
@click.option("--model", required=True, help="Technical name of the model.")
@click.option(
    "--fields",
    "field_names",
    required=True,
    help="Comma-separated field paths: name,country_id/id,parent_id.name,...",
)
@click.option("--domain", default="[]", help="An Odoo domain selecting the records (default: all).")
@click.option("--ids", default="", help="Comma-separated ids to export instead of a domain.")
@click.option("--labels", is_flag=True, help="Head the columns with field labels instead of the paths.")
@click.option("--login", default=None, help="Export as this user (access rights apply).")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; .csv or .xlsx.",
)
@friendly_errors
def export_command(
    db_url: str,
    addons_path: str | None,
    model: str,
    field_names: str,
    domain: str,
    ids: str,
    labels: bool,
    login: str | None,
    output: Path,
) -> None:
    """Export records of MODEL to a CSV or XLSX file that ``erp import`` reads back."""
    from core.exchange.files import export_table

    try:
        parsed_domain = ast.literal_eval(domain)
    except (ValueError, SyntaxError):
        raise click.BadParameter(f"not a valid domain: {domain}", param_hint="--domain") from None
    try:
        id_list = [int(part) for part in split_names(ids)]
    except ValueError:
        raise click.BadParameter(f"expected comma-separated ids: {ids}", param_hint="--ids") from None
    env = _env(db_url, addons_path, login)
    try:
        if model not in env:
            raise click.ClickException(f"Unknown model {model!r}")
        records = env[model].browse(id_list).exists() if id_list else env[model].search(parsed_domain)
        file_format = "xlsx" if output.suffix.lower() == ".xlsx" else "csv"
        output.write_bytes(export_table(records, split_names(field_names), file_format, labels))
        click.echo(f"Exported {len(records)} records to {output}")
    finally:
        env.cr.close()
