"""``erp.toml``: the options every command would otherwise need again (the database, the addons
path), and per-command ones in a section named after the command::

    db = "postgresql+psycopg://erp@127.0.0.1/mycompany"
    addons_path = ["/srv/erp/addons", "/srv/erp/more"]

    [serve]
    port = 8070
    workers = 4

The file is ``--config FILE``, else ``$ERP_CONFIG``, else ``erp.toml`` in the current folder. Options
given on the command line win, then environment variables (``ERP_DB_URL``, ``ERP_ADDONS_PATH``), then
the file. A key no command knows is refused with the file and the nearest known key.
"""
from __future__ import annotations

import difflib
import os
import tomllib
from pathlib import Path
from typing import Any

import click

# the file's name for an option whose parameter is named differently
ALIASES = {"db": "db_url"}
# options whose environment variable is read by the option's default, not by click: it wins over the file
ENV_WINS = {"db_url": "ERP_DB_URL", "addons_path": "ERP_ADDONS_PATH"}


def find_config(explicit: str | None) -> Path | None:
    """The configuration file to read, or None when there is none."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise click.UsageError(f"Configuration file {path} not found.")
        return path
    named = os.environ.get("ERP_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise click.UsageError(f"Configuration file {path} (from ERP_CONFIG) not found.")
        return path
    local = Path("erp.toml")
    return local if local.is_file() else None


def _parameters(command: click.Command) -> set[str]:
    return {param.name for param in command.params if isinstance(param, click.Option) and param.name}


def _value(value: Any) -> Any:
    if isinstance(value, list):  # a list of folders is the comma-separated option
        return ",".join(str(item) for item in value)
    return value


def _unknown(path: Path, key: str, known: set[str], where: str) -> click.UsageError:
    close = difflib.get_close_matches(key, sorted(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return click.UsageError(f"{path}: unknown key '{key}' {where}{hint}")


def default_map(path: Path, commands: dict[str, click.Command]) -> dict[str, dict[str, Any]]:
    """Click's ``default_map`` for ``commands`` from the file at ``path``."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise click.UsageError(f"{path}: {error}") from None
    params = {name: _parameters(command) for name, command in commands.items()}
    every = set().union(*params.values()) | set(ALIASES)
    shared = {key: value for key, value in document.items() if not isinstance(value, dict)}
    result: dict[str, dict[str, Any]] = {name: {} for name in commands}
    for key, value in shared.items():
        name = ALIASES.get(key, key.replace("-", "_"))
        if name not in every and key not in every:
            raise _unknown(path, key, every - set(ALIASES.values()), "at the top of the file")
        if name in ENV_WINS and os.environ.get(ENV_WINS[name]):
            continue
        for command, names in params.items():
            if name in names:
                result[command][name] = _value(value)
    for section, values in document.items():
        if not isinstance(values, dict):
            continue
        if section not in commands:
            raise _unknown(path, f"[{section}]", {f"[{name}]" for name in commands}, "(no such command)")
        for key, value in values.items():
            name = ALIASES.get(key, key.replace("-", "_"))
            if name not in params[section]:
                raise _unknown(path, key, params[section], f"in [{section}]")
            result[section][name] = _value(value)
    return {name: values for name, values in result.items() if values}
