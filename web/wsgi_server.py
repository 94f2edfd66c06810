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


def database_environment(threads: int, db_pool: int = 0, statement_timeout: float = 0.0) -> dict[str, str]:
    """The variables that size each process's connection pool (``core.db.engine.make_engine`` reads them).

    Each thread holds one connection while it serves a request, so a pool of one per thread never makes
    a request wait for another's; two more serve the scheduler and the registry's signal checks."""
    pool = db_pool or threads + 2
    return {"ERP_DB_POOL_SIZE": str(pool), "ERP_DB_MAX_OVERFLOW": "2",
            "ERP_STATEMENT_TIMEOUT_MS": str(round(statement_timeout * 1000))}


def gunicorn_options(host: str, port: int, workers: int, threads: int = 4,
                     keepalive: int = 5) -> dict[str, Any]:
    """gunicorn's settings: threaded workers (gthread), which keep an HTTP/1.1 client's connection open
    between its requests for ``keepalive`` seconds, so XML-RPC and JSON clients reuse one connection."""
    return {
        "post_fork": _post_fork, "bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread",
        "threads": threads, "keepalive": keepalive, "timeout": 120, "graceful_timeout": 20,
        "accesslog": "-", "preload_app": False,
    }


def run_gunicorn(db_url: str, host: str, port: int, workers: int, threads: int = 4,
                 keepalive: int = 5) -> None:
    _Gunicorn(db_url, gunicorn_options(host, port, workers, threads, keepalive)).run()
