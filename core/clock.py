"""The time the suite believes it is; tests freeze it to check deadlines and states."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_frozen: dt.datetime | None = None


def utcnow() -> dt.datetime:
    """Naive UTC now (the form datetimes are stored in)."""
    if _frozen is not None:
        return _frozen
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today() -> dt.date:
    return utcnow().date()


@contextmanager
def frozen(moment: dt.datetime | dt.date | str) -> Iterator[None]:
    """Make ``utcnow()`` answer ``moment`` inside the block."""
    global _frozen
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime(moment.year, moment.month, moment.day, 12)
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
