"""Regression (found by atheris on the input-loader target, 600 s): a bad
``company_pse_code`` in a transactions CSV escaped the loader as a bare ValueError.

The CSV loader built the Collection outside the wrapper that turns the model's own
checks into InputError, so ``Collection.pse_code must be digits`` escaped without
the file, line or column (``pse-recon generate`` said it, with exit 2, but a program
catching InputError did not catch it). The code is now read as the other columns
are, and the Collection made inside the wrapper.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pse_recon.generator.inputs import InputError, load_collection

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_bad_pse_code_names_its_line_and_column(tmp_path: Path) -> None:
    lines = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",10234,", ",2026-02-30,", 1)
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_collection(path)
    assert (caught.value.where, caught.value.reason) == (
        f"{path}, line 2, column company_pse_code", "must be digits (or empty), got '2026-02-30'")
