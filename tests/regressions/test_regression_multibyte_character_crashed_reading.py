"""Regression (found by the fuzzer, reading in UTF-8 and UTF-16): a character of
more than one byte made ``read`` and ``iter_records`` raise IndexError or
decimal.InvalidOperation instead of ReadError.

The compiled decoders slice a line's *text* at its *byte* columns. In latin-1 the two
agree; in UTF-8 an ``Ñ`` is two bytes and one character, so every field after it was
sliced one character late (values silently shifted, or an index past the end), and in
UTF-16 every character is two bytes. The files are one byte a column (spec; PR010's
source), so a character of several bytes is PR010 at its first byte, in reading and
in validation alike (validation only checked that the bytes decode).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pse_recon

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
E = pse_recon.Severity.ERROR


def golden_with_enye() -> tuple[bytes, int]:
    """The 2001 golden file (all ASCII) with ``Ñ`` in UTF-8 closing numero_cuenta (an
    alphanumeric field) of line 1, the field's last two blanks replaced so the line
    keeps its 162 bytes. Returns the bytes and the column of the Ñ's first byte.
    (It was causal_devolucion of line 3 until that field became blank-or-digits.)"""
    lines = (GOLDEN / "asobancaria-2001-162.txt").read_bytes().split(b"\n")
    account = pse_recon.layout("asobancaria-2001")["01"].field("numero_cuenta")
    line = lines[0]
    assert line[account.end - 2 : account.end] == b"  "
    lines[0] = line[: account.end - 2] + "Ñ".encode() + line[account.end :]
    assert len(lines[0]) == len(line) == 162
    return b"\n".join(lines), account.end - 1


def test_a_two_byte_character_is_a_read_error_at_its_column() -> None:
    data, column = golden_with_enye()
    for attempt in (lambda: pse_recon.read(data, encoding="utf-8"),
                    lambda: list(pse_recon.iter_records(data, encoding="utf-8"))):
        with pytest.raises(pse_recon.ReadError) as info:
            attempt()
        assert [(f.code, f.line, f.column) for f in info.value.findings] == [("PR010", 1, column)]


def test_validation_reports_the_two_byte_character() -> None:
    data, column = golden_with_enye()
    report = pse_recon.validate(data, encoding="utf-8")
    assert [(f.code, f.line, f.column, f.severity) for f in report.findings] == [("PR010", 1, column, E)]
    assert "0xc3" in report.findings[0].message
    # In latin-1 the same bytes are two characters, one column each: "Ã" and the C1
    # control 0x91, which the manual's printable text does not allow (PR114).
    assert [(f.code, f.line, f.column) for f in pse_recon.validate(data).findings] == [
        ("PR114", 1, 24)
    ]
    assert pse_recon.dumps(pse_recon.read(data)) == data


def test_utf16_is_refused_before_reading_not_crashed_on() -> None:
    # It was refused line by line (PR010 at 1:1); since issue 11 an encoding of two
    # bytes a character is refused as an argument, the same way by read and validate.
    data = (GOLDEN / "asobancaria-2001-162.txt").read_bytes()
    for call in (pse_recon.read, pse_recon.validate, pse_recon.iter_records):
        with pytest.raises(ValueError, match="one byte a column"):
            call(data, encoding="utf-16")
