"""Regression (issue 11, a hostile input): a FIFO was opened twice.

Every command checked that its input could be read by opening and closing it
(``check_readable``), then opened it again to read it. A FIFO's writer is met by the
first opening: what it wrote went to a reader that read nothing and closed, and the
second opening waited for a writer that never came (``mkfifo p; cat f > p &
pse-recon validate p`` hung). Every input is now opened once (pse_recon.cli.inputs);
a command that reads it twice (read, then validate) spools what cannot be rewound.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive_support import gz

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE = (EXAMPLES / "recaudo-2001.txt").read_bytes()
VALID = "asobancaria-2001, 162 columns, 2 lots, 4 details, total 1514450.50: valid (0 errors, 0 warnings)"


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Any]:
    """``fifo(data)``: a FIFO in tmp_path and a thread that opens it once and writes
    ``data`` once (a second opening by the command would wait forever: no writer)."""
    threads: list[threading.Thread] = []

    def make(data: bytes) -> Path:
        path = tmp_path / "pipe"
        try:
            os.mkfifo(path)
        except (OSError, AttributeError) as exc:  # pragma: no cover: no FIFOs here
            pytest.skip(f"cannot make a FIFO: {exc}")

        def write() -> None:
            with open(path, "wb") as f:
                f.write(data)

        threads.append(threading.Thread(target=write, daemon=True))
        threads[-1].start()
        return path

    yield make
    for thread in threads:
        thread.join(timeout=10)
        assert not thread.is_alive(), "the writer is still waiting: the FIFO was not read"


@pytest.mark.parametrize(("argv", "first_line"), [
    (["validate"], "pipe: " + VALID),
    (["show"], "file: pipe"),
    (["convert", "--to", "json"], "{"),
    (["reconcile", "--expected", str(EXAMPLES / "expected.csv")],
     "pipe: asobancaria-2001, 4 payments in the file (total 1514450.50), 4 expected (total 448400.50)"),
])
def test_a_fifo_is_opened_and_read_once(fifo: Any, tmp_path: Path, argv: list[str], first_line: str) -> None:
    """In a subprocess, under a timeout: a command that opened the FIFO twice would
    hang waiting for a second writer (or read nothing the second time)."""
    path = fifo(gz(EXAMPLE))
    p = subprocess.run(
        [sys.executable, "-m", "pse_recon", argv[0], "pipe", *argv[1:]], cwd=tmp_path,
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "LC_ALL": "C", "PYTHONPATH": str(ROOT / "src")},
    )
    assert p.stdout.splitlines()[0] == first_line, p.stderr
    assert p.returncode == (5 if argv[0] == "reconcile" else 0), p.stderr
    assert path.exists()
