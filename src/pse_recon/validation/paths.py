"""Which of validation's three paths run: a supported switch, for testing them
against each other.

``validate`` checks lines by three paths that must give the same report: blocks of
good details at once (the bulk checker), good details one by one (the line
scanner), and every line exactly (the slow path, which alone reports). By default
all three run, each taking what it can. :func:`use_path` narrows that for the code
run inside it, so a test can compare the reports:

    >>> from pse_recon.validation import use_path
    >>> with use_path("exact"):
    ...     exact = pse_recon.validate(data)
    >>> assert pse_recon.validate(data) == exact

* ``"blocks"``: all three paths (the default);
* ``"lines"``: no bulk checker, good details through the scanner;
* ``"exact"``: every line through the slow path.

``block`` sets the lines per block (smaller blocks make a small test file hold many
of them); the :class:`PathCounts` it yields count what each path took. It is for
tests: it changes how fast validation is, never what it reports. The setting is a
:mod:`contextvars` variable, so it holds for the thread (or task) that sets it.

It is the supported way to choose a path: tests never patch the validator's or
the compiler's private names for it (docs/guide.md, "Validation's three paths, for
testing"; ``tests/validation/test_validation_paths.py`` holds the paths to one
report over the public strategies and mutated files).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Literal

import attrs

from pse_recon.compile.bulk import BLOCK

Path = Literal["blocks", "lines", "exact"]
PATHS: tuple[Path, ...] = ("blocks", "lines", "exact")


@attrs.define
class PathCounts:
    """What the paths took while :func:`use_path` held: blocks the bulk checker
    ``accepted`` and ``refused`` (those go through the scanner), and lines checked
    by the ``exact`` path."""

    accepted: int = 0
    refused: int = 0
    exact: int = 0

    def count_block(self, accepted: bool) -> None:
        if accepted:
            self.accepted += 1
        else:
            self.refused += 1


_PATH: contextvars.ContextVar[tuple[Path, int, PathCounts | None]] = contextvars.ContextVar(
    "pse_recon_validation_path", default=("blocks", BLOCK, None)
)


def current_path() -> tuple[Path, int, PathCounts | None]:
    """``(path, lines per block, counts)`` for a validator made now."""
    return _PATH.get()


@contextlib.contextmanager
def use_path(path: Path = "blocks", *, block: int = BLOCK) -> Iterator[PathCounts]:
    """Validate by ``path`` (and blocks of ``block`` lines) inside the ``with``."""
    if path not in PATHS:
        raise ValueError(f"unknown validation path {path!r}; paths: {', '.join(PATHS)}")
    if block < 1:
        raise ValueError("a block holds at least one line")
    counts = PathCounts()
    token = _PATH.set((path, block, counts))
    try:
        yield counts
    finally:
        _PATH.reset(token)
