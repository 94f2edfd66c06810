"""The ``erp`` command. Commands of other layers (``serve`` of the web client) plug in through the
``erp.commands`` entry points, so the core never imports them."""
from __future__ import annotations

import logging
from importlib.metadata import entry_points

import click

from core.cli import addons as addon_commands
from core.cli import config_file
from core.cli import cron as cron_command
from core.cli import customizations as customizations_command
from core.cli import data as data_commands
from core.cli import explain as explain_command
from core.cli import init as init_command
from core.cli import shell as shell_command
from core.cli import worker as worker_command
from core.cli.bench import bench


class PluginGroup(click.Group):
    """A group that also offers the commands registered by installed distributions."""

    def _plugins(self) -> dict[str, click.Command]:
        commands: dict[str, click.Command] = {}
        for entry in entry_points(group="erp.commands"):
            try:
                commands[entry.name] = entry.load()
            except ImportError as error:  # pragma: no cover - a broken plugin must not break the CLI
                logging.getLogger(__name__).warning("command %s unavailable: %s", entry.name, error)
        return commands

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._plugins()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, name) or self._plugins().get(name)


@click.group(cls=PluginGroup)
@click.option("--log-level", default="warning", type=click.Choice(["debug", "info", "warning", "error"]),
              help="How much the command logs.")
@click.option("--config", "config_path", default=None, metavar="FILE",
              help="Options of the commands (db, addons_path, [serve] port...): default $ERP_CONFIG, else "
                   "erp.toml in the current folder when there is one.")
@click.pass_context
def cli(ctx: click.Context, log_level: str, config_path: str | None) -> None:
    """A metadata-driven business suite: ERP, CRM and citizen services on one database."""
    logging.basicConfig(level=getattr(logging, log_level.upper()),
                        format="%(levelname)s %(name)s: %(message)s")
    path = config_file.find_config(config_path)
    if path is not None:
        group = ctx.command
        assert isinstance(group, click.Group)
        commands = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
        defaults = config_file.default_map(path, {k: v for k, v in commands.items() if v is not None})
        ctx.default_map = {**defaults, **(ctx.default_map or {})}


cli.add_command(init_command.init)
cli.add_command(addon_commands.install)
cli.add_command(addon_commands.upgrade)
cli.add_command(addon_commands.uninstall)
cli.add_command(shell_command.shell)
cli.add_command(bench)
cli.add_command(data_commands.import_command)
cli.add_command(data_commands.export_command)
cli.add_command(explain_command.explain)
cli.add_command(cron_command.cron)
cli.add_command(worker_command.worker)
cli.add_command(customizations_command.export_customizations)
