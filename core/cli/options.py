"""Options shared by commands, and turning errors into messages instead of tracebacks."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from core.config import default_db_url
from core.exceptions import ErpError

db_option = click.option("--db", "db_url", default=default_db_url,
                         show_default="var/erp.sqlite (or $ERP_DB_URL)",
                         help="Database URL: sqlite:///path.sqlite or postgresql+psycopg://user@host/name.")
addons_path_option = click.option("--addons-path", default=None, envvar="ERP_ADDONS_PATH",
                                  help="Extra comma-separated folders holding addons.")


def friendly_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Report ErpError (bad metadata, refused schema change, missing addon) as a one-line message."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ErpError as error:
            raise click.ClickException(f"{type(error).__name__}: {error}") from error

    return wrapper


def split_names(value: str | tuple[str, ...] | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, (list, tuple)) else [value]
    return [name.strip() for item in items for name in item.split(",") if name.strip()]
