"""A progress line on a terminal, for work that takes more than about a second.

``show`` and ``convert`` go through a big file's records for seconds: on a terminal,
standard error shows ``records: 350,000 (3 s)`` redrawn in place, from one second on
and at most five times a second, and the line is wiped when the work ends. Never when
standard error is not a terminal (a pipe, a file, CI logs), so nothing a program
reads or a log keeps ever holds it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")

#: Seconds of work before the line appears, and between two redraws.
DELAY, INTERVAL = 1.0, 0.2
#: Items between two looks at the clock.
EVERY = 4096


def on_terminal() -> bool:
    """Whether the process's standard error (file descriptor 2) is a terminal."""
    try:
        return os.isatty(2)
    except OSError:
        return False


def tracked(items: Iterable[T], label: str, *, out: IO[str] | None = None,
            enabled: bool | None = None, clock: Callable[[], float] = time.monotonic) -> Iterator[T]:
    """``items``, counted on a progress line of ``out`` (standard error) when ``enabled``
    (by default: standard error is a terminal)."""
    if not (on_terminal() if enabled is None else enabled):
        yield from items
        return
    stream = out if out is not None else sys.stderr
    start = clock()
    shown, drawn = 0.0, 0
    count = 0
    try:
        for count, item in enumerate(items, 1):
            if count % EVERY == 0:
                now = clock()
                if now - start >= DELAY and now - shown >= INTERVAL:
                    text = f"{label}: {count:,} ({now - start:.0f} s)"
                    stream.write("\r" + text.ljust(drawn))
                    stream.flush()
                    shown, drawn = now, len(text)
            yield item
    finally:
        if drawn:
            stream.write("\r" + " " * drawn + "\r")
            stream.flush()
