"""Login rate limiting, as Odoo does it: after 5 failed logins in a row from one address, logins
from it are refused for 60 seconds; a success resets the counter."""

from __future__ import annotations

import threading
import time

MAX_FAILURES = 5
COOLDOWN_SECONDS = 60.0

_failures: dict[str, tuple[int, float]] = {}
_lock = threading.Lock()


def seconds_blocked(address: str) -> int:
    """Seconds before ``address`` may try again (0: it may try now)."""
    with _lock:
        count, last = _failures.get(address, (0, 0.0))
        if count < MAX_FAILURES:
            return 0
        remaining = COOLDOWN_SECONDS - (time.monotonic() - last)
        if remaining <= 0:
            _failures.pop(address, None)
            return 0
        return int(remaining) + 1


def record_failure(address: str) -> None:
    with _lock:
        count, _last = _failures.get(address, (0, 0.0))
        _failures[address] = (count + 1, time.monotonic())


def record_success(address: str) -> None:
    with _lock:
        _failures.pop(address, None)


def reset() -> None:
    """Forget every counter (tests)."""
    with _lock:
        _failures.clear()
