"""Streaming keeps memory flat: ten times the details, the same peak.

Peaks are tracemalloc's (every Python allocation, none of the interpreter's own
baseline), measured while iterating ``iter_records`` and while ``validate`` runs
over Asobancaria 2001 files of 10,000 and 100,000 details. Nothing is timed; the
benchmark (benchmarks/bench.py) measures speed and peak RSS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import pse_recon
from memory_support import peak

KIB = 1024
#: What may grow with the file: nothing; the constant absorbs allocator noise.
SLACK = 64 * KIB


def write_2001(path: Path, details: int, lots: int = 10) -> int:
    """An Asobancaria 2001 file at 162 columns, typed from the manual's columns
    (not written by pse_recon); returns the total in centavos."""
    pad = " " * 162

    def line(text: str) -> str:
        assert len(text) <= 162
        return (text + pad)[:162] + "\n"

    per = details // lots
    total = 0
    with open(path, "w", encoding="latin-1", newline="") as f:
        f.write(line("01" + "8001234565" + "20261120" + "007" + "12345678901".ljust(17)
                     + "20261120" + "1830" + "A" + "02"))
        for lot in range(1, lots + 1):
            f.write(line(f"05{'7701234000011'}{lot:04d}"))
            lot_total = 0
            for i in range(per):
                cents = 100_000 + (i * 7_919) % 25_000_000
                lot_total += cents
                f.write(line(f"06{lot * 10_000_000 + i:048d}{cents:014d}9915{i % 10**6:06d}000000"
                             f"0510003{i + 2:07d}   "))
            f.write(line(f"08{per:09d}{lot_total:018d}{lot:04d}"))
            total += lot_total
        f.write(line(f"09{per * lots:09d}{total:018d}"))
    return total


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("memory")
    paths = {}
    for n in (10_000, 100_000):
        paths[n] = folder / f"recaudo-{n}.txt"
        write_2001(paths[n], n)
    return paths


def assert_flat(small: int, large: int) -> None:
    assert large < small * 1.5 + SLACK, f"peak {large:,} B over 100k details vs {small:,} B over 10k"
    # Streaming: far below the 100k file's 16 MB, let alone its records.
    assert large < 2 * 1024 * KIB, f"peak {large:,} B"


def test_iter_records_streams_in_constant_memory(files: dict[int, Path]) -> None:
    counts: dict[Path, int] = {}

    def consume(path: Path) -> None:
        n = 0
        for record in pse_recon.iter_records(path):
            n += record.record_type == "06"
        counts[path] = n

    consume(files[10_000])  # compile the format, fill the caches: not growth
    small = peak(lambda: consume(files[10_000]))
    large = peak(lambda: consume(files[100_000]))

    assert counts == {files[10_000]: 10_000, files[100_000]: 100_000}
    assert_flat(small, large)


def test_the_measure_sees_records_kept(files: dict[int, Path]) -> None:
    """Not a vacuous measure: ``read``, which keeps every record, peaks far higher."""
    path = files[10_000]
    pse_recon.read(path)
    streamed = peak(lambda: sum(1 for _ in pse_recon.iter_records(path)))
    whole = peak(lambda: pse_recon.read(path))
    assert whole > 10 * streamed
    assert whole > 10_000 * 200  # 10,000 details of over 200 bytes each at least


def test_validate_streams_in_constant_memory(files: dict[int, Path]) -> None:
    validate = getattr(pse_recon, "validate", None)
    if validate is None:
        pytest.skip("pse_recon.validate has not landed yet")
    reports: dict[int, Any] = {}

    def check(n: int) -> None:
        reports[n] = validate(files[n])

    check(10_000)
    small = peak(lambda: check(10_000))
    large = peak(lambda: check(100_000))

    for n, report in reports.items():
        assert report.valid, list(report.findings)[:3]
        assert list(report.findings) == []
        assert report.summary.details == n
    assert_flat(small, large)


def test_validate_of_a_gzip_file_streams_in_constant_memory(
    files: dict[int, Path], tmp_path: Path
) -> None:
    """Unpacking is streamed too (pse_recon.codec.sources): the content is decompressed
    a buffer at a time, never held."""
    import gzip

    packed = {}
    for n, path in files.items():
        packed[n] = tmp_path / f"{path.name}.gz"
        packed[n].write_bytes(gzip.compress(path.read_bytes(), compresslevel=1))
    reports: dict[int, Any] = {}

    def check(n: int) -> None:
        reports[n] = pse_recon.validate(packed[n])

    check(10_000)
    small = peak(lambda: check(10_000))
    large = peak(lambda: check(100_000))
    assert [(r.valid, r.summary.details) for r in reports.values()] == [(True, 10_000), (True, 100_000)]
    assert_flat(small, large)
