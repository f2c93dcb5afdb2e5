"""Regression (adversarial test, issue 11): ``convert`` to a pipe whose reader went away
exited 0.

The whole document went to standard output in one ``write``; Python's buffered
stream handed the pipe what it took (a pipe's capacity), returned short without
raising when the reader closed, and the text layer above it ignored the count: the
command then flushed an empty buffer and exited 0, most of its output lost. Writes
are now chunked and checked, the rest retried, and the broken pipe is exit 141.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs

import pse_recon
from process_support import ENGLISH, EXAMPLES


def test_a_reader_that_goes_away_is_a_broken_pipe(tmp_path: Path) -> None:
    f = pse_recon.read(EXAMPLES / "recaudo-2001.txt")
    lot = f.lots[0]
    big = pse_recon.rebuild(attrs.evolve(f, lots=(attrs.evolve(lot, details=lot.details * 1000),)))
    source = tmp_path / "big.txt"
    pse_recon.write(big, source)
    for to in ("json", "csv"):  # megabytes: far more than a pipe holds
        child = subprocess.Popen(
            [sys.executable, "-m", "pse_recon", "convert", str(source), "--to", to],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENGLISH,
        )
        assert child.stdout is not None and child.stderr is not None
        assert len(child.stdout.read(100)) == 100  # like `head -c 100`
        child.stdout.close()
        assert child.wait() == 141
        assert child.stderr.read() == b""
        child.stderr.close()
