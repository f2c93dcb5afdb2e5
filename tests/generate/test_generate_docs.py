"""docs/generating.md stays true: its Python examples run (the model strategies'
example included) and its JSON example is a valid input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pse_recon.generator.inputs import CSV_COLUMNS, CSV_OPTIONAL, collection_from_json

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "generating.md"


def blocks(language: str) -> list[str]:
    """The page's ``language`` blocks; Python ones padded with blank lines so that
    their line numbers are the page's (tracebacks and hypothesis point at the page)."""
    text = PAGE.read_text("utf-8")
    found = []
    for m in re.finditer(rf"```{language}\n(.*?)\n```", text, re.S):
        pad = "\n" * text.count("\n", 0, m.start(1)) if language == "python" else ""
        found.append(pad + m[1])
    return found


@pytest.mark.parametrize("code", blocks("python"), ids=lambda c: f"line {len(c) - len(c.lstrip(chr(10)))}")
def test_python_examples_run(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(PAGE), "exec"), {"__name__": "generating_example"})


def test_there_are_examples_and_one_uses_the_strategies() -> None:
    code = blocks("python")
    assert len(code) == 3
    assert any("from pse_recon.testing import collections" in c for c in code)


def test_json_example_is_a_valid_input(tmp_path: Path) -> None:
    (example,) = blocks("json")
    path = tmp_path / "c.json"
    path.write_text(example, encoding="utf-8")
    c = collection_from_json(path)
    assert len(c.transactions) == 1 and c.company.nit_with_dv == "8001234565"


def test_every_csv_column_is_documented() -> None:
    text = PAGE.read_text("utf-8")
    for column in (*CSV_COLUMNS, *CSV_OPTIONAL):
        assert f"`{column}`" in text, column
