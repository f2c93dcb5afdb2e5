"""Regression (adversarial test, issue 11): ``--help`` and ``--version`` to a full device
exited 0 having written nothing.

argparse ignores a failure to write its help, and the text sat in Python's buffer
until exit, after the status was decided. Every command's output, help and version
included, is now flushed and checked before the status is returned: a full device is
one line and exit 2. The device is a node made with ``mknod`` in ``tmp_path`` (like
``/dev/full``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from process_support import EXAMPLES, mknod, pse

COMMANDS = [
    ["--help"],
    ["--version"],
    ["describe", "--help"],
    ["validate", EXAMPLES / "recaudo-2001.txt"],
    ["show", EXAMPLES / "recaudo-2001.txt"],
    ["convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(map(str, argv[:2])))
def test_a_full_standard_output_fails(tmp_path: Path, argv: list[str | Path]) -> None:
    full = mknod(tmp_path / "full", 1, 7)
    with open(full, "wb") as stdout:
        p = pse(*argv, stdout=stdout, stderr=subprocess.PIPE)
    assert (p.returncode, p.stderr) == (
        2, b"pse-recon: error: cannot write standard output: no space left on device\n")
