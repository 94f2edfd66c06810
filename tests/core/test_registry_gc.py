"""A loaded registry is long-lived: its objects stay out of the garbage collector's scans until a
registry is replaced or forgotten, when they may be collected again."""
from __future__ import annotations

import gc
import weakref

from core.registry.registry import Registry


def test_a_loaded_registry_leaves_the_collector_scans_until_forgotten(fresh_registry):
    gc.unfreeze()
    registry = fresh_registry()
    assert gc.get_freeze_count() > 0
    Registry.forget(registry.url)
    assert gc.get_freeze_count() == 0


def test_a_replaced_registry_can_be_freed(fresh_registry):
    gc.unfreeze()
    old = fresh_registry()
    url = old.url
    assert gc.get_freeze_count() > 0
    new = Registry(url)
    new.load_installed()
    gone = weakref.ref(old)
    Registry.replace(new)
    del old
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None
    Registry.forget(url)
