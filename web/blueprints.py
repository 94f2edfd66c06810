"""The blueprints of the web layer, registered on an app by ``register_all``.

Each feature area (client, auth, studio, admin, rpc, rest) adds one ``register_<area>(app)`` function
to REGISTRARS; the app factory calls them in order.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable

from flask import Flask

# (module, function): registration functions of the feature areas, in the order they are mounted
REGISTRARS: list[tuple[str, str]] = [
    ("web.rpc", "register"),
    ("web.rest", "register"),
    ("web.dataio", "register"),
    ("web.auth", "register"),
    ("web.client", "register"),
    ("web.studio", "register"),
    ("web.admin", "register"),
]


def register_all(app: Flask) -> None:
    for module_name, function_name in REGISTRARS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue  # feature area not present in this checkout
            raise
        register: Callable[[Flask], None] = getattr(module, function_name)
        register(app)
