"""Regression (found by the command-line fuzzer): a record one column short, then LF.

The line is as long as the record (161 columns and its ``\\n``), so the compiled
decoder took the LF for the record's last column, a filler it does not check, and
read the line on its fast path: ``read`` then kept no quirk while ``validate``
reported the trimmed record (PR009). The same held for a record two columns short
ending in CRLF. The decoders now refuse a CR or LF in the last column, and the
exact path reads the line as the trimmed record it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pse_recon

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "asobancaria-2001-162.txt"


@pytest.mark.parametrize("cut, end", [(1, b"\n"), (2, b"\r\n")])
def test_a_short_detail_is_a_trimmed_record_in_read_and_validate(cut: int, end: bytes) -> None:
    lines = GOLDEN.read_bytes().split(b"\n")
    assert lines[2][:2] == b"06" and lines[2].endswith(b" " * cut)
    lines[2] = lines[2][:-cut]
    data = b"\n".join(lines[:2]) + b"\n" + lines[2] + end + b"\n".join(lines[3:])

    f = pse_recon.read(data)
    report = pse_recon.validate(data)

    quirks = [(x.code, x.line, x.column, x.message) for x in f.findings]
    assert ("PR009", 3) in [(c, n) for c, n, _, _ in quirks]
    assert [(x.code, x.line, x.column, x.message) for x in report.findings
            if x.code in {c for c, *_ in quirks}] == quirks
    assert pse_recon.dumps(f) == data
    detail = f.details[0]
    assert detail.raw == lines[2] + end
