"""CsvTransactions reads a row whose context cells an earlier row had by position
(``_Payments.transaction``), others through the generic ``_csv_row``: both must give
the same transaction, or the same InputError but for its line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pse_recon.errors import InputError
from pse_recon.generator import csv_input
from pse_recon.generator.csv_input import CSV_COLUMNS, CSV_OPTIONAL, CsvTransactions

COLUMNS = (*CSV_COLUMNS, *CSV_OPTIONAL)
GOOD: dict[str, str] = {
    "company_nit": "800123456", "company_name": "Gases SA", "company_dv": "", "company_pse_code": "",
    "service_code": "7701234000011", "service_name": "Gas", "account_bank": "1007", "account_type": "02",
    "account_number": "12345678901", "cycle_number": "3", "cycle_date": "2026-11-20", "cycle_time": "11:00",
    "cus": "100234561", "ticket_id": "5001", "reference_1": "21053", "reference_2": "", "reference_3": "",
    "amount": "18000.00", "iva": "", "state": "1", "authorizing_bank": "1051", "authorization_code": "A1",
    "created_at": "2026-11-20T09:12:45", "processed_at": "2026-11-20T09:13:00", "cause": "",
}
#: The good first row of (b): the same context, another CUS.
FIRST = {**GOOD, "cus": "100234560", "ticket_id": "5000"}
REJECTED, FAILED = "00001", "10001"


def csv_text(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return out.getvalue()


def read(path: Path) -> tuple[list[Any], Any] | tuple[type, str]:
    """The transactions and collection of the CSV at ``path``, or its error's type and text."""
    rows = CsvTransactions(path)
    try:
        transactions = [t for t, _ in rows]
    except InputError as exc:
        return InputError, str(exc)
    return [attrs.astuple(t, recurse=False) for t in transactions], rows.collection


@pytest.fixture
def fast_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The lines ``_Payments.transaction`` was called for."""
    calls: list[int] = []
    original = csv_input._Payments.transaction

    def spy(self: Any, line: int, *args: Any) -> Any:
        calls.append(line)
        return original(self, line, *args)

    monkeypatch.setattr(csv_input._Payments, "transaction", spy)
    yield calls


# (column, bad cell, other cells of the row)
BAD: list[tuple[str, str, dict[str, str]]] = [
    *(("created_at", v, {}) for v in [
        "", " ", "yesterday", "2026-13-01T00:00:00", "2026-11-20T25:00:00", "²026-11-20T09:12:45",
        "2026-11-20T09:12:45+00:00", "2026-11-20T09:14:00", "2026-11-20 09:12:45", "2026-11-20",
        "2026-11-20T09:12:45.5", "20261120T091245"]),
    *(("amount", v, {}) for v in [
        "", "-5", "+5", "1.001", "abc", "1e3", "1E+16", "NaN", "Infinity", "99999999999999999",
        "9999999999999999.99", "²", "١٢", " 5 ", "5.", ".5", "0", "18.000,00", "0x10", "1_000"]),
    *(("iva", v, {}) for v in ["-1", "1.001", "x", "20000", "18000.01", "18000.00", "NaN", "²", " 1 "]),
    *(("state", v, {}) for v in [
        "7", "", "0", "²", "Approved", "approved ", "PENDING", "2", "4", "3", "1.0"]),
    *(("authorizing_bank", v, {}) for v in ["51", "", "10071", "abcd", "١٠٠٧", "9999", " 1051 ", "1051.0"]),
    *(("processed_at", v, {}) for v in [
        "bad", "2026-11-20T09:00:00", "2026-11-20T09:12:44.999999", "2026-11-20T09:12:45Z",
        "2026-11-20", " ", "T", "2026-11-20T09:12:45"]),
    *(("cus", v, {}) for v in ["", " ", "abc", "²", "12 34", "-1", "1" * 30, "0", " 7 "]),
    *(("ticket_id", v, {}) for v in ["", "1" * 21, "1" * 20, "x", "²", " 12 ", "1.5"]),
    *(("reference_1", v, {}) for v in ["", "   ", "a\x7fb", "a\u200bb", "x,y", "\x01,x", 'a"b', "\x1b"]),
    *(("reference_2", v, {}) for v in ["\x01", "\t", "a\x0bb", "x,y", "é", "\u2028"]),
    *(("reference_3", v, {}) for v in ["\x1b", "\x7f", " ", "\u00ad"]),
    *(("authorization_code", v, {}) for v in ["", "  ", "\x01", "\t", "ok"]),
    *(("cause", v, {}) for v in ["XX", REJECTED, FAILED, " "]),
    ("cause", "", {"state": "2", "authorization_code": ""}),
    ("cause", "XX", {"state": "2", "authorization_code": ""}),
    ("cause", FAILED, {"state": "2", "authorization_code": ""}),
    ("cause", REJECTED, {"state": "4", "authorization_code": ""}),
    ("cause", REJECTED, {"state": "3", "authorization_code": ""}),
    # across fields
    ("iva", "18000.01", {"amount": "18000"}),
    ("authorization_code", "", {"state": "approved"}),
    ("processed_at", "2026-11-20T09:12:44", {}),
    ("cause", REJECTED, {"state": "1"}),
    ("created_at", "2026-11-20T09:12:45-05:00", {"processed_at": ""}),
    ("created_at", "2026-11-20T09:12:45-05:00", {"processed_at": "2026-11-20T14:12:45+00:00"}),
    ("amount", "bad", {"iva": "bad", "state": "9", "created_at": "x"}),  # the first of several
    ("state", "9", {"authorizing_bank": "x", "processed_at": "x"}),
    ("ticket_id", "x", {"cus": "y", "reference_1": ""}),
]


@pytest.mark.parametrize(("column", "bad", "other"), BAD, ids=[f"{c}={b!r}" for c, b, _ in BAD])
def test_a_later_row_fails_as_a_first_row(tmp_path: Path, fast_calls: list[int], column: str, bad: str,
                                          other: dict[str, str]) -> None:
    """(a) the row alone, read by ``_csv_row``; (b) after a good row of the same
    context, read by position: the same outcome, its line aside."""
    row = {**GOOD, **other, column: bad}
    path = tmp_path / "t.csv"
    path.write_text(csv_text([row]), encoding="utf-8")
    alone = read(path)
    assert fast_calls == []
    path.write_text(csv_text([FIRST, row]), encoding="utf-8")
    second = read(path)
    assert fast_calls == [3]
    if alone[0] is InputError:
        assert second == (InputError, alone[1].replace(f"{path}, line 2", f"{path}, line 3"))
    else:
        assert second[0] is not InputError
        assert second[0][1:] == alone[0]


@pytest.mark.parametrize("other", [{}, {"ticket_id": "x"}, {"amount": "-1"}, {"cus": " 100234560 "}])
def test_a_duplicated_cus_fails_alike(tmp_path: Path, fast_calls: list[int], other: dict[str, str]) -> None:
    """The CUS of line 2 again on line 3: in another context (``_csv_row``) and in the
    same one (by position), the same error."""
    again = {**FIRST, **other}
    elsewhere = {**again, "service_code": "12345", "service_name": "Agua"}
    path = tmp_path / "t.csv"
    path.write_text(csv_text([FIRST, elsewhere]), encoding="utf-8")
    generic = read(path)
    assert fast_calls == []
    path.write_text(csv_text([FIRST, again]), encoding="utf-8")
    assert read(path) == generic
    assert fast_calls == [3]
    assert generic[0] is InputError


@pytest.mark.parametrize("bad", [{"cus": ""}, {"amount": "x"}, {"ticket_id": "1" * 21}])
def test_without_the_optional_columns(tmp_path: Path, fast_calls: list[int], bad: dict[str, str]) -> None:
    """A header without the optional columns: rows are padded for them, alike."""
    pending = {**FIRST, "state": "3"}
    path = tmp_path / "t.csv"
    path.write_text(csv_text([{**pending, **bad}], CSV_COLUMNS), encoding="utf-8")
    alone = read(path)
    path.write_text(csv_text([pending, {**pending, "cus": "7", **bad}], CSV_COLUMNS), encoding="utf-8")
    assert read(path) == (InputError, alone[1].replace(f"{path}, line 2", f"{path}, line 3"))
    assert fast_calls == [3]


# -- random files against every row read by _csv_row --------------------------------
SERVICES = [("7701234000011", "Gas"), ("12345", "Agua"), ("800123456", "Luz")]


def mostly(good: str, *others: str) -> st.SearchStrategy[str]:
    return st.sampled_from([good] * (12 * len(others)) + list(others))


CONTEXTS = st.fixed_dictionaries({
    "service": st.sampled_from(SERVICES),
    "company_name": st.sampled_from(["Gases SA", " Gases SA", "Gases SA  "]),
    "company_dv": mostly("", "5", "6"),
    "company_pse_code": mostly("", "123", "x"),
    "account_number": mostly("12345678901", "999"),
    "cycle_number": mostly("3", "4", "0"),
    "account_bank": mostly("1007", " 1007", "10"),
})
#: (state, authorization_code, cause), (created_at, processed_at), (amount, iva) that agree.
PAYMENT_STATES = [("1", "A1", ""), ("approved", "X9", ""), ("2", "", REJECTED), ("3", "", ""),
                  ("4", "", FAILED), ("Pending", "", "")]
TIMES = [("2026-11-20T09:12:45", ""), ("2026-11-20T08:00:00", "2026-11-20T09:13:00"),
         ("2026-11-20T09:12:45-05:00", ""), ("2026-11-20T09:12:45-05:00", "2026-11-20T15:00:00+00:00"),
         (" 2026-11-20T09:12:45 ", "2026-11-20T09:12:45")]
AMOUNTS = [("18000.00", ""), ("0", "0"), ("5.5", "5.50"), ("9999999999999999.99", "1.00"), (" 100 ", " 19 ")]
GOOD_CELLS: dict[str, st.SearchStrategy[str]] = {
    "ticket_id": st.sampled_from(["5001", "1", "0" * 20]),
    "reference_1": st.sampled_from(["21053", "A-1", "x,y", 'q"t']),
    "reference_2": st.sampled_from(["", "77"]),
    "reference_3": st.sampled_from(["", "abc"]),
    "authorizing_bank": st.sampled_from(["1051", "1007", "9999", " 1051"]),
}
BAD_CELLS: dict[str, list[str]] = {}
for _column, _bad, _ in BAD:
    BAD_CELLS.setdefault(_column, []).append(_bad)


@st.composite
def random_rows(draw: st.DrawFn) -> list[dict[str, str]]:
    contexts = []
    for _ in range(draw(st.integers(1, 3))):
        c = draw(CONTEXTS)
        code, name = c.pop("service")
        contexts.append({**GOOD, **c, "service_code": code, "service_name": name})
    rows: list[dict[str, str]] = []
    for _ in range(draw(st.integers(1, 8))):
        row = dict(draw(st.sampled_from(contexts)))
        row.update(zip(("state", "authorization_code", "cause"), draw(st.sampled_from(PAYMENT_STATES)),
                       strict=True))
        row.update(zip(("created_at", "processed_at"), draw(st.sampled_from(TIMES)), strict=True))
        row.update(zip(("amount", "iva"), draw(st.sampled_from(AMOUNTS)), strict=True))
        row.update({column: draw(cells) for column, cells in GOOD_CELLS.items()})
        earlier = [r["cus"] for r in rows]
        row["cus"] = draw(st.sampled_from(earlier)) if earlier and draw(st.integers(0, 19)) == 0 \
            else str(1000 * len(rows) + draw(st.integers(0, 999)))
        if draw(st.integers(0, 5)) == 0:
            column = draw(st.sampled_from(sorted(BAD_CELLS)))
            row[column] = draw(st.sampled_from(BAD_CELLS[column]))
        rows.append(row)
    return rows


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=random_rows())
def test_random_files_read_as_row_by_row(tmp_path: Path, rows: list[dict[str, str]]) -> None:
    """The oracle is the same file with ``100 * n`` spaces appended to the
    company_name of its n-th row: read stripped, the cell makes the same company (and
    errors), but every row has a context no earlier row had, so every row goes
    through ``_csv_row`` (``_Payments.transaction`` is made to fail to prove it)."""
    path = tmp_path / "t.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    fast = read(path)
    padded = [{**row, "company_name": row["company_name"] + " " * (100 * n)} for n, row in enumerate(rows, 1)]
    path.write_text(csv_text(padded), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        def refuse(*args: Any) -> Any:
            raise AssertionError("the oracle read a row by position")

        patch.setattr(csv_input._Payments, "transaction", refuse)
        generic = read(path)
    assert fast == generic
    assert repr(fast) == repr(generic)  # and the same Decimal exponents, the same texts
