"""Progress display of long commands (a bar on a terminal, plain lines otherwise)."""
from __future__ import annotations

from typing import Any

from tqdm import tqdm


class Steps:
    """Counts named steps of unknown number, showing the current one."""

    def __init__(self, title: str) -> None:
        self.bar = tqdm(desc=title, unit="step", leave=True, bar_format="{desc}: {n_fmt} steps {postfix}")

    def step(self, label: str) -> None:
        self.bar.set_postfix_str(label)
        self.bar.update(1)

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.bar.close()


def bar(total: int, title: str) -> tqdm:
    return tqdm(total=total, desc=title, unit="row")
