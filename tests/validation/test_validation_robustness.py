"""validate never raises for a file's content: empty, garbage, another format,
truncated, an endless line; it raises only for the caller's mistakes. And findings
beyond max_findings are counted, not kept."""

from __future__ import annotations

import io
import random
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from validation_support import E, W, golden, lines_of, put, where

import pse_recon
from pse_recon.codec.lines import MAX_LINE

G = "asobancaria-2001-162.txt"


def test_empty_file() -> None:
    report = pse_recon.validate(b"")
    assert where(report.findings) == [("PR001", 1, None, E)]
    assert (report.format, report.width, report.valid) == (None, None, False)
    assert report.summary == pse_recon.Summary(0, 0, Decimal(0))


def test_empty_file_of_a_given_format() -> None:
    report = pse_recon.validate(b"", "pse-detail")
    assert where(report.findings) == [("PR001", 1, None, E)]
    assert report.format == "pse-detail"


@pytest.mark.parametrize("seed", range(5))
def test_binary_garbage_with_nuls(seed: int) -> None:
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(20000)) + b"\x00" * 300
    report = pse_recon.validate(data)
    assert where(report.findings) == [("PR002", 1, None, E)]
    assert report.format is None


@pytest.mark.parametrize("format", sorted(pse_recon.FORMATS))
def test_binary_garbage_of_a_given_format(format: str) -> None:
    rng = random.Random(format)
    data = bytes(rng.randrange(256) for _ in range(20000)) + b"\x00" * 300
    report = pse_recon.validate(data, format)
    assert not report.valid
    assert report.findings
    assert all(f.severity in (E, W) and f.message for f in report.findings)
    assert [f.line for f in report.findings] == sorted(f.line for f in report.findings)


def test_a_file_of_another_format() -> None:
    report = pse_recon.validate(golden("asobancaria-1998.txt"), "asobancaria-2001")
    assert not report.valid
    # The 1998 header read as a 2001 header: its fields are in other columns, and
    # what 2001 has beyond column 64 is only its blank reservado (so: trimmed).
    # 02 is no record type of 2001; the 09 totals have the columns 2001 has.
    assert where(report.findings) == [
        ("PR102", 1, "fecha_pago", E),
        ("PR107", 1, "codigo_entidad_recaudadora", W),
        ("PR101", 1, "fecha_archivo", E),
        ("PR101", 1, "hora_archivo", E),
        ("PR106", 1, "modificador_archivo", E),
        ("PR101", 1, "tipo_cuenta", E),
        ("PR009", 1, None, W),
        ("PR005", 2, None, E),
        ("PR005", 3, None, E),
        ("PR005", 4, None, E),
        ("PR306", 5, None, W),
        ("PR008", 5, None, W),
    ]
    assert report.summary.details == 0


def test_a_file_truncated_inside_a_detail() -> None:
    data = golden(G)
    cut = data.index(b"\n", data.index(b"\n") + 1) + 1 + 60  # 60 columns into line 3
    report = pse_recon.validate(data[:cut])
    # Line 3 stops in referencia_principal: what is missing is not blank filler.
    assert where(report.findings) == [
        ("PR007", 3, None, W),
        ("PR004", 3, None, E),
        ("PR203", 3, None, E),
    ]


def test_a_line_of_ten_megabytes_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.write(b"06")
        for _ in range(10):
            f.write(b"7" * 1_000_000)
    tracemalloc.start()
    try:
        report = pse_recon.validate(path, "asobancaria-2001")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert where(report.findings) == [("PR003", 1, None, E)]
    assert peak < 1_000_000  # the line is read MAX_LINE bytes at a time, never whole
    assert MAX_LINE < 1_000_000


def test_a_long_line_is_reported_once_and_the_next_lines_are_checked() -> None:
    lines = lines_of(golden(G))
    data = b"\n".join([*lines[:3], b"06" + b"1" * (3 * MAX_LINE), *lines[3:]]) + b"\n"
    report = pse_recon.validate(data)
    assert where(report.findings) == [
        ("PR003", 4, None, E),
        ("PR306", 6, None, W),
        ("PR306", 11, None, W),
    ]


def test_max_findings_keeps_the_first_and_counts_the_rest() -> None:
    data = golden(G)
    for line in (3, 4, 7, 8):  # every detail gets an unknown medio de pago
        data = put(G, line, "medio_pago", "77", data)
    full = pse_recon.validate(data)
    assert where(full.findings) == [("PR106", n, "medio_pago", E) for n in (3, 4, 7, 8)]
    capped = pse_recon.validate(data, max_findings=1)
    assert where(capped.findings) == [("PR106", 3, "medio_pago", E)]
    assert (capped.left_out, capped.left_out_errors, capped.valid) == (3, 3, False)
    nothing = pse_recon.validate(data, max_findings=0)
    assert (nothing.findings, nothing.left_out, nothing.valid) == ((), 4, False)


def test_left_out_warnings_alone_keep_a_file_valid() -> None:
    data = golden(G).replace(b"\n", b"\r\n")
    report = pse_recon.validate(data, max_findings=0)
    assert (report.findings, report.left_out, report.left_out_errors, report.valid) == ((), 1, 0, True)


def test_errors_and_warnings() -> None:
    data = put(G, 3, "medio_pago", "77", golden(G).replace(b"\n", b"\r\n"))
    data = data.replace(b"\n", b"\r\n").replace(b"\r\r", b"\r")
    report = pse_recon.validate(data)
    assert where(report.errors) == [("PR106", 3, "medio_pago", E)]
    assert where(report.warnings) == [("PR006", 1, None, W)]


def test_a_binary_stream_is_a_source() -> None:
    report = pse_recon.validate(io.BytesIO(golden(G)))
    assert report.valid and report.summary.details == 4


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        pse_recon.validate(golden(G), "asobancaria-2002")


def test_unknown_width_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        pse_recon.validate(golden(G), "asobancaria-2001", width=140)


def test_unknown_language_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="language"):
        pse_recon.validate(golden(G), lang="pt")


def test_unknown_encoding_and_negative_cap_are_value_errors() -> None:
    with pytest.raises(ValueError, match="encoding"):
        pse_recon.validate(golden(G), encoding="no-such-codec")
    with pytest.raises(ValueError, match="max_findings"):
        pse_recon.validate(golden(G), max_findings=-1)


def test_unreadable_path_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        pse_recon.validate(tmp_path / "missing.txt")
    with pytest.raises(OSError):
        pse_recon.validate(tmp_path)
