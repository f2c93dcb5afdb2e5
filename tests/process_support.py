"""Running the command line in a child process with the standard streams, device nodes
and FIFOs a test needs, made in the test's folder, never the machine's own ``/dev``."""

from __future__ import annotations

import contextlib
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENGLISH = {**os.environ, "LC_ALL": "C.UTF-8"}


def pse(*argv: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """``python -m pse_recon ARGV`` in a child process, in English."""
    return subprocess.run(
        [sys.executable, "-m", "pse_recon", *map(str, argv)], check=False, env=ENGLISH, **kwargs
    )


def pse_closing(fd: int, *argv: str | Path) -> subprocess.CompletedProcess[bytes]:
    """``pse`` started with file descriptor ``fd`` (1: standard output) closed."""
    return subprocess.run(
        ["sh", "-c", f'exec "$@" {fd}>&-', "sh", sys.executable, "-m", "pse_recon", *map(str, argv)],
        capture_output=True, check=False, env=ENGLISH,
    )


def mknod(path: Path, major: int, minor: int, kind: int = stat.S_IFCHR) -> Path:
    """A device node at ``path`` (1, 3 is like /dev/null; 1, 7 like /dev/full), writable
    by all; the test is skipped where making one is not permitted."""
    try:
        os.mknod(path, kind | 0o666, os.makedev(major, minor))
    except PermissionError:
        pytest.skip("mknod is not permitted here")
    os.chmod(path, 0o666)
    return path


@contextlib.contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """A FIFO made at ``path`` and read to its end by a thread while the block writes
    it; the list holds what was read once the block is over."""
    os.mkfifo(path)
    received: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as f:
            received.append(f.read())

    thread = threading.Thread(target=read)
    thread.start()
    try:
        yield received
    finally:
        # a reader still waiting for a writer (the block failed before opening the
        # FIFO) is released: it reads nothing, the test fails instead of hanging
        with contextlib.suppress(OSError):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        thread.join()
