"""Regression (adversarial test, issue 11): deeply nested JSON was an internal error.

A JSON input nesting arrays a hundred thousand deep made ``json.loads`` raise
``RecursionError``, and ``generate`` and ``reconcile`` exited 3. Nesting is now
bounded (``strict_json.MAX_DEPTH``, 32; the schemas need 4): deeper is an
InputError naming the line and column where the bound is passed, exit 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pse_recon.cli import main
from pse_recon.cli.common import EXIT_UNREADABLE
from pse_recon.generator.inputs import InputError, load_collection
from pse_recon.generator.strict_json import MAX_DEPTH
from pse_recon.reconciliation import load_expected

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOO_DEEP = f"nests arrays and objects more than {MAX_DEPTH} deep"


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_deep_nesting_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "e.json"
    # An ignored key of the second line holds the nesting; its first bracket, at
    # column 11, is the third level (in the document's array and an object), so the
    # first level past the bound opens at column 11 + MAX_DEPTH - 2.
    column = 11 + MAX_DEPTH - 2
    path.write_text('[{"reference": "1", "amount": 5},\n {"note": ' + "[" * depth + "]" * depth + "}]",
                    encoding="utf-8")
    for load in (load_expected, load_collection):
        with pytest.raises(InputError) as caught:
            load(path)
        assert (caught.value.where, caught.value.reason) == (f"{path}, line 2, column {column}", TOO_DEEP)
    capsys.readouterr()
    assert main(["reconcile", str(EXAMPLES / "recaudo-2001.txt"), "--expected", str(path)]) == EXIT_UNREADABLE
    out = tmp_path / "out.txt"
    status = main(["generate", "--format", "pse-detail", "--input", str(path), "-o", str(out)])
    assert status == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert err.count(f"{path}, line 2, column {column}: {TOO_DEEP}") == 2, err
    assert not out.exists()
