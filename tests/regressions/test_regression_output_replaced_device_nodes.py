"""Regression (adversarial test, issue 11): ``-o`` replaced what it should write into.

``convert -o`` and ``generate -o`` wrote a temporary file beside the target and
renamed it over it, whatever the target was: run as root on one of this project's
machines, ``-o /dev/null`` replaced the machine's ``/dev/null`` with a regular file.
A device node or a FIFO is now written in place and stays what it was. Nodes made
with ``mknod`` in ``tmp_path``, never the machine's own.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from process_support import EXAMPLES, fifo_reader, mknod, pse


def test_device_nodes_stay_devices(tmp_path: Path) -> None:
    null, full = mknod(tmp_path / "null", 1, 3), mknod(tmp_path / "full", 1, 7)
    p = pse("convert", EXAMPLES / "recaudo-2001.txt", "--to", "json", "-o", null, capture_output=True)
    assert (p.returncode, p.stdout, p.stderr) == (0, b"", b"")
    p = pse("generate", "--format", "andesco", "--input", EXAMPLES / "transactions.csv", "-o", full,
            capture_output=True)
    assert (p.returncode, p.stderr) == (
        2, f"pse-recon: error: cannot write {full}: no space left on device\n".encode())
    for node, device in ((null, os.makedev(1, 3)), (full, os.makedev(1, 7))):
        st = os.lstat(node)
        assert stat.S_ISCHR(st.st_mode) and st.st_rdev == device
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "null"]  # no temporary left


def test_a_fifo_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    with fifo_reader(fifo) as received:
        p = pse("convert", EXAMPLES / "recaudo-2001.txt", "--to", "csv", "-o", fifo, capture_output=True)
    assert (p.returncode, p.stderr) == (0, b"")
    assert received[0].startswith(b"line,lot,codigo_servicio,tipo_registro,")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
