"""Counters every worker sees (login failures, API rate limits): in Redis when a URL is configured. A
Redis that does not answer must neither lock everyone out nor let everyone in, so each call answers
None then and the caller counts in its own process instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SharedCounters:
    def __init__(self, redis_url: str | None) -> None:
        self._redis: Any = None
        if redis_url:
            import redis

            # short timeouts: a request never waits long for a counter
            self._redis = redis.Redis.from_url(redis_url, socket_timeout=1, socket_connect_timeout=1)

    def call(self, function: Callable[[Any], T]) -> T | None:
        """``function(redis)``; None without Redis, or when Redis fails."""
        if self._redis is None:
            return None
        import redis

        try:
            return function(self._redis)
        except redis.RedisError:
            return None
