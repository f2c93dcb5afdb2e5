"""Regression (issue 10, a real bank file): reconcile trusted a file whose own controls
disagree with its details.

The Davivienda file of the real corpus has two details while its lot and file
controls say 4 records and other totals. ``reconcile`` read it (reading does not
check controls, ADR 0008) and, against the two payments it holds, printed "every
payment matched" and exited 0. A file is now validated first (from the same
opening); one with errors is reported as such, its errors on standard error, and
its payments are not counted unless ``--accept-invalid`` is given.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pse_recon.cli import main

ERRORS = (
    "{path}:5:3: error: PR301 total_registros_lote: says 4 records, but there are 2\n"
    "{path}:5:12: error: PR302 valor_total_lote: says 158800.00, but valor_recaudado of "
    "the details adds up to 996831.00\n"
    "{path}:6:3: error: PR301 total_registros: says 4 records, but there are 2\n"
    "{path}:6:12: error: PR302 valor_total: says 125440.00, but valor_recaudado of the "
    "details adds up to 996831.00\n"
)


def test_a_file_with_bad_controls_is_not_counted(
    capsys: pytest.CaptureFixture[str], real_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    os.chdir(tmp_path)
    Path("its-own.csv").write_text("reference,amount\n7782,996831.00\n6518,0\n", encoding="utf-8")
    path = str(real_dir / "asobancaria2001-davivienda-bad-controls.txt")
    argv = ["reconcile", path, "--expected", "its-own.csv"]

    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ERRORS.format(path=path) + (
        f"pse-recon: error: {path} has 4 errors: its payments are not counted (--accept-invalid counts "
        "them)\n"
    )

    assert main([*argv, "--accept-invalid"]) == 0
    out, err = capsys.readouterr()
    assert out.endswith("every payment matched\n")
    assert err == ERRORS.format(path=path) + (
        f"pse-recon: error: {path} has 4 errors: its payments are counted, as --accept-invalid asks\n"
    )

    assert main([*argv, "--accept-invalid", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["valid"], doc["ok"]) == (False, True)
