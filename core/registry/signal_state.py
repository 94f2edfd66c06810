"""The signal counters a registry shares with other processes (metadata and access caches): read on
their own connection, watched without a statement (``watch.py``), bumped by the transaction that
changes them; ``Registry.check_signals`` decides when to read them."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from core.registry.signals import bump_signal, read_signals
from core.registry.watch import watch_for

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from core.db.transaction import Cursor
    from core.registry.watch import SignalWatch
    from core.security.service import Security


class SignalState:
    """The part of a registry that follows the signal counters."""

    # declared for the type checker: the registry sets them
    url: str
    engine: Engine
    addons_path: Any
    security: Security
    registry_version: int
    cache_version: int
    _signal_seen: Any
    _signal_read_at: float

    def read_signals(self) -> tuple[int, int]:
        # one statement on its own: no transaction around it on PostgreSQL, and on SQLite a deferred one,
        # so checking for changes never waits for (or blocks) a writer
        options = {"isolation_level": "AUTOCOMMIT"} if self.engine.dialect.name == "postgresql" \
            else {"sqlite_begin": "DEFERRED"}
        with self.engine.connect().execution_options(**options) as conn:
            return read_signals(conn)

    def _read_signal_versions(self) -> tuple[int, int]:
        # the generation is taken before the read: a change committed meanwhile shows in the next one
        self._signal_seen = self.signal_watch.generation()
        self._signal_read_at = time.monotonic()
        self.registry_version, self.cache_version = versions = self.read_signals()
        return versions

    @property
    def signal_watch(self) -> SignalWatch:
        return watch_for(self.engine)

    def signal_changes(self, cr: Cursor, registry: bool = False, caches: bool = True) -> None:
        """Tell the other processes (after commit) that metadata or access caches changed."""
        bump_signal(cr, "registry" if registry else "cache")
        if registry:
            bump_signal(cr, "cache")
        self.security.clear()
        cr.data.pop("rule_domains", None)  # this transaction's own decisions change with them
        # what this transaction read into the caches meanwhile must not outlive it if it is undone
        if self.security.clear not in cr.postrollback:
            cr.postrollback.append(self.security.clear)
