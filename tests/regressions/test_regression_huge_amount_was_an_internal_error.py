"""Regression (adversarial test, issue 11): a huge amount in an input was an internal error.

A JSON amount of ``1e400``, or any amount of 26 digits or more, made ``quantize``
exceed the context's 28 digits: ``decimal.InvalidOperation`` escaped the loaders,
and ``generate`` and ``reconcile`` exited 3 (internal error). A JSON integer of
more than 4,300 digits made ``json.loads`` raise ValueError. Now every amount
wider than the widest money field of the formats (16 integer digits) is an
InputError naming the file, line and column, and the commands exit 4 (a file that cannot be read).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pse_recon.cli import main
from pse_recon.cli.common import EXIT_UNREADABLE
from pse_recon.generator.inputs import InputError, collection_from_csv, collection_from_json, parse_amount
from pse_recon.reconciliation import expected_from_csv, expected_from_json

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TOO_WIDE = "has {} integer digits; the widest money field of the formats holds 16"


def refusal(load: Callable[[Path], Any], path: Path) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value.where, caught.value.reason


@pytest.mark.parametrize(("amount", "digits"), [("1" * 26, 26), ("9" * 17 + ".99", 17), ("1" * 5000, 5000)])
def test_a_csv_amount_too_wide(tmp_path: Path, amount: str, digits: int) -> None:
    path = tmp_path / "e.csv"
    path.write_text(f"reference,amount\n21053,18000.00\n21054,{amount}\n", encoding="utf-8")
    assert refusal(expected_from_csv, path) == (f"{path}, line 3, column amount", TOO_WIDE.format(digits))
    assert main(["reconcile", str(EXAMPLES / "recaudo-2001.txt"), "--expected", str(path)]) == EXIT_UNREADABLE
    lines = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",85400.50,", f",{amount},")
    transactions = tmp_path / "t.csv"
    transactions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refusal(collection_from_csv, transactions) == (
        f"{transactions}, line 3, column amount", TOO_WIDE.format(digits))
    out = tmp_path / "out.txt"
    status = main(["generate", "--format", "pse-detail", "--input", str(transactions), "-o", str(out)])
    assert status == EXIT_UNREADABLE


@pytest.mark.parametrize(("amount", "digits"), [("1e400", 401), ("1E+25", 26), ("1" * 5000, 5000),
                                                 ('"' + "1" * 26 + '.50"', 26)])
def test_a_json_amount_too_wide(tmp_path: Path, amount: str, digits: int) -> None:
    path = tmp_path / "e.json"
    path.write_text(f'[{{"reference": "1", "amount": 5}}, {{"reference": "2", "amount": {amount}}}]',
                    encoding="utf-8")
    assert refusal(expected_from_json, path) == (f"{path}: item 2, column amount", TOO_WIDE.format(digits))
    assert main(["reconcile", str(EXAMPLES / "recaudo-2001.txt"), "--expected", str(path)]) == EXIT_UNREADABLE
    text = (EXAMPLES / "transactions.json").read_text(encoding="utf-8")
    transactions = tmp_path / "t.json"
    transactions.write_text(text.replace('"amount": "85400.50"', f'"amount": {amount}'), encoding="utf-8")
    assert refusal(collection_from_json, transactions) == (
        f"{transactions}: transactions[2].amount", TOO_WIDE.format(digits))
    out = tmp_path / "out.txt"
    status = main(["generate", "--format", "pse-detail", "--input", str(transactions), "-o", str(out)])
    assert status == EXIT_UNREADABLE


def test_the_widest_amount_is_read() -> None:
    assert str(parse_amount("9" * 16 + ".99")) == "9999999999999999.99"
    assert str(parse_amount(Decimal("0E+50"))) == "0E+50"  # zero, however written


def test_a_huge_cycle_number_says_so(tmp_path: Path) -> None:
    text = (EXAMPLES / "transactions.json").read_text(encoding="utf-8")
    path = tmp_path / "t.json"
    path.write_text(text.replace('"number": 3,', f'"number": {"7" * 5000},'), encoding="utf-8")
    where, reason = refusal(collection_from_json, path)
    assert (where, reason[:33]) == (f"{path}: cycle.number", "must be text, got Decimal('777777")
    assert reason.endswith("…(5011 characters)")
    lines = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",3,2026-11-20,", f",{'7' * 5000},2026-11-20,")
    csv = tmp_path / "t.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refusal(collection_from_csv, csv) == (
        f"{csv}, line 2, column cycle_number", "must be a whole number of at most 18 digits, got 5000")
