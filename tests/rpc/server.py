"""A real HTTP server of the app on 127.0.0.1, over a private copy of the template database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from werkzeug.serving import make_server

from core.db.engine import copy_database, database_name, drop_database
from core.registry.registry import Registry
from tests.databases import new_db_url


@dataclass
class LiveServer:
    base: str  # http://127.0.0.1:<port>
    db: str  # the database name clients pass
    url: str  # the database URL
    registry: Registry

    def fresh_registry(self) -> Registry:
        """The database's registry as the server sees it now (after commits, custom fields)."""
        return Registry.get(self.url).check_signals()


@contextmanager
def live_server(
    template_url: str, label: str = "rpc", config: dict[str, Any] | None = None
) -> Iterator[LiveServer]:
    """Serve a copy of the template database; requests are threaded, the server stops at the end."""
    from web.app import create_app

    url = new_db_url(label)
    copy_database(template_url, url)
    registry = Registry.get(url)
    app = create_app(url, {"TESTING": True, **(config or {})})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name=f"{label}-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", database_name(url), url, registry)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        Registry.forget(url)
        drop_database(url)
