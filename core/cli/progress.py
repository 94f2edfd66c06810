"""Progress display of long commands: a live bar on a terminal, one plain line per step otherwise.

Logs of CI jobs and pipes keep every line they receive, so redrawing a bar with carriage returns
there only buries the output; away from a terminal each step is one line, and a counted task prints
a line at each tenth of the way.
"""
from __future__ import annotations

import sys
from typing import Any, TextIO

from tqdm import tqdm


def _interactive(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Steps:
    """Counts named steps of unknown number, showing the current one."""

    def __init__(self, title: str, stream: TextIO | None = None) -> None:
        self.title, self.stream, self.count = title, stream or sys.stderr, 0
        self.bar = (tqdm(desc=title, unit="step", leave=True, file=self.stream,
                         bar_format="{desc}: {n_fmt} steps {postfix}")
                    if _interactive(self.stream) else None)

    def step(self, label: str) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.set_postfix_str(label)
            self.bar.update(1)
        else:
            print(f"{self.title}: {label}", file=self.stream, flush=True)

    def __enter__(self) -> Steps:
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.close()
        elif exc[0] is None:
            print(f"{self.title}: done ({self.count} steps)", file=self.stream, flush=True)


class LineBar:
    """The part of tqdm's interface the commands use, printing a line at each tenth of ``total``."""

    def __init__(self, total: int, title: str, stream: TextIO) -> None:
        self.total, self.title, self.stream, self.n = total, title, stream, 0
        self._printed = -1

    def update(self, count: int = 1) -> None:
        self.n += count
        tenth = self.n * 10 // self.total if self.total else 10
        if tenth > self._printed:
            self._printed = tenth
            print(f"{self.title}: {self.n}/{self.total} rows", file=self.stream, flush=True)

    def __enter__(self) -> LineBar:
        print(f"{self.title}: {self.total} rows", file=self.stream, flush=True)
        self._printed = 0
        return self

    def __exit__(self, *exc: Any) -> None:
        if exc[0] is None and self._printed < 10:
            print(f"{self.title}: {self.n}/{self.total} rows", file=self.stream, flush=True)


def bar(total: int, title: str, stream: TextIO | None = None) -> tqdm | LineBar:
    """A row counter for ``total`` rows: tqdm on a terminal, :class:`LineBar` otherwise."""
    stream = stream or sys.stderr
    if _interactive(stream):
        return tqdm(total=total, desc=title, unit="row", file=stream)
    return LineBar(total, title, stream)
