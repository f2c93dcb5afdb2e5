"""The two bounds that keep memory flat whatever the input: the line-length cap
(``MAX_LINE``) and the number of findings kept (``max_findings``, the rest counted in
``left_out`` and ``left_out_errors``).

Memory is tracemalloc's peak (every Python allocation made while the work runs),
compared between two sizes of the same construction: a bound holds when ten times
the input does not raise the peak. Nothing is timed. Expected findings and counts
are worked out by hand from each construction; positions come from the layouts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import memory_support
import pse_recon
from pse_recon.codec.lines import MAX_LINE

GOLDEN = Path(__file__).parent / "golden"
E, W = pse_recon.Severity.ERROR, pse_recon.Severity.WARNING
KIB, MIB = 1024, 1024 * 1024
#: Allocator noise between two runs of the same work.
SLACK = 64 * KIB
F2001 = pse_recon.layout("asobancaria-2001")


def peak(work: Callable[[], Any]) -> int:
    """tracemalloc's peak while ``work`` runs, after a warm-up run."""
    return memory_support.peak(work, warm_up=True)


def assert_flat(small: int, large: int, ceiling: int) -> None:
    assert large < small * 1.25 + SLACK, f"peak {large:,} B at 10x the input vs {small:,} B"
    assert large < ceiling, f"peak {large:,} B"


def where(report: pse_recon.Report) -> list[tuple[str, int, str | None, pse_recon.Severity]]:
    return [(f.code, f.line, f.field, f.severity) for f in report.findings]


def golden_lines(name: str = "asobancaria-2001-162.txt") -> list[bytes]:
    """Lines 1-10 of the 2001 golden file: 01, 05, 06, 06, 08, 05, 06, 06, 08, 09."""
    return (GOLDEN / name).read_bytes().split(b"\n")[:-1]


def put(line: bytes, record: str, field: str, text: str) -> bytes:
    f = F2001[record].field(field)
    assert len(text) == f.length
    return line[: f.start - 1] + text.encode() + line[f.end :]


def get(line: bytes, record: str, field: str) -> str:
    f = F2001[record].field(field)
    return line[f.start - 1 : f.end].decode()


def drain(source: Path | bytes, format: str | None = None) -> str:
    """Iterate ``source`` to its end; the code of the ReadError that stops it, if any."""
    try:
        for _ in pse_recon.iter_records(source, format):
            pass
    except pse_recon.ReadError as exc:
        return exc.findings[0].code
    return ""


# -- the line-length cap ---------------------------------------------------------------
def write_long_line(path: Path, size: int, before: list[bytes] = (), after: list[bytes] = ()) -> Path:
    """``before`` lines, one line of ``size`` bytes (a 2001 detail type and digits, no
    line ending until the end of it), ``after`` lines; written in chunks, so the test
    itself never holds the long line."""
    chunk = b"7" * MIB
    with path.open("wb") as f:
        for line in before:
            f.write(line + b"\n")
        f.write(b"06")
        left = size - 2
        while left > 0:
            f.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
        if after:
            f.write(b"\n")
            for line in after:
                f.write(line + b"\n")
    return path


@pytest.fixture(scope="module")
def long_lines(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("bounds")
    return {size: write_long_line(folder / f"line-{size}.txt", size) for size in (5 * MIB, 50 * MIB)}


def test_a_50_mb_single_line_validates_in_memory_independent_of_its_length(
    long_lines: dict[int, Path],
) -> None:
    reports: dict[int, pse_recon.Report] = {}

    def check(size: int) -> None:
        reports[size] = pse_recon.validate(long_lines[size], "asobancaria-2001")

    small = peak(lambda: check(5 * MIB))
    large = peak(lambda: check(50 * MIB))
    for report in reports.values():
        # One line, too long to be any record: the cap, once; nothing else can be said.
        assert where(report) == [("PR003", 1, None, E)]
        assert (report.findings[0].column, report.left_out) == (MAX_LINE + 1, 0)
    assert_flat(small, large, ceiling=1 * MIB)


def test_a_50_mb_single_line_detected_is_no_format(long_lines: dict[int, Path]) -> None:
    report = pse_recon.validate(long_lines[50 * MIB])
    assert where(report) == [("PR002", 1, None, E)]


@pytest.mark.parametrize("format", [None, "asobancaria-2001"])
def test_a_50_mb_single_line_is_streamed_and_refused(long_lines: dict[int, Path], format: str | None) -> None:
    codes: dict[int, str] = {}

    def consume(size: int) -> None:
        codes[size] = drain(long_lines[size], format)

    small = peak(lambda: consume(5 * MIB))
    large = peak(lambda: consume(50 * MIB))
    expected = "PR003" if format else "PR002"  # undetectable when the format is not given
    assert codes == {5 * MIB: expected, 50 * MIB: expected}
    assert_flat(small, large, ceiling=1 * MIB)


def test_read_refuses_a_50_mb_line_in_bounded_memory(long_lines: dict[int, Path]) -> None:
    def attempt(size: int) -> None:
        with pytest.raises(pse_recon.ReadError) as info:
            pse_recon.read(long_lines[size], "asobancaria-2001")
        assert [(f.code, f.line) for f in info.value.findings] == [("PR003", 1)]

    assert_flat(peak(lambda: attempt(5 * MIB)), peak(lambda: attempt(50 * MIB)), ceiling=1 * MIB)


def test_a_50_mb_line_inside_a_file_is_reported_once_and_the_rest_checked(tmp_path: Path) -> None:
    lines = golden_lines()
    # Line 7 of the golden file (a detail of lot 2) gets a medio de pago not in the
    # catalog, so that the file's end is seen to be checked after the long line.
    lines[6] = put(lines[6], "06", "medio_pago", "77")
    path = write_long_line(tmp_path / "inside.txt", 50 * MIB, before=lines[:3], after=lines[3:])
    report = pse_recon.validate(path)
    # The long line is new line 4, inside lot 1 (lines 2-6 now): its lot control (6)
    # and the file control (11) cannot be verified; the bad medio de pago is now line 8.
    # Lot 2 (lines 7-10) has nothing unreadable, and medio_pago is not summed.
    assert where(report) == [
        ("PR003", 4, None, E),
        ("PR306", 6, None, W),
        ("PR106", 8, "medio_pago", E),
        ("PR306", 11, None, W),
    ]
    assert report.summary.details == 4  # the golden file's four; the long line is none


def test_lines_about_the_cap(tmp_path: Path) -> None:
    """A line a little shorter than the cap is read whole (a record too wide, PR004);
    a little longer, it is cut at the cap (PR003) and its controls are not verified."""
    lines = golden_lines()
    under = lines.copy()
    under[2] = lines[2].ljust(MAX_LINE - 1, b"X")  # (blanks would be a padded record)
    report = pse_recon.validate(b"\n".join(under) + b"\n")
    assert where(report) == [("PR004", 3, None, E), ("PR306", 5, None, W), ("PR306", 10, None, W)]
    assert (report.findings[0].column, report.findings[0].end_column) == (163, MAX_LINE - 1)

    over = lines.copy()
    over[2] = lines[2].ljust(MAX_LINE + 1)
    report = pse_recon.validate(b"\n".join(over) + b"\n")
    assert where(report) == [("PR003", 3, None, E), ("PR306", 5, None, W), ("PR306", 10, None, W)]


# -- the findings cap -----------------------------------------------------------------------
def garbage_lines(n: int, seed: int = 6) -> Iterator[bytes]:
    """``n`` lines of random bytes, none of them a line break, each opening with two
    letters: no record type of any format, so exactly one finding (PR005) each."""
    rng = random.Random(seed)
    alphabet = bytes(b for b in range(256) if b not in (10, 13))
    body = bytes(rng.choice(alphabet) for _ in range(4096))
    for i in range(n):
        start = rng.randrange(len(body) - 200)
        yield b"XY"[i % 2 : i % 2 + 1] + b"Z" + body[start : start + rng.randrange(0, 200)]


@pytest.fixture(scope="module")
def garbage(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("garbage")
    paths = {}
    for n in (20_000, 200_000):
        paths[n] = folder / f"garbage-{n}.txt"
        with paths[n].open("wb") as f:
            f.writelines(line + b"\n" for line in garbage_lines(n))
    return paths


def test_200k_garbage_lines_keep_100_findings_and_count_the_rest(garbage: dict[int, Path]) -> None:
    reports: dict[int, pse_recon.Report] = {}

    def check(n: int) -> None:
        reports[n] = pse_recon.validate(garbage[n], "asobancaria-2001", max_findings=100)

    small = peak(lambda: check(20_000))
    large = peak(lambda: check(200_000))
    for n, report in reports.items():
        # One PR005 per line; the first 100 kept, the other n - 100 counted (all errors).
        assert where(report) == [("PR005", line, None, E) for line in range(1, 101)]
        assert (report.left_out, report.left_out_errors, report.valid) == (n - 100, n - 100, False)
        assert report.summary.details == 0
    assert_flat(small, large, ceiling=2 * MIB)


def test_the_measure_sees_findings_kept(garbage: dict[int, Path]) -> None:
    """Not a vacuous measure: keeping every finding of the 20,000 lines peaks far higher."""
    capped = peak(lambda: pse_recon.validate(garbage[20_000], "asobancaria-2001", max_findings=100))
    kept: list[pse_recon.Report] = []
    everything = peak(lambda: kept.append(
        pse_recon.validate(garbage[20_000], "asobancaria-2001", max_findings=20_000)))
    assert len(kept[-1].findings) == 20_000 and kept[-1].left_out == 0
    assert everything > 10 * capped


@pytest.mark.parametrize("format", sorted(pse_recon.FORMATS))
def test_garbage_lines_of_every_format_are_counted_exactly(garbage: dict[int, Path], format: str) -> None:
    # No format has a record type starting with X, Y or Z: one PR005 per line.
    report = pse_recon.validate(garbage[20_000], format, max_findings=10)
    assert where(report) == [("PR005", line, None, E) for line in range(1, 11)]
    assert (report.left_out, report.left_out_errors) == (19_990, 19_990)


def details_file(n: int) -> tuple[bytes, int]:
    """A 2001 file, one lot of ``n`` details made from the golden file's first one,
    numbered 2, 3 … (secuencia) and with controls that add up: every line valid but
    for one thing. Even details (1st, 3rd, …, lines 3, 5, …) get medio de pago 77
    (PR106, an error); odd ones (lines 4, 6, …) are trimmed of their trailing blanks
    (PR009, a warning said once per file: at line 4). Returns the bytes and the number
    of errors."""
    lines = golden_lines()
    header, lot_header, detail, lot_control, file_control = (
        lines[0], lines[1], lines[2], lines[4], lines[9]
    )
    amount = int(get(detail, "06", "valor_recaudado"))  # centavos, 2 implied decimals
    out = [header, lot_header]
    for i in range(n):
        line = put(detail, "06", "secuencia", f"{i + 2:07d}")
        out.append(put(line, "06", "medio_pago", "77") if i % 2 == 0 else line.rstrip(b" "))
    out.append(put(put(put(lot_control, "08", "total_registros_lote", f"{n:09d}"),
                       "08", "valor_total_lote", f"{n * amount:018d}"), "08", "numero_lote", "0001"))
    out.append(put(put(file_control, "09", "total_registros", f"{n:09d}"),
                   "09", "valor_total", f"{n * amount:018d}"))
    return b"\n".join(out) + b"\n", (n + 1) // 2


def test_left_out_counts_errors_and_warnings_exactly() -> None:
    n = 20_000
    data, errors = details_file(n)
    full = pse_recon.validate(data, max_findings=n)
    # One error per even detail, at its line, the trimming once; nothing at the controls.
    assert where(full) == [("PR106", 3, "medio_pago", E), ("PR009", 4, None, W)] + [
        ("PR106", line, "medio_pago", E) for line in range(5, n + 3, 2)
    ]
    assert full.left_out == 0

    capped = pse_recon.validate(data, max_findings=100)
    assert capped.findings == full.findings[:100]
    # Of the errors + 1 - 100 left out, all are errors: those of lines 201, 203, … n + 1.
    assert (capped.left_out, capped.left_out_errors) == (errors + 1 - 100, errors - 99)
    assert not capped.valid

    none_kept = pse_recon.validate(data, max_findings=0)
    assert (none_kept.findings, none_kept.left_out, none_kept.left_out_errors) == (
        (), errors + 1, errors)


def test_left_out_warnings_alone_leave_a_file_valid() -> None:
    lines = golden_lines()
    details = [3, 4, 7, 8]
    for n, cause in zip(details, ["991", "992", "993", "994"], strict=True):
        # an unknown return cause: PR113, a warning once per code
        lines[n - 1] = put(lines[n - 1], "06", "causal_devolucion", cause)
    data = b"\n".join(lines) + b"\n"
    report = pse_recon.validate(data, max_findings=1)
    assert where(report) == [("PR113", 3, "causal_devolucion", W)]
    assert (report.left_out, report.left_out_errors, report.valid) == (3, 0, True)
    # Trimmed records (PR009, said once) are errors when strict: counted with the rest.
    lines[5 - 1] = lines[5 - 1].rstrip(b" ")
    strict = pse_recon.validate(b"\n".join(lines) + b"\n", strict=True, max_findings=1)
    assert where(strict) == [("PR113", 3, "causal_devolucion", W)]
    assert (strict.left_out, strict.left_out_errors, strict.valid) == (4, 1, False)


def test_many_findings_per_line_are_counted_one_by_one() -> None:
    """The cap counts findings, not lines: a detail with three bad fields is three."""
    lines = golden_lines()
    bad = put(put(put(lines[2], "06", "procedencia_pago", "77"), "06", "medio_pago", "77"),
              "06", "numero_operacion", "ABCDEF")
    lines[2] = bad
    data = b"\n".join(lines) + b"\n"
    report = pse_recon.validate(data, max_findings=2)
    assert where(report) == [("PR106", 3, "procedencia_pago", E), ("PR106", 3, "medio_pago", E)]
    assert (report.left_out, report.left_out_errors) == (1, 1)
    full = pse_recon.validate(data)
    assert where(full)[2] == ("PR101", 3, "numero_operacion", E)
