"""Failed logins per client address, counted for every door that checks a password or an API key
(the web login, XML-RPC, JSON-RPC, JSON-2, REST): after ``MAX_FAILURES`` in a row, that address is
refused for ``COOLDOWN`` seconds after its last failure, as Odoo does; a success starts over.

With ``ERP_REDIS_URL`` set the counters live in Redis, so every gunicorn worker (and every server
behind a load balancer) counts the same failures; otherwise, or while Redis does not answer, they
live in this process.
"""

from __future__ import annotations

import math
import os
import threading
import time
from typing import Any

from core.shared_counters import SharedCounters

MAX_FAILURES = 5
COOLDOWN = 60
KEY_PREFIX = "erp:login-failures:"


class LoginThrottle:
    def __init__(self, redis_url: str | None = None) -> None:
        self._shared = SharedCounters(redis_url)
        self._failures: dict[str, tuple[int, float]] = {}  # address -> (failures in a row, last one)
        self._lock = threading.Lock()

    def seconds_blocked(self, address: str | None) -> int:
        """Seconds before ``address`` may try again (0: it may try now)."""
        if not address:
            return 0
        shared = self._redis_call(self._redis_blocked, address)
        if shared is not None:
            return shared
        with self._lock:
            count, last = self._failures.get(address, (0, 0.0))
        remaining = COOLDOWN - (time.monotonic() - last)
        return math.ceil(remaining) if count >= MAX_FAILURES and remaining > 0 else 0

    def record_failure(self, address: str | None) -> None:
        if not address or self._redis_call(self._redis_failure, address) is not None:
            return
        with self._lock:
            count, last = self._failures.get(address, (0, 0.0))
            if time.monotonic() - last >= COOLDOWN:
                count = 0  # a minute without failures: a new series starts
            self._failures[address] = (count + 1, time.monotonic())
            if len(self._failures) > 100_000:  # forget old series instead of growing forever
                now = time.monotonic()
                self._failures = {a: v for a, v in self._failures.items() if now - v[1] < COOLDOWN}

    def record_success(self, address: str | None) -> None:
        if not address:
            return
        self._redis_call(lambda redis, key: redis.delete(key), address)
        with self._lock:
            self._failures.pop(address, None)

    def reset(self) -> None:
        """Forget the failures counted in this process (tests, an administrator unblocking clients)."""
        with self._lock:
            self._failures.clear()

    # -- Redis ----------------------------------------------------------------------------------
    def _redis_call(self, function: Any, address: str) -> Any:
        """``function(redis, key)`` of ``address``; None when the count is kept in this process."""
        return self._shared.call(lambda redis: function(redis, KEY_PREFIX + address))

    @staticmethod
    def _redis_blocked(redis: Any, key: str) -> int:
        with redis.pipeline() as pipe:
            pipe.get(key)
            pipe.pttl(key)
            count, ttl_ms = pipe.execute()
        return math.ceil(ttl_ms / 1000) if count and int(count) >= MAX_FAILURES and ttl_ms > 0 else 0

    @staticmethod
    def _redis_failure(redis: Any, key: str) -> bool:
        # the key lives COOLDOWN seconds after the last failure: the series ends with it
        with redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, COOLDOWN)
            pipe.execute()
        return True


_throttle = LoginThrottle(os.environ.get("ERP_REDIS_URL") or None)


def throttle() -> LoginThrottle:
    return _throttle


def configure(redis_url: str | None) -> None:
    """Count in ``redis_url`` (None: in this process); the web app calls it with its configuration."""
    global _throttle
    _throttle = LoginThrottle(redis_url or None)
