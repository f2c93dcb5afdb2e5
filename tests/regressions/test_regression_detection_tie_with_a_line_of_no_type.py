"""Regression (found by the fuzzer, seed 3): when two formats tied at detection and
were told apart by decoding the leading lines, a line of no known record type (an
empty one, a stray byte) made detection raise ``KeyError`` instead of reporting
PR002 (or reading). Lines of no type of a format are now left out of that test.
"""

from __future__ import annotations

from pathlib import Path

import pse_recon

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_a_tie_with_a_line_of_no_type_is_pr002_not_a_crash() -> None:
    lines = (GOLDEN / "pse-summary.txt").read_bytes().splitlines(keepends=True)
    # A PSE header, state totals (both PSE formats fit them) and a blank line.
    data = b"".join(lines[:1] + lines[4:]) + b"\n" + b"".join(lines[4:])
    report = pse_recon.validate(data)
    assert [(f.code, f.line) for f in report.findings][:1] == [("PR002", 1)]
    assert "pse-summary or pse-detail" in report.findings[0].message
