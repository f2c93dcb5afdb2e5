"""Regression (adversarial test, issue 11): a column or key given twice changed money.

In a CSV input (``generate --input``, ``reconcile --expected``) a column that appeared
twice (``reference,amount,Amount``: names match without case and surrounding
blanks), or in JSON a key given twice, silently took the last one: ``generate``
wrote a file whose totals came from the wrong column, and it validated. Now both
are errors naming both places, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pse_recon.cli import main
from pse_recon.cli.common import EXIT_UNREADABLE
from pse_recon.generator.inputs import InputError, collection_from_csv, collection_from_json
from pse_recon.reconciliation import expected_from_csv, expected_from_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def refusal(load: object, path: Path) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        load(path)  # type: ignore[operator]
    return caught.value.where, caught.value.reason


def test_a_transactions_csv_with_two_amount_columns(tmp_path: Path) -> None:
    lines = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()
    # a second amount column, 24th, "Amount" with a blank: ten times the first
    rows = [lines[0] + ", Amount"] + [f"{line},{n}0000.00" for n, line in enumerate(lines[1:], 1)]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert refusal(collection_from_csv, path) == (
        f"{path}, line 1",
        "columns 16 ('amount') and 24 (' Amount') are both 'amount': a column may appear once")
    out = tmp_path / "out.txt"
    status = main(["generate", "--format", "asobancaria-2001", "--input", str(path), "-o", str(out)])
    assert status == EXIT_UNREADABLE
    assert not out.exists()


def test_an_expected_csv_with_two_amount_columns(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("reference;AMOUNT;amount\n21053;18000.00;1.00\n", encoding="utf-8")
    assert refusal(expected_from_csv, path) == (
        f"{path}, line 1",
        "columns 2 ('AMOUNT') and 3 ('amount') are both 'amount': a column may appear once")


def test_columns_the_loader_does_not_read_may_repeat(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("reference,amount,notes,notes,,\n21053,18000.00,a,b,,\n", encoding="utf-8")
    (e,) = expected_from_csv(path)
    assert (e.reference, str(e.amount)) == ("21053", "18000.00")


def test_a_transactions_json_with_an_amount_given_twice(tmp_path: Path) -> None:
    text = (EXAMPLES / "transactions.json").read_text(encoding="utf-8")
    # the second transaction says its amount twice, on line 16 of the example
    text = text.replace('"amount": "85400.50",', '"amount": "85400.50", "amount": "854005.00",')
    path = tmp_path / "t.json"
    path.write_text(text, encoding="utf-8")
    assert refusal(collection_from_json, path) == (
        f"{path}, line 16, column 28",
        "key 'amount' is given twice in transactions[2] (first at line 16, column 6); "
        "a key may appear once in an object")
    out = tmp_path / "out.txt"
    status = main(["generate", "--format", "pse-detail", "--input", str(path), "-o", str(out)])
    assert status == EXIT_UNREADABLE
    assert not out.exists()


def test_an_expected_json_with_a_key_given_twice(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    text = '{"expected": [\n  {"reference": "1", "amount": "5.00", "amount": "50.00"}]}'
    path.write_text(text, encoding="utf-8")
    assert refusal(expected_from_json, path) == (
        f"{path}, line 2, column 40",
        "key 'amount' is given twice in expected[1] (first at line 2, column 22); "
        "a key may appear once in an object")
    assert main(["reconcile", str(EXAMPLES / "recaudo-2001.txt"), "--expected", str(path)]) == EXIT_UNREADABLE
