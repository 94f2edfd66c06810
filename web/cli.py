"""``erp serve``: the web client and the APIs, on werkzeug (development) or gunicorn (--workers N)."""
from __future__ import annotations

import click

from core.cli.options import addons_path_option, db_option, friendly_errors


@click.command()
@db_option
@addons_path_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8069, show_default=True, help="Port to listen on.")
@click.option("--workers", default=0, show_default=True,
              help="gunicorn worker processes; 0 runs the single-process development server.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Threads per gunicorn worker: requests waiting on the database overlap within a worker.")
@click.option("--db-pool", default=0, type=click.IntRange(0, 200),
              help="Database connections kept open per process (default: one per thread, plus two).")
@click.option("--statement-timeout", default=0.0, show_default=True, type=click.FloatRange(0),
              help="PostgreSQL: cancel any SQL statement running longer than this many seconds (0: never).")
@click.option("--keepalive", default=5, show_default=True, type=click.IntRange(0, 300),
              help="Seconds an idle client connection stays open for its next request (0: close each time).")
@click.option("--debug", is_flag=True, help="Reload on code changes and show tracebacks (development only).")
@click.option("--cron/--no-cron", default=True, show_default=True,
              help="Run scheduled actions in this process (with several servers, enable it on one, or run "
                   "`erp cron` beside them).")
@click.option("--proxy-mode", is_flag=True, envvar="ERP_PROXY_MODE",
              help="Behind a reverse proxy: take the client's address, scheme and host from its "
                   "X-Forwarded-* headers (login throttling and rate limits count real clients).")
@friendly_errors
def serve(db_url: str, addons_path: str | None, host: str, port: int, workers: int, threads: int,
          db_pool: int, statement_timeout: float, keepalive: int, debug: bool, cron: bool,
          proxy_mode: bool) -> None:
    """Serve the web client, XML-RPC/JSON-RPC and REST on HOST:PORT.

    On a 2-core machine with PostgreSQL beside it: ``--workers 2 --threads 4`` (see README, "Serving").
    """
    import os

    from core.registry.registry import Registry
    from web.wsgi_server import database_environment

    os.environ["ERP_DB_URL"] = db_url
    # read by every engine of this process and of its workers (one pool per process)
    os.environ.update(database_environment(threads, db_pool, statement_timeout))
    os.environ["ERP_PROXY_MODE"] = "1" if proxy_mode else "0"  # gunicorn's workers build their app from it
    if addons_path:
        os.environ["ERP_ADDONS_PATH"] = addons_path  # read by every registry of this process and its workers
    registry = Registry.get(db_url)  # fail fast on a database that cannot be loaded
    if registry.missing_addons:
        click.echo(f"Warning: installed addons not found, left out: {', '.join(registry.missing_addons)} "
                   "(give their folder with --addons-path, or `erp uninstall` them)", err=True)
    if cron:
        from core.cron import start_scheduler_thread

        start_scheduler_thread(db_url)
    if workers > 0:
        from web.wsgi_server import run_gunicorn

        run_gunicorn(db_url, host, port, workers, threads=threads, keepalive=keepalive)
        return
    from web.app import create_app

    app = create_app(db_url)
    click.echo(f"Serving {db_url} on http://{host}:{port}")
    app.run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)
