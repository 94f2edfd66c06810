"""What the server says it is: Odoo 17's version answer, which client libraries branch on."""

from __future__ import annotations

from typing import Any

SERVER_VERSION = "17.0"
SERVER_VERSION_INFO: list[Any] = [17, 0, 0, "final", 0, ""]
SERVER_SERIE = "17.0"
PROTOCOL_VERSION = 1


def version_info() -> dict[str, Any]:
    """``common.version()`` and ``/web/webclient/version_info``."""
    return {
        "server_version": SERVER_VERSION,
        "server_version_info": list(SERVER_VERSION_INFO),
        "server_serie": SERVER_SERIE,
        "protocol_version": PROTOCOL_VERSION,
    }


def about(extended: bool = False) -> Any:
    info = "ERP Suite: a metadata-driven business suite, Odoo-compatible external API"
    return [info, SERVER_VERSION] if extended else info
