"""Regression (issue 10): ``pse-recon validate FILE >&-`` printed ``internal error:
AttributeError: 'NoneType' object has no attribute 'flush'`` and exited 3.

Started with standard output closed, Python sets ``sys.stdout`` to ``None``. It is now
a stream that fails when written to: a command that prints says so in one line and
exits 2, one that prints nothing (``convert -o FILE``) is not affected.
"""

from __future__ import annotations

from process_support import EXAMPLES, pse_closing


def test_validate_with_standard_output_closed() -> None:
    p = pse_closing(1, "validate", EXAMPLES / "recaudo-2001.txt")
    assert (p.returncode, p.stderr) == (2, b"pse-recon: error: cannot write standard output: it is closed\n")


def test_help_with_standard_output_closed() -> None:
    p = pse_closing(1, "--help")  # argparse used to ignore the failure and exit 0
    assert (p.returncode, p.stderr) == (2, b"pse-recon: error: cannot write standard output: it is closed\n")
