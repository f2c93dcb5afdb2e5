"""Type checkers see the records (issue 12, item 5; ADR 0014): the stubs of the
record modules are what the layouts generate, ``mypy --strict`` passes on every
Python block of the README and the docs, and a misspelled field in one fails it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path

import pytest

import pse_recon
from docs_support import markdown_blocks
from pse_recon.layouts import FORMATS
from pse_recon.records.stubs import stubs

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_the_stubs_are_what_the_layouts_generate() -> None:
    for path, text in stubs().items():
        assert path.read_text("utf-8") == text, (
            f"{path.name} is stale: run python -m pse_recon.records.stubs"
        )


#: What a page puts right before a block mypy cannot check (a recipe for a tool with no
#: type information, not installed for the tests), with the reason.
UNCHECKED = re.compile(r"<!-- not type-checked: ([^>]+) -->\n```python\n")


def _blocks() -> dict[str, str]:
    """Every Python block of the pages, but those marked :data:`UNCHECKED`."""
    out = {}
    for page in PAGES:
        text = page.read_text("utf-8")
        unchecked = {m.end() for m in UNCHECKED.finditer(text)}  # where their code starts
        starts = [m.end() for m in re.finditer(r"```python\n", text)]
        stem = re.sub(r"[^A-Za-z0-9]", "_", str(page.relative_to(ROOT).with_suffix("")))
        for i, (start, code) in enumerate(zip(starts, markdown_blocks(page, "python"), strict=True)):
            if start not in unchecked:
                out[f"{stem}_{i}.py"] = code
    return out


def test_only_recipes_of_untyped_tools_are_left_unchecked() -> None:
    reasons = [r for page in PAGES for r in UNCHECKED.findall(page.read_text("utf-8"))]
    assert reasons == ["duckdb is no dependency of the tests",
                       "dask.distributed has no type information"]


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


@pytest.mark.parametrize("function", [pse_recon.read, pse_recon.build], ids=["read", "build"])
def test_every_built_in_format_has_its_overload(function: Callable[..., object]) -> None:
    """``read``/``build`` of a format named statically return that format's file class:
    an overload per built-in layout, no more, each with its own module's ``File``
    (a format added to ``layouts`` without one fails here)."""
    typed = {}
    for overload in typing.get_overloads(function):
        name = re.fullmatch(r"Literal\[['\"]([a-z0-9-]+)['\"]\]", overload.__annotations__["format"])
        if name:
            typed[name[1]] = overload.__annotations__["return"]
    assert typed == {name: f"{name.replace('-', '_')}.File" for name in FORMATS}
