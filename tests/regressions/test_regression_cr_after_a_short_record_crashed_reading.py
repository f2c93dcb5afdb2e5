"""Regression (issue 10): a record one column short followed by ``\\r\\r\\n``, or a
detail truncated to 161 characters plus ``\\r`` at the end of an LF file, made
``read`` (and so ``show``, ``convert``, ``reconcile``) fail with an internal
``IndexError``: the exact path took the CR for the record's last column, the
compiled decoder refused a record ending in CR, ``diagnose`` (which skips fillers)
found nothing wrong, and ``ReadError`` indexed ``findings[0]`` of an empty list.

Now a CR before the line end belongs to the terminator (``\\r\\r\\n``, ``\\r``), so both
lines are short records read as trimmed ones (their missing column is a blank of the
reservado), the odd line end reported once; and a ``ReadError`` cannot be made
without a finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pse_recon
from pse_recon.errors import ReadError

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
W = pse_recon.Severity.WARNING


def golden_lines() -> list[bytes]:
    return (GOLDEN / "asobancaria-2001-162.txt").read_bytes().splitlines(keepends=True)


def test_a_short_record_before_cr_cr_lf_reads() -> None:
    lines = golden_lines()
    lines[2] = lines[2][:161] + b"\r\r\n"
    data = b"".join(lines)
    f = pse_recon.read(data)
    assert [(x.code, x.line, x.severity) for x in f.findings] == [("PR015", 3, W), ("PR009", 3, W)]
    assert f.findings == pse_recon.validate(data).findings
    assert pse_recon.dumps(f) == data


def test_a_truncated_detail_with_a_cr_at_the_end_of_an_lf_file_reads() -> None:
    lines = golden_lines()[:3]
    lines[2] = lines[2][:161] + b"\r"
    data = b"".join(lines)
    with pytest.raises(ReadError) as info:  # the file is cut: no controls (not an IndexError)
        pse_recon.read(data)
    assert [(x.code, x.line) for x in info.value.findings] == [("PR203", 3)]
    records = list(pse_recon.iter_records(data))
    assert [r.record_type for r in records] == ["01", "05", "06"]
    assert [(x.code, x.line) for x in pse_recon.validate(data).findings] == [
        ("PR014", 3), ("PR008", 3), ("PR203", 3)
    ]


def test_a_read_error_needs_a_finding() -> None:
    with pytest.raises(ValueError, match="at least one finding"):
        ReadError([])
