"""Running the app under gunicorn from ``erp serve --workers N``."""
from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, db_url: str, options: dict[str, Any]) -> None:
        self.db_url = db_url
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from web.app import create_app

        return create_app(self.db_url)


def _post_fork(server: Any, worker: Any) -> None:
    """Connections opened by the master must not be shared with the forked worker."""
    from core.registry.registry import Registry

    for registry in Registry.loaded():
        registry.engine.dispose(close=False)


def run_gunicorn(db_url: str, host: str, port: int, workers: int) -> None:
    options = {
        "post_fork": _post_fork, "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
        "threads": 4, "timeout": 120, "graceful_timeout": 20, "accesslog": "-", "preload_app": False,
    }
    _Gunicorn(db_url, options).run()
