"""Type checkers see the records (issue 12, item 5; ADR 0014): the stubs of the
record modules are what the layouts generate, ``mypy --strict`` passes on every
Python block of the README and the docs, and a misspelled field in one fails it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docs_support import markdown_blocks
from pse_recon.records.stubs import stubs

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_the_stubs_are_what_the_layouts_generate() -> None:
    for path, text in stubs().items():
        assert path.read_text("utf-8") == text, (
            f"{path.name} is stale: run python -m pse_recon.records.stubs"
        )


def _blocks() -> dict[str, str]:
    out = {}
    for page in PAGES:
        for i, code in enumerate(markdown_blocks(page, "python")):
            stem = re.sub(r'[^A-Za-z0-9]', '_', str(page.relative_to(ROOT).with_suffix('')))
            out[f"{stem}_{i}.py"] = code
    return out


def test_mypy_strict_passes_on_the_docs_and_fails_on_a_misspelled_field(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    blocks = _blocks()
    assert len(blocks) >= 20 and "README_0.py" in blocks
    for name, code in blocks.items():
        (tmp_path / name).write_text(code, "utf-8")
    tour = blocks["README_0.py"]
    assert "lot.header.codigo_servicio" in tour
    (tmp_path / "misspelled.py").write_text(
        tour.replace("lot.header.codigo_servicio", "lot.header.codigo_servico"), "utf-8"
    )
    env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / ".mypy_cache"),
         "--no-error-summary", *sorted(p.name for p in tmp_path.glob("*.py"))],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    errors = [line for line in run.stdout.splitlines() if ": error:" in line]
    assert [e.split(":")[0] for e in errors] == ["misspelled.py"], run.stdout + run.stderr
    assert '"LotHeader" has no attribute "codigo_servico"; maybe "codigo_servicio"?' in errors[0]
