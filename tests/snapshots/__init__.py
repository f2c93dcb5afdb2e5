"""Snapshots of generated code: Asobancaria 2001's detail decoder and encoder and the
format's line scanner, as the compiler writes them (``tests/test_snapshots.py``
compares them with the text files here).

A change to the code generation shows in the diff of these files, so a reviewer
reads what the hot paths became. After a deliberate change, rewrite them from the
repository's root with::

    python -m tests.snapshots
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pse_recon
from pse_recon.compile.codec import compile_record
from pse_recon.compile.plan import format_plan
from pse_recon.compile.scanner import scanner

HERE = Path(__file__).parent


def _detail(part: str) -> str:
    compiled = compile_record(pse_recon.layout("asobancaria-2001"), "06")
    return compiled.decoder_source if part == "decoder" else compiled.encoder_source


#: File name → what it holds, generated now.
SNAPSHOTS: dict[str, Callable[[], str]] = {
    "asobancaria-2001-162-06-decoder.txt": lambda: _detail("decoder"),
    "asobancaria-2001-162-06-encoder.txt": lambda: _detail("encoder"),
    "asobancaria-2001-162-scanner.txt": lambda: scanner(
        format_plan(pse_recon.layout("asobancaria-2001"))
    ).source,
}


def write() -> list[str]:
    """Rewrite every snapshot whose text changed; returns their names."""
    changed = []
    for name, generate in SNAPSHOTS.items():
        path = HERE / name
        text = generate()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(name)
    return changed
