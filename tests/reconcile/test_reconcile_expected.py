"""Reading expected payments from CSV and JSON."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pse_recon.generator.inputs import InputError
from pse_recon.reconciliation import ExpectedPayment, expected_from_csv, expected_from_json, load_expected

EXAMPLES = Path(__file__).parents[2] / "examples"


def write(tmp_path: Path, text: str, name: str = "e.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_example() -> None:
    expected = load_expected(EXAMPLES / "expected.csv")
    assert [(e.reference, e.amount, e.line) for e in expected] == [
        ("21053", Decimal("18000.00"), 2), ("21054", Decimal("85400.50"), 3),
        ("40001", Decimal("225000.00"), 4), ("30077", Decimal("120000.00"), 5)]
    assert expected[0].description == "Factura gas octubre (cliente 0021053)"
    assert load_expected(EXAMPLES / "expected.json") == expected
    assert [e.line for e in load_expected(EXAMPLES / "expected.json")] == [1, 2, 3, 4]


def test_csv_variants(tmp_path: Path) -> None:
    text = "\ufeffInvoice;Reference ; AMOUNT\nF-1;0021053;18000\n\n;21054; 85400.5 \n"
    assert expected_from_csv(write(tmp_path, text)) == [
        ExpectedPayment(reference="0021053", amount=Decimal("18000")),
        ExpectedPayment(reference="21054", amount=Decimal("85400.5")),
    ]
    quoted = 'reference,amount,description\n"21053","18000.00","Gas, octubre"\n'
    assert expected_from_csv(write(tmp_path, quoted))[0].description == "Gas, octubre"


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        ("reference\n1\n", "line 1", "missing column(s): amount"),
        ("reference,amount\n,5\n", "line 2, column reference", "is empty"),
        ("reference,amount\n1,\n", "line 2, column amount", "at most 2 decimals after a dot"),
        ("reference,amount\n1,1.234\n", "line 2, column amount", "at most 2 decimals"),
        ("reference;amount\n1;85.400,50\n", "line 2, column amount", "no thousands separators"),
        ("reference,amount\n1,2,3\n", "line 2", "has 3 cells, the header 2"),
        ('reference,amount\n"1,2\n', "line 2", "is not valid CSV"),
    ],
)
def test_bad_csv(tmp_path: Path, text: str, where: str, why: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        expected_from_csv(path)
    assert caught.value.where == f"{path}, {where}"
    assert why in caught.value.reason


def test_json_forms(tmp_path: Path) -> None:
    listed = (
        '[{"reference": 21053, "amount": 18000.10}, '
        '{"reference": "7", "amount": "1", "description": null}]'
    )
    expected = [
        ExpectedPayment(reference="21053", amount=Decimal("18000.10")),
        ExpectedPayment(reference="7", amount=Decimal("1")),
    ]
    assert expected_from_json(write(tmp_path, listed, "e.json")) == expected
    wrapped = '{"expected": ' + listed + "}"
    assert expected_from_json(write(tmp_path, wrapped, "e.json")) == expected


@pytest.mark.parametrize(
    ("doc", "where", "why"),
    [
        ('{"items": []}', "", "must be a list of"),
        ("[1]", ": item 1", "must be an object, got int"),
        ('[{"reference": "1"}]', ": item 1, column amount", "is required"),
        ('[{"reference": true, "amount": 1}]', ": item 1, column reference", "must be text"),
        ('[{"reference": "1", "amount": 1.005}]', ": item 1, column amount", "at most 2 decimals"),
        ('[{"reference": "1", "amount": "1", "description": 5}]', ": item 1, column description",
         "must be text"),
        ("[", ", line 1, column 2", "is not valid JSON"),
    ],
)
def test_bad_json(tmp_path: Path, doc: str, where: str, why: str) -> None:
    path = write(tmp_path, doc, "e.json")
    with pytest.raises(InputError) as caught:
        expected_from_json(path)
    assert caught.value.where == f"{path}{where}"
    assert why in caught.value.reason
