"""``erp install|upgrade|uninstall``: change the installed addons of a database."""
from __future__ import annotations

from typing import TYPE_CHECKING

import click

from core.cli.options import addons_path_option, db_option, friendly_errors, split_names
from core.cli.progress import Steps

if TYPE_CHECKING:
    from core.registry.registry import Registry


def _registry(db_url: str, addons_path: str | None) -> Registry:
    from core.registry.registry import Registry

    return Registry.get(db_url, addons_path=addons_path)


@click.command()
@db_option
@addons_path_option
@click.option("--demo/--no-demo", default=None,
              help="Load the demo data of the new addons (default: when the database has demo data).")
@click.option("--allow-destructive", is_flag=True, help="Apply schema changes that drop data.")
@click.argument("addons", nargs=-1, required=True)
@friendly_errors
def install(db_url: str, addons_path: str | None, demo: bool | None, allow_destructive: bool,
            addons: tuple[str, ...]) -> None:
    """Install ADDONS (and what they depend on)."""
    from core.addon import lifecycle

    with Steps("Installing") as steps:
        registry = lifecycle.install(_registry(db_url, addons_path), split_names(addons), demo=demo,
                                     allow_destructive=allow_destructive, progress=steps.step)
    click.echo(f"Installed: {', '.join(registry.addons)}")


@click.command()
@db_option
@addons_path_option
@click.option("--allow-destructive", is_flag=True, help="Apply schema changes that drop data.")
@click.argument("addons", nargs=-1, required=True)
@friendly_errors
def upgrade(db_url: str, addons_path: str | None, allow_destructive: bool, addons: tuple[str, ...]) -> None:
    """Re-read the definitions and data of ADDONS and migrate the schema."""
    from core.addon import lifecycle

    with Steps("Upgrading") as steps:
        lifecycle.upgrade(_registry(db_url, addons_path), split_names(addons),
                          allow_destructive=allow_destructive, progress=steps.step)
    click.echo(f"Upgraded: {', '.join(split_names(addons))}")


@click.command()
@db_option
@addons_path_option
@click.argument("addons", nargs=-1, required=True)
@friendly_errors
def uninstall(db_url: str, addons_path: str | None, addons: tuple[str, ...]) -> None:
    """Uninstall ADDONS: their data, menus and views, then their tables and columns."""
    from core.addon import lifecycle

    with Steps("Uninstalling") as steps:
        registry = lifecycle.uninstall(_registry(db_url, addons_path), split_names(addons),
                                       progress=steps.step)
    click.echo(f"Installed now: {', '.join(registry.addons)}")
