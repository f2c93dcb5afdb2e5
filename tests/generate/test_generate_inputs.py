"""Reading collections from CSV and JSON: the examples, and every kind of bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from pse_recon.generator import Collection
from pse_recon.generator.inputs import (
    CSV_COLUMNS,
    InputError,
    collection_from_csv,
    collection_from_json,
    load_collection,
    parse_amount,
)
from pse_recon.model import PseState

HEADER = ",".join(CSV_COLUMNS)
ROW = (
    "800123456,Gases SA,7701234000011,Gas,1007,02,12345678901,3,2026-11-20,11:00,"
    "100234561,5001,21053,18000.00,3,1051,2026-11-20T09:12:45"
)


def write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_examples_are_the_sample(examples: Path, sample: Collection) -> None:
    assert load_collection(examples / "transactions.csv") == sample
    assert load_collection(examples / "transactions.json") == sample


def test_minimal_row_defaults(tmp_path: Path) -> None:
    c = collection_from_csv(write(tmp_path, f"{HEADER}\n{ROW}\n"))
    (t,) = c.transactions
    assert (c.company.nit, c.company.check_digit, c.pse_code) == ("800123456", "5", "")
    cycle = (c.cycle.number, c.cycle.closing_date, c.cycle.closing_time)
    assert cycle == (3, dt.date(2026, 11, 20), dt.time(11))
    assert t.amount == Decimal("18000.00") and t.iva == Decimal(0)
    assert t.state is PseState.PENDING
    assert t.processed_at == t.created_at == dt.datetime(2026, 11, 20, 9, 12, 45)
    assert (t.authorization_code, t.cause, t.reference_2) == ("", None, "")
    assert t.authorizing_bank.name == "Davivienda"


def test_semicolons_bom_blank_lines_and_extra_columns(tmp_path: Path) -> None:
    text = "\ufeff" + HEADER.replace(",", ";") + ";notes\n\n" + ROW.replace(",", ";") + ";hello\n"
    assert collection_from_csv(write(tmp_path, text)).transactions[0].reference_1 == "21053"


def test_state_names_and_unknown_bank(tmp_path: Path) -> None:
    row = ROW.replace(",3,1051,", ",Pending,9999,")
    t = collection_from_csv(write(tmp_path, f"{HEADER}\n{row}\n")).transactions[0]
    assert t.state is PseState.PENDING
    assert (t.authorizing_bank.code, t.authorizing_bank.name) == ("9999", "Bank 9999")


@pytest.mark.parametrize(
    ("old", "new", "where", "why"),
    [
        (",18000.00,", ",18.000,00,", "line 2", "has 18 cells, the header 17"),
        (",18000.00,", ",18000.001,", "line 2, column amount", "at most 2 decimals after a dot"),
        (",18000.00,", ",-5,", "line 2, column amount", "no sign"),
        (",3,1051,", ",7,1051,", "line 2, column state", "must be 1 (approved), 2 (rejected)"),
        (",1051,", ",51,", "line 2, column authorizing_bank", "4-digit PSE/ACH bank code"),
        (",2026-11-20,", ",20/11/2026,", "line 2, column cycle_date", "YYYY-MM-DD"),
        (",3,2026", ",x,2026", "line 2, column cycle_number", "whole number"),
        (",11:00,", ",11h,", "line 2, column cycle_time", "HH:MM"),
        ("T09:12:45", " at nine", "line 2, column created_at", "YYYY-MM-DDTHH:MM:SS"),
        ("800123456,", "80012345X,", "line 2, columns company_*", "Company.nit must be"),
        ("7701234000011", "7701234000012", "line 2, columns service_*", "not a valid EAN-13"),
        (",02,", ",07,", "line 2, columns account_*", "CollectingAccount.account_type"),
        (",21053,", ",,", "line 2", "Transaction.reference_1 must not be empty"),
        ("18000.00,3,1051,", "18000.00,2,1051,", "line 2", "Transaction.cause must be a rejection code"),
        ("18000.00,3,1051,", "18000.00,1,1051,", "line 2", "authorization_code must not be empty"),
    ],
)
def test_bad_cells(tmp_path: Path, old: str, new: str, where: str, why: str) -> None:
    path = write(tmp_path, f"{HEADER}\n{ROW.replace(old, new, 1)}\n")
    with pytest.raises(InputError) as caught:
        collection_from_csv(path)
    assert caught.value.where == f"{path}, {where}"
    assert why in caught.value.reason


def test_rows_must_agree(tmp_path: Path) -> None:
    other_cycle = ROW.replace(",3,2026-11-20,", ",4,2026-11-20,").replace("100234561,5001", "9,9")
    path = write(tmp_path, f"{HEADER}\n{ROW}\n{other_cycle}\n")
    with pytest.raises(InputError, match=r"line 3, columns cycle_\*: the cycle differs from an earlier row"):
        collection_from_csv(path)
    other_account = ROW.replace(",12345678901,", ",999,").replace("100234561,5001", "9,9")
    path = write(tmp_path, f"{HEADER}\n{ROW}\n{other_account}\n")
    with pytest.raises(InputError, match=r"line 3, columns service_.*service 7701234000011 differs"):
        collection_from_csv(path)


def test_structure_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is empty: a header row is needed"):
        collection_from_csv(write(tmp_path, ""))
    with pytest.raises(InputError, match=r"line 1: missing column.s.: amount"):
        collection_from_csv(write(tmp_path, HEADER.replace("amount,", "") + "\n"))
    with pytest.raises(InputError, match="has no transaction rows"):
        collection_from_csv(write(tmp_path, HEADER + "\n"))
    bad = tmp_path / "latin.csv"
    bad.write_bytes(HEADER.encode() + b"\nRevisi\xf3n\n")
    with pytest.raises(InputError) as caught:
        collection_from_csv(bad)
    assert (caught.value.where, caught.value.reason) == (
        f"{bad}, line 2, column 7", f"is not UTF-8 text (byte 0xf3, offset {len(HEADER) + 7})")
    bad.write_bytes(b"\xef\xbb\xbfRevisi\xf3n," + HEADER.encode())  # after a BOM, on line 1
    with pytest.raises(InputError) as caught:
        collection_from_csv(bad)
    assert (caught.value.where, caught.value.reason) == (
        f"{bad}, line 1, column 7", "is not UTF-8 text (byte 0xf3, offset 9)")
    with pytest.raises(InputError, match=r"must be a \.csv or \.json file"):
        load_collection(tmp_path / "t.txt")


def test_json_without_transactions(tmp_path: Path) -> None:
    path = write(tmp_path, """{
      "company": {"nit": 800123456, "name": "Gases SA"},
      "cycle": {"number": 1, "closing_date": "2026-11-20", "closing_time": "07:00:00"},
      "services": [{"code": "900555123", "name": "Alumbrado",
                    "account": {"bank": "1051", "type": "01", "number": "0550012345"}}]
    }""", "c.json")
    c = collection_from_json(path)
    assert c.transactions == () and c.services[0].account.number == "0550012345"
    assert c.company.nit == "800123456"


def test_json_amounts_are_exact(tmp_path: Path) -> None:
    doc = (Path(__file__).parents[2] / "examples" / "transactions.json").read_text(encoding="utf-8")
    doc = doc.replace('"amount": "18000.00"', '"amount": 18000.10').replace('"85400.50"', "85400")
    c = collection_from_json(write(tmp_path, doc, "c.json"))
    assert [t.amount for t in c.transactions[:2]] == [Decimal("18000.10"), Decimal("85400")]


@pytest.mark.parametrize(
    ("doc", "where", "why"),
    [
        ("[]", "", "must be an object, got list"),
        ("{", ", line 1, column 2", "is not valid JSON"),
        ('{"cycle": {}}', ": company", "must be an object, got NoneType"),
        ('{"company": {"nit": "1", "name": "A"}, "cycle": {"number": 1, "closing_date": "2026-11-20"}}',
         ": cycle.closing_time", "is required"),
        ('{"company": {"nit": "1", "name": "A"}, "cycle": {"number": true, "closing_date": "2026-11-20",'
         ' "closing_time": "07:00"}}', ": cycle.number", "must be text"),
        ('{"company": {"nit": "1", "name": "A"}, "cycle": {"number": 1, "closing_date": "2026-11-20",'
         ' "closing_time": "07:00"}, "transactions": [{"service": "5"}]}',
         ": transactions[1].service", "service '5' is not among services"),
        ('{"company": {"nit": "1", "name": "A"}, "cycle": {"number": 1, "closing_date": "2026-11-20",'
         ' "closing_time": "07:00"}, "services": {}}', ": services", "must be a list"),
    ],
)
def test_bad_json(tmp_path: Path, doc: str, where: str, why: str) -> None:
    path = write(tmp_path, doc, "c.json")
    with pytest.raises(InputError) as caught:
        collection_from_json(path)
    assert caught.value.where == f"{path}{where}"
    assert why in caught.value.reason


def test_json_amount_float_like_text_and_too_many_decimals(tmp_path: Path, examples: Path) -> None:
    doc = (examples / "transactions.json").read_text(encoding="utf-8").replace('"18000.00"', "18000.001")
    path = write(tmp_path, doc, "c.json")
    with pytest.raises(InputError, match=r"transactions\[1\]\.amount: must be an amount with at most 2"):
        collection_from_json(path)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("85400", Decimal("85400")), (" 85400.5 ", Decimal("85400.5")), ("0.05", Decimal("0.05")),
     (12, Decimal(12)), (Decimal("1.10"), Decimal("1.10"))],
)
def test_parse_amount(value: object, expected: Decimal) -> None:
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    "value", ["85.400,50", "1e3", "+5", "-5", "5.", ".5", "", "1.005", 1.5, True, None, Decimal("-1"),
              Decimal("NaN"), Decimal("0.001")]
)
def test_parse_amount_refuses(value: object) -> None:
    with pytest.raises(ValueError):
        parse_amount(value)
