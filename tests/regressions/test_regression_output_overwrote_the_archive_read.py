"""Regression (issue 11, found by the lead): ``-o`` could replace the archive being read.

``convert 'a.zip!f.txt' --to json -o a.zip`` wrote the JSON over ``a.zip``: the check
that an output is not one of the inputs compared ``a.zip`` with the name
``a.zip!f.txt``, which is no file. A member's archive is now what an output must not
overwrite, like the input file itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_support import gz, zipped
from pse_recon.cli import main

EXAMPLE = (Path(__file__).parents[2] / "examples" / "recaudo-2001.txt").read_bytes()


@pytest.mark.parametrize("command", [["convert", "--to", "json"], ["convert", "--to", "csv"]])
def test_an_output_onto_the_archive_of_its_input_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    archive = tmp_path / "a.zip"
    content = zipped({"f.txt": EXAMPLE})
    archive.write_bytes(content)
    monkeypatch.chdir(tmp_path)

    assert main([command[0], "a.zip!f.txt", *command[1:], "-o", "a.zip"]) == 2

    assert archive.read_bytes() == content
    assert capsys.readouterr().err == "pse-recon: error: a.zip is the input file; refusing to overwrite it\n"


def test_another_output_of_a_member_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.zip").write_bytes(zipped({"f.txt": EXAMPLE}))
    (tmp_path / "b.gz").write_bytes(gz(EXAMPLE))
    monkeypatch.chdir(tmp_path)

    assert main(["convert", "a.zip!f.txt", "--to", "json", "-o", "out.json"]) == 0
    assert main(["convert", "b.gz", "--to", "json", "-o", "b.json"]) == 0

    assert (tmp_path / "out.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert b'"total_registros"' in (tmp_path / "out.json").read_bytes()
