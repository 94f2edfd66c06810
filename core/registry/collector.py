"""A loaded registry and the garbage collector."""
from __future__ import annotations

import gc


def settle() -> None:
    """A loaded registry lives as long as the process: its many objects (classes, fields, tables,
    definitions) leave the garbage collector's scans, whose full passes would otherwise walk them
    again during every request (about a sixth of the CPU of confirming sale orders). Replacing or
    forgetting a registry puts every object back, so the old one can be freed."""
    gc.freeze()


def release() -> None:
    """Every frozen object back under the collector (a registry was replaced or forgotten)."""
    gc.unfreeze()
