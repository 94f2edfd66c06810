"""``erp mail-in``: hand an incoming email (RFC 822, a file or standard input) to a ticket model, as a
mail server's delivery hook does (``| erp mail-in --db URL --model helpdesk.ticket``)."""

from __future__ import annotations

import sys

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command("mail-in")
@db_option
@addons_path_option
@click.option(
    "--model",
    "model_name",
    default="helpdesk.ticket",
    show_default=True,
    help="The ticket model that reads the email (helpdesk.ticket, czrm.request...).",
)
@click.argument("source", type=click.File("rb"), required=False)
@friendly_errors
def mail_in(db_url: str, addons_path: str | None, model_name: str, source: click.File | None) -> None:
    """Open or update a ticket from an incoming email; prints the ticket's id."""
    from core.exceptions import UserError
    from core.registry.registry import Registry

    raw = (source or sys.stdin.buffer).read()
    registry = Registry.get(db_url, addons_path=addons_path)
    with registry.environment() as env:
        if model_name not in env or "email_msg_id" not in env[model_name]._fields:
            raise UserError(f"{model_name} does not read incoming email (is its addon installed?)")
        ticket = env[model_name].message_process(raw)
        click.echo(ticket.id)
