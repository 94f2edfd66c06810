"""The scheduler: run the due ``ir.cron`` jobs of a database, each in its own transaction.

Several processes may run it at once: on PostgreSQL a job row is locked while it runs and the others
skip it.
"""
from __future__ import annotations

import logging
import threading
import time

from core.records.environment import SUPERUSER_ID, Environment
from core.registry.registry import Registry

_logger = logging.getLogger(__name__)
CRON_MODEL = "ir.cron"


def run_due_jobs(registry: Registry) -> int:
    """Run every due job once; the number of jobs run."""
    if CRON_MODEL not in registry.models:
        return 0
    with registry.cursor() as cr:
        ids = Environment(cr, SUPERUSER_ID, {})[CRON_MODEL]._due_ids()
    done = 0
    for job_id in ids:
        with registry.cursor() as cr:
            if Environment(cr, SUPERUSER_ID, {})[CRON_MODEL]._process_job(job_id):
                done += 1
    return done


def scheduler_loop(url: str, interval: float = 60.0, stop: threading.Event | None = None) -> None:
    """Check for due jobs every ``interval`` seconds until ``stop`` is set."""
    stop = stop or threading.Event()
    while not stop.is_set():
        try:
            registry = Registry.get(url).check_signals()
            run_due_jobs(registry)
        except Exception:
            _logger.exception("scheduler run failed")
        stop.wait(interval)


def start_scheduler_thread(url: str, interval: float = 60.0) -> threading.Event:
    """Run the scheduler in a daemon thread of this process; set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=scheduler_loop, args=(url, interval, stop), name="erp-cron", daemon=True)
    thread.start()
    time.sleep(0)
    return stop
