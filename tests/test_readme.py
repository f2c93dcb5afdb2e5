"""The README's promises run as written: its Python examples and its commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docs_support import markdown_blocks

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def in_copy_of_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_python_examples_run(in_copy_of_repo: Path) -> None:
    blocks = markdown_blocks(ROOT / "README.md", "python")
    assert len(blocks) >= 2
    for code in blocks:
        exec(compile(code, "README.md", "exec"), {})
    assert (in_copy_of_repo / "out.txt").read_bytes().startswith(b"01800123456520261120007")


def test_the_main_job_command_validates_the_example(in_copy_of_repo: Path) -> None:
    assert "pse-recon validate examples/recaudo-2001.txt" in README
    done = subprocess.run(
        [sys.executable, "-m", "pse_recon", "validate", "examples/recaudo-2001.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "2 lots, 4 details, total 1514450.50: valid" in done.stdout
