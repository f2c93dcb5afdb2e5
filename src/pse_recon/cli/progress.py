"""A progress line on a terminal, for work that takes more than about a second.

A command that goes through a big file for seconds shows, on standard error when it
is a terminal, one line redrawn in place whose phase changes as the work goes: the
three passes of a streamed file (:mod:`.streaming`: ``pass 1/3, validating: 45 %``,
``pass 2/3, checking``, ``pass 3/3, reading``), then what the command does with it
(``reconcile``: ``expected payments: 350,000``, ``pairing: 40 %``, ``writing: 60 %``
when its output goes to a file or a pipe, not to the terminal the line is on;
``generate``: ``transactions: 350,000``), each with the seconds since the command
started. It appears from one second on, is redrawn at most five times a second, and
is wiped at the end of each phase, before anything else is printed. Never when
standard error is not a terminal (a pipe, a file, CI logs), so nothing a program
reads or a log keeps ever holds it.

A pass that gives no hook per line (``validate`` and ``check_readable`` read the
stream themselves, and a wrapper would cost their hot loop a call per line) is
watched from a thread that asks the stream its position five times a second: the
share of the file read, never a guess.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TypeVar

T = TypeVar("T")

#: Seconds of work before the line appears, and between two redraws.
DELAY, INTERVAL = 1.0, 0.2
#: Items between two looks at the clock.
EVERY = 4096


def on_terminal(fd: int = 2) -> bool:
    """Whether the process's standard error (or descriptor ``fd``) is a terminal."""
    try:
        return os.isatty(fd)
    except OSError:
        return False


class Line:
    """A command's progress line (see the module): off unless ``enabled`` (by
    default: standard error is a terminal); the seconds it shows count from its
    making."""

    def __init__(self, *, out: IO[str] | None = None, enabled: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.enabled = on_terminal() if enabled is None else enabled
        self._out = out
        self._clock = clock
        self._start = clock()
        self._shown = 0.0
        self._drawn = 0
        self._lock = threading.Lock()

    def _draw(self, label: str, detail: str) -> None:
        with self._lock:
            now = self._clock()
            if now - self._start < DELAY or (self._drawn and now - self._shown < INTERVAL):
                return
            text = f"{label}: {detail} ({now - self._start:.0f} s)" if detail else \
                f"{label} ({now - self._start:.0f} s)"
            stream = self._stream()
            stream.write("\r" + text.ljust(self._drawn))
            stream.flush()
            self._shown, self._drawn = now, len(text)

    def wipe(self) -> None:
        """Take the line off the terminal (it comes back with the next phase)."""
        with self._lock:
            if self._drawn:
                stream = self._stream()
                stream.write("\r" + " " * self._drawn + "\r")
                stream.flush()
                self._drawn = 0

    def _stream(self) -> IO[str]:
        return self._out if self._out is not None else sys.stderr

    def counted(self, items: Iterable[T], label: str, *, total: int = 0, every: int = 0) -> Iterator[T]:
        """``items``, counted on the line (``label: 350,000``, or a percentage of
        ``total`` when given), the clock looked at every ``every`` items
        (:data:`EVERY`); the line is wiped when they end."""
        if not self.enabled:
            yield from items
            return
        every = every or EVERY
        count = 0
        try:
            for count, item in enumerate(items, 1):
                if count % every == 0:
                    self._draw(label, f"{count * 100 // total} %" if total else f"{count:,}")
                yield item
        finally:
            self.wipe()

    @contextlib.contextmanager
    def watched(self, stream: IO[bytes], label: str, start: int = 0) -> Iterator[None]:
        """While the context lasts, the share of ``stream`` (from ``start`` to its end)
        read, from a thread (see the module); the line is wiped at the end. For a
        stream that cannot seek, the phase and the seconds only."""
        if not self.enabled:
            yield
            return
        share = _share(stream, start)
        stop = threading.Event()

        def watch() -> None:
            while not stop.wait(INTERVAL):
                self._draw(label, share())

        self._draw(label, share())
        thread = threading.Thread(target=watch, name="pse-recon progress", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
            self.wipe()


def _share(stream: IO[bytes], start: int) -> Callable[[], str]:
    """What a watched phase shows: ``45 %``, the stream's position (``tell``, which
    buffered and spooled streams answer from any thread) over its size, measured
    here, before the pass starts; nothing for a stream that cannot say."""
    try:
        at = stream.tell()
        size = stream.seek(0, os.SEEK_END) - start
        stream.seek(at)
    except (OSError, ValueError, AttributeError):
        return lambda: ""
    if size <= 0:
        return lambda: ""

    def percent() -> str:
        try:
            done = stream.tell() - start
        except (OSError, ValueError):  # closed as the pass ended
            return ""
        return f"{min(100, max(0, done * 100 // size))} %"

    return percent


def tracked(items: Iterable[T], label: str, *, out: IO[str] | None = None,
            enabled: bool | None = None, clock: Callable[[], float] = time.monotonic) -> Iterator[T]:
    """``items``, counted on a progress line of its own (:meth:`Line.counted`)."""
    return Line(out=out, enabled=enabled, clock=clock).counted(items, label)
