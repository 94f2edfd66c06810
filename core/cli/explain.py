"""``erp explain MODEL``: where a model comes from: its YAML files and lines, and its Python hooks."""
from __future__ import annotations

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command()
@db_option
@addons_path_option
@click.argument("model")
@friendly_errors
def explain(db_url: str, addons_path: str | None, model: str) -> None:
    """Show the definitions and the hook stack of MODEL."""
    from core.registry.registry import Registry

    registry = Registry.get(db_url, addons_path=addons_path)
    if model not in registry.models:
        raise click.ClickException(f"Unknown model {model!r}")
    cls = registry.models[model]
    table = cls._table.name if not cls._abstract else "abstract, no table"
    click.echo(f"{model} — {cls._description} ({table})")
    click.echo("defined and extended at:")
    for source in cls._def.sources:
        click.echo(f"  {source} [{source.addon}]")
    if cls._def.mixins:
        click.echo(f"mixins: {', '.join(cls._def.mixins)}")
    click.echo("python hooks (first wins; super() goes down):")
    for hook in cls._hook_stack:
        click.echo(f"  {hook.__module__}.{hook.__qualname__}")
    click.echo("fields:")
    for name, field in cls._fields.items():
        where = ", ".join(str(s) for s in field.definition.sources) if field.definition else "automatic"
        extra = f" computed by {field.compute}" if field.compute else ""
        extra = extra or (f" related {field.related}" if field.related else "")
        click.echo(f"  {name}: {field.type}{extra} — {where}")
