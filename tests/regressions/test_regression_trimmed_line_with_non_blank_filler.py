"""Regression (found by the fuzzer): a line trimmed inside its trailing filler, the
filler's present columns not blank.

``read`` accepts such a line (it pads it with blanks and does not check fillers), and
the missing columns are blank filler, which blanks satisfy: a trimmed line (PR009)
whose filler is not blank (PR105). ``validate`` judged the whole padded filler when
deciding whether the missing columns fit, and so reported the line as of the wrong
width (PR004) instead, a rule reading enforces, on a file that reads.
"""

from __future__ import annotations

from pathlib import Path

import pse_recon

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "asobancaria-2001-162.txt"
E, W = pse_recon.Severity.ERROR, pse_recon.Severity.WARNING


def test_trimmed_line_with_a_non_blank_filler_is_a_filler_finding() -> None:
    lines = GOLDEN.read_bytes().split(b"\n")
    reservado = pse_recon.layout("asobancaria-2001")["06"].field("reservado")
    detail = lines[2]  # line 3, the first detail
    assert detail[:2] == b"06" and len(detail) == 162
    # One non-blank character in the filler's first column, the rest of the line trimmed.
    lines[2] = detail[: reservado.start - 1] + b"X"
    data = b"\n".join(lines)

    pse_recon.read(data)  # reads: fillers are not checked, blanks pad the rest

    report = pse_recon.validate(data)
    assert [(f.code, f.line, f.field, f.severity) for f in report.findings] == [
        ("PR105", 3, "reservado", E),
        ("PR009", 3, None, W),
    ]
    assert report.findings[0].text == "X".ljust(reservado.length)
