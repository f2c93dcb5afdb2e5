"""The golden files: typed by hand from the manual (tests/golden/write_golden.py),
valid, one per format and width."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"

#: file → (format, width of the file; None for PSE, whose lines have no one width)
GOLDEN_FILES = {
    "asobancaria-1998.txt": ("asobancaria-1998", 64),
    "asobancaria-2001-162.txt": ("asobancaria-2001", 162),
    "asobancaria-2001-150.txt": ("asobancaria-2001", 150),
    "andesco.txt": ("andesco", 110),
    "pse-summary.txt": ("pse-summary", None),
    "pse-detail.txt": ("pse-detail", None),
}


def golden(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()
