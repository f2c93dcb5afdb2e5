"""Regression (issue 10, found by CI's fuzz run): a line of exactly 4,096 bytes (the
line cap) ending in CR LF lost its LF.

Lines are read with ``readline(MAX_LINE + 1)``: a record padded with blanks to the
cap, then ``\\r\\n``, came back as 4,096 bytes and ``\\r``, taken for a line cut at the
cap, whose rest (the ``\\n``) was skipped. Reading then saw a CR line end (PR014
instead of PR006) and ``dumps(read(b))`` wrote the file one byte short. A line whose
terminator alone runs past the cap is now whole, in ``Lines`` and ``iter_lines``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import pse_recon
from pse_recon.codec.lines import MAX_LINE, iter_lines

EXAMPLE = (Path(__file__).parents[2] / "examples" / "recaudo-2001.txt").read_bytes()


def padded(total: int, terminator: bytes) -> bytes:
    """The example with its first detail (line 3) padded with blanks to ``total`` bytes
    before ``terminator`` (the other lines keep LF)."""
    lines = EXAMPLE.split(b"\n")
    lines[2] = lines[2].ljust(total) + terminator[:-1]
    return b"\n".join(lines)


@pytest.mark.parametrize("terminator", [b"\r\n", b"\r\r\n"])
@pytest.mark.parametrize("total", [MAX_LINE - 1, MAX_LINE])
def test_a_record_at_the_cap_keeps_its_terminator(total: int, terminator: bytes) -> None:
    data = padded(total, terminator)
    ending = "PR006" if terminator == b"\r\n" else "PR015"

    f = pse_recon.read(data)

    assert pse_recon.dumps(f) == data
    assert [(x.code, x.line) for x in f.findings] == [(ending, 3), ("PR016", 3)]
    assert [(x.code, x.line) for x in pse_recon.validate(data).findings] == [(ending, 3), ("PR016", 3)]
    assert list(iter_lines(io.BytesIO(data)))[2] == data.split(b"\n")[2] + b"\n"


def test_a_record_past_the_cap_is_still_cut() -> None:
    data = padded(MAX_LINE + 1, b"\r\n")

    first = pse_recon.validate(data).findings[0]
    assert (first.code, first.line) == ("PR003", 3)
    assert len(list(iter_lines(io.BytesIO(data)))[2]) == MAX_LINE + 1
