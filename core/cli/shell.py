"""``erp shell``: Python with ``env`` in scope; piped stdin runs as a script, as Odoo's shell does."""
from __future__ import annotations

import code
import sys

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command()
@db_option
@addons_path_option
@click.option("--login", default=None, help="Run as this user instead of the superuser.")
@friendly_errors
def shell(db_url: str, addons_path: str | None, login: str | None) -> None:
    """An interactive session (or a script on stdin) with env = the database's environment.

    Changes are committed when the session or script ends without error; call env.cr.rollback() to
    discard them.
    """
    from core.records.environment import SUPERUSER_ID, Environment
    from core.registry.registry import Registry

    registry = Registry.get(db_url, addons_path=addons_path)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        if login:
            user = env["res.users"].search([("login", "=", login)])
            if not user:
                raise click.ClickException(f"No user with login {login!r}")
            env = env(user=user.id, su=False)
        scope = {"env": env, "registry": registry, "self": env.user}
        if sys.stdin.isatty():
            code.interact(banner=f"env: {registry.db_name} ({', '.join(registry.addons)})", local=scope)
        else:
            exec(compile(sys.stdin.read(), "<stdin>", "exec"), scope)
