"""docs/generating.md stays true: its Python examples run (the model strategies'
example included) and its JSON example is a valid input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docs_support import block_id, markdown_blocks
from pse_recon.generator.inputs import CSV_COLUMNS, CSV_OPTIONAL, collection_from_json

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "generating.md"


@pytest.mark.parametrize("code", markdown_blocks(PAGE, "python"), ids=block_id)
def test_python_examples_run(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, str(PAGE), "exec"), {"__name__": "generating_example"})


def test_there_are_examples_and_one_uses_the_strategies() -> None:
    code = markdown_blocks(PAGE, "python")
    assert len(code) == 3
    assert any("from pse_recon.testing import collections" in c for c in code)


def test_json_example_is_a_valid_input(tmp_path: Path) -> None:
    (example,) = markdown_blocks(PAGE, "json")
    path = tmp_path / "c.json"
    path.write_text(example, encoding="utf-8")
    c = collection_from_json(path)
    assert len(c.transactions) == 1 and c.company.nit_with_dv == "8001234565"


def test_every_csv_column_is_documented() -> None:
    text = PAGE.read_text("utf-8")
    for column in (*CSV_COLUMNS, *CSV_OPTIONAL):
        assert f"`{column}`" in text, column
