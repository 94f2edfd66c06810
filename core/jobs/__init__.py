"""Background jobs: RQ on Redis when ERP_REDIS_URL is set, run inline (right away, in this process)
otherwise. A job names a model method; the worker runs it in its own transaction."""

from __future__ import annotations

from core.jobs.queue import enqueue_method, redis_url

__all__ = ["enqueue_method", "redis_url"]
