"""``erp worker``: run the jobs of the Redis queue (RQ), with the scheduler that fires retries."""

from __future__ import annotations

import click

from core.cli.options import addons_path_option, friendly_errors


@click.command()
@click.option(
    "--redis-url",
    envvar="ERP_REDIS_URL",
    required=True,
    help="Redis holding the queue (default: $ERP_REDIS_URL).",
)
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then exit.")
@addons_path_option
@friendly_errors
def worker(redis_url: str, burst: bool, addons_path: str | None) -> None:
    """Run background jobs (webhook deliveries, ...) queued by the servers."""
    import os

    if addons_path:  # jobs carry their server's path; this one is searched too
        os.environ["ERP_ADDONS_PATH"] = addons_path
    from redis import Redis
    from rq import Queue, Worker

    from core.jobs.queue import queue_name

    connection = Redis.from_url(redis_url)
    queue = Queue(queue_name(), connection=connection)
    click.echo(f"Worker on {redis_url} queue {queue.name!r}{' (burst)' if burst else ''}")
    Worker([queue], connection=connection).work(burst=burst, with_scheduler=True)
