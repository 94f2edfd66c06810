"""Putting jobs on the queue. Jobs run *after* the transaction that asked for them commits, so a
rolled-back change never triggers work; a failed job is retried with growing delays."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.records.environment import Environment

_logger = logging.getLogger(__name__)
QUEUE_NAME = "erp"
RETRY_INTERVALS = (10, 30, 120, 600, 1800)
JOB_FUNCTION = "core.jobs.runner.call_method"


def redis_url() -> str | None:
    return os.environ.get("ERP_REDIS_URL") or None


def queue_name() -> str:
    """The RQ queue of this installation (ERP_JOBS_QUEUE, default ``erp``), so several share one Redis."""
    return os.environ.get("ERP_JOBS_QUEUE") or QUEUE_NAME


def enqueue_method(
    env: Environment,
    model: str,
    method: str,
    ids: Sequence[int],
    *args: Any,
    retries: int = len(RETRY_INTERVALS),
    description: str | None = None,
) -> None:
    """Run ``env[model].browse(ids).<method>(*args)`` as a job once the current transaction commits.

    The method raises to ask for a retry; with RQ it is retried ``retries`` times at growing intervals,
    inline it runs once right after the commit (a scheduled action can pick up what is left).
    """
    registry = env.registry
    job_args = (registry.url, _addons_path(registry), model, method, list(ids), list(args))

    def submit() -> None:
        url = redis_url()
        if url:
            _submit_rq(url, job_args, retries, description or f"{model}.{method}{list(ids)}")
        else:
            _run_inline(job_args)

    env.cr.postcommit.append(submit)


def _addons_path(registry: Any) -> str | None:
    path = registry.addons_path
    if path is None or isinstance(path, str):
        return path
    return ",".join(str(p) for p in path)


def _submit_rq(url: str, job_args: tuple[Any, ...], retries: int, description: str) -> None:
    from redis import Redis
    from rq import Queue, Retry

    queue = Queue(queue_name(), connection=Redis.from_url(url))
    retry = Retry(max=retries, interval=list(RETRY_INTERVALS[:retries])) if retries else None
    queue.enqueue_call(
        JOB_FUNCTION,
        args=job_args,
        retry=retry,
        description=description,
        timeout=300,
        result_ttl=3600,
        failure_ttl=7 * 86400,
    )


def _run_inline(job_args: tuple[Any, ...]) -> None:
    from core.jobs.runner import call_method

    try:
        call_method(*job_args)
    except Exception:
        _logger.warning("inline job %s.%s failed; it stays pending", job_args[2], job_args[3], exc_info=True)
