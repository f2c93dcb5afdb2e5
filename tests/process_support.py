"""Running the command line in a child process with the standard streams and device
nodes a test needs, never the machine's own ``/dev``."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
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
