"""docs/reconciling.md stays true: its Python examples run, its CSV example is
examples/expected.csv, and its sample output is what the command prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pse_recon
from docs_support import block_id, markdown_blocks
from pse_recon.cli import main
from pse_recon.generator.inputs import load_collection

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reconciling.md"


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("code", markdown_blocks(PAGE, "python"), ids=block_id)
def test_python_examples_run(code: str, workdir: Path) -> None:
    exec(compile(code, str(PAGE), "exec"), {"__name__": "reconciling_example"})


def test_csv_example_is_the_example_file() -> None:
    csv_block, _ = markdown_blocks(PAGE, "text")
    assert csv_block + "\n" == (ROOT / "examples" / "expected.csv").read_text("utf-8")


def test_sample_output(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = pse_recon.generate("asobancaria-2001", load_collection("examples/transactions.csv"))
    pse_recon.write(f, "recaudo.txt")
    assert main(["reconcile", "recaudo.txt", "--expected", "examples/expected.csv"]) == 5
    assert capsys.readouterr().out == markdown_blocks(PAGE, "text")[1] + "\n"
