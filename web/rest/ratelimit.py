"""Requests per minute per API client (key, session user or address): in Redis when ERP_REDIS_URL is set,
so every gunicorn worker counts together; in this process otherwise."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from typing import Any

from core.shared_counters import SharedCounters

WINDOW = 60
DEFAULT_LIMIT = 600


@dataclass
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset_in: int


class RateLimiter:
    """A fixed one-minute window per client key."""

    def __init__(self, limit: int, redis_url: str | None = None) -> None:
        self.limit = limit
        self._shared = SharedCounters(redis_url)
        self._counts: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str) -> Verdict:
        window = int(time.time() // WINDOW)
        reset_in = WINDOW - int(time.time() % WINDOW)
        count = self._shared.call(lambda redis: self._hit_redis(redis, client, window))
        if count is None:  # no Redis, or it does not answer: count in this process
            count = self._hit_memory(client, window)
        return Verdict(count <= self.limit, self.limit, max(self.limit - count, 0), reset_in)

    def _hit_memory(self, client: str, window: int) -> int:
        with self._lock:
            current_window, count = self._counts.get(client, (window, 0))
            count = count + 1 if current_window == window else 1
            self._counts[client] = (window, count)
            if len(self._counts) > 100_000:  # forget old windows instead of growing forever
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
            return count

    @staticmethod
    def _hit_redis(redis: Any, client: str, window: int) -> int:
        key = f"erp:ratelimit:{client}:{window}"
        with redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, WINDOW * 2)
            count, _ok = pipe.execute()
        return int(count)


def limiter_from_config(config: Any) -> RateLimiter:
    limit = int(config.get("ERP_API_RATE_LIMIT") or os.environ.get("ERP_API_RATE_LIMIT") or DEFAULT_LIMIT)
    return RateLimiter(limit, config.get("ERP_REDIS_URL") or os.environ.get("ERP_REDIS_URL"))
