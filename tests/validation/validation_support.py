"""Helpers of the validation tests: the hand-typed golden files and byte surgery at
positions taken from the layouts (never typed here).

The golden files (tests/golden/, written by tests/golden/write_golden.py without
importing pse_recon) are valid per the manual; each rule test breaks one thing in
one of them and states, by hand, the findings that must come out.
"""

from __future__ import annotations

import pse_recon
from golden_files import GOLDEN_FILES, golden
from pse_recon.findings import Finding

E, W = pse_recon.Severity.ERROR, pse_recon.Severity.WARNING

Where = tuple[str, int, str | None, pse_recon.Severity]


def lines_of(data: bytes) -> list[bytes]:
    """The lines of a file that ends with LF, without terminators."""
    assert data.endswith(b"\n")
    return data[:-1].split(b"\n")


def join(lines: list[bytes], newline: bytes = b"\n") -> bytes:
    return b"".join(line + newline for line in lines)


def put(name: str, line: int, field: str, text: str, data: bytes | None = None) -> bytes:
    """Golden file ``name`` (or ``data`` in its format) with ``text`` written over
    ``field`` of 1-based ``line``; the field's columns come from the layout."""
    fmt_name, width = GOLDEN_FILES[name]
    fmt = pse_recon.layout(fmt_name, width)
    lines = lines_of(golden(name) if data is None else data)
    old = lines[line - 1]
    rec = fmt.records[old[: fmt.type_length].decode()]
    f = rec.field(field)
    assert len(text) == f.length, (field, text)
    lines[line - 1] = old[: f.start - 1] + text.encode("latin-1") + old[f.end :]
    assert len(lines[line - 1]) == len(old)
    return join(lines)


def field_text(name: str, line: int, field: str) -> str:
    fmt_name, width = GOLDEN_FILES[name]
    fmt = pse_recon.layout(fmt_name, width)
    old = lines_of(golden(name))[line - 1]
    f = fmt.records[old[: fmt.type_length].decode()].field(field)
    return old[f.start - 1 : f.end].decode("latin-1")


def where(findings: tuple[Finding, ...] | list[Finding]) -> list[Where]:
    return [(f.code, f.line, f.field, f.severity) for f in findings]
