"""Regression (adversarial test, issue 11): a file name with a newline or ESC was printed
raw.

``FILE:LINE:COL`` lines, summaries, ``show``'s header and error messages printed the
name as it was: a crafted name faked finding lines, or cleared the user's screen
(``\\x1b[2J``). Every text line is now escaped (``pse_recon.cli.escaping``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from process_support import EXAMPLES
from pse_recon.cli import main

HOSTILE = "evil\nfake.txt:1:1: error: PR999: \x1b[2Jcleared"
SHOWN = "evil\\nfake.txt:1:1: error: PR999: \\x1b[2Jcleared"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_name_cannot_fake_findings(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / HOSTILE
    source.write_bytes((EXAMPLES / "recaudo-2001.txt").read_bytes())
    shown = f"{tmp_path}/{SHOWN}"
    assert run(capsys, "validate", source) == (0, (
        f"{shown}: asobancaria-2001, 162 columns, 2 lots, 4 details, total 1514450.50: "
        "valid (0 errors, 0 warnings)\n1 file: 0 errors, 0 warnings\n"), "")
    code, out, _ = run(capsys, "show", source)
    assert (code, out.startswith(f"file: {shown}\nformat: asobancaria-2001")) == (0, True)
    code, out, _ = run(capsys, "reconcile", source, "--expected", EXAMPLES / "expected.csv")
    assert out.startswith(f"{shown}: asobancaria-2001, 4 payments in the file")
    assert run(capsys, "show", tmp_path / f"{HOSTILE}.missing") == (
        2, "", f"pse-recon: error: {shown}.missing: no such file or directory\n")
    bad = tmp_path / f"{HOSTILE}.bad"
    bad.write_bytes(b"junk\n")
    code, out, _ = run(capsys, "validate", bad)
    assert code == 1
    assert out.startswith(f"{shown}.bad:1:0: error: PR002: ")
    assert len(out.splitlines()) == 3  # one finding, one summary, the closing line: nothing faked
