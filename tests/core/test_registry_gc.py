"""A loaded registry is long-lived: its objects stay out of the garbage collector's scans until it
is forgotten, when they may be collected again."""
from __future__ import annotations

import gc

from core.registry.registry import Registry


def test_a_loaded_registry_leaves_the_collector_scans_until_forgotten(fresh_registry):
    gc.unfreeze()
    registry = fresh_registry()
    assert gc.get_freeze_count() > 0
    Registry.forget(registry.url)
    assert gc.get_freeze_count() == 0
    Registry.replace(registry)
    assert gc.get_freeze_count() > 0
    Registry.forget(registry.url)
