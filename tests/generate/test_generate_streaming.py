"""``pse-recon generate`` of a CSV streams (:mod:`pse_recon.generator.streaming`): the
file is the bytes ``generate`` gives for the same collection, and every error is the
one the library raises, for every format and width; the pieces that keep memory flat
(the spool, the CUS index, the CSV read as it streams) say what the whole-file
versions say."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from csv_support import whole_text_rows  # type: ignore[import-not-found]
from custom_layouts import BANCO_X, LONG_LINES, WIDE_REFERENCE  # type: ignore[import-not-found]
from pse_recon.cli import main
from pse_recon.compile.codec import compile_format
from pse_recon.declaration import Count, FileLayout, Role, Sequence, numeric
from pse_recon.errors import EncodeError, InputError
from pse_recon.generator import GenerateError, input_files
from pse_recon.generator.core import generate_lines
from pse_recon.generator.cus_index import CusIndex
from pse_recon.generator.input_files import CsvRows
from pse_recon.generator.inputs import CSV_COLUMNS, CSV_OPTIONAL, load_collection
from pse_recon.generator.streaming import FileStream
from pse_recon.layouts import ASOBANCARIA_2001
from pse_recon.records.factory import made_and_encoded, record_classes
from pse_recon.testing import collections

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEADER = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
#: Three services on two accounts (the third credited to 99887766), every state, four banks.
SERVICES = [
    ("7701234000011", "Gas domiciliario", "1007", "02", "12345678901"),
    ("7701234000028", "Revisión periódica", "1007", "02", "12345678901"),
    ("7701234000035", "Alumbrado", "1051", "01", "99887766"),
]
BANKS = ("1051", "1007", "1013", "1019")


def transactions_csv(n: int, *, amount: Any = None, reference: Any = None) -> str:
    """``n`` transactions over :data:`SERVICES` in every state; ``amount(i)`` and
    ``reference(i)`` override row ``i``'s cells."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for i in range(n):
        code, name, bank, kind, number = SERVICES[i % 3]
        state = "1" if i % 5 else str(2 + i % 3)
        cause = {"2": "00001", "4": "10001"}.get(state, "")
        moment = f"2026-11-20T{8 + i % 3:02d}:{i % 60:02d}:{(7 * i) % 60:02d}"
        row = {"company_nit": "800123456", "company_name": "Gases del Llano S.A. ESP",
               "company_pse_code": "10234", "service_code": code, "service_name": name,
               "account_bank": bank, "account_type": kind, "account_number": number,
               "cycle_number": "3", "cycle_date": "2026-11-20", "cycle_time": "11:00",
               "cus": str(100234561 + i), "ticket_id": str(5001 + i),
               "reference_1": (reference or (lambda i: str(21053 + i)))(i), "reference_2": "",
               "amount": (amount or (lambda i: f"{1000 + 37 * i}.{i % 4 * 25:02d}"))(i),
               "iva": "0", "state": state, "authorizing_bank": BANKS[i % 4],
               "authorization_code": f"{457812 + i}" if state == "1" else "",
               "created_at": moment, "processed_at": moment, "cause": cause}
        w.writerow([row[c] for c in HEADER])
    return out.getvalue()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def library(path: Path, fmt: str, width: int | None, options: dict[str, str]) -> bytes | str:
    """What the library gives for the CSV: the file's bytes, or its error's message."""
    kw = {"account": options.get("--account"), "authorizing_bank": options.get("--bank")}
    try:
        return pse_recon.dumps(pse_recon.generate(fmt, load_collection(path), width=width, **kw))
    except GenerateError as exc:
        return str(exc)


CONFIGS = [(name, w) for name, fmt in sorted(pse_recon.FORMATS.items()) for w in (fmt.widths or (None,))]
OPTIONS = [{}, {"--account": "12345678901"}, {"--account": "99887766"}, {"--bank": "1007"},
           {"--account": "12345678901", "--bank": "1051"}, {"--account": "404"}]


@pytest.mark.parametrize(("fmt", "width"), CONFIGS)
@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: "-".join(o.values()) or "none")
def test_the_streamed_file_or_error_is_the_librarys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, width: int | None,
    options: dict[str, str],
) -> None:
    path = tmp_path / "transactions.csv"
    path.write_text(transactions_csv(40), encoding="utf-8")
    argv = ["generate", "--format", fmt, "--input", str(path), "-o", str(tmp_path / "out.txt")]
    argv += ["--width", str(width)] * (width is not None) + [x for kv in options.items() for x in kv]
    expected = library(path, fmt, width, options)
    code, out, err = cli(capsys, *argv)
    if isinstance(expected, str):
        assert (code, out, err) == (1, "", f"pse-recon: error: {expected}\n")
        assert not (tmp_path / "out.txt").exists()
    else:
        assert code == 0 and err == "", err
        assert (tmp_path / "out.txt").read_bytes() == expected


@pytest.mark.parametrize(
    ("fmt", "options", "amount", "reference"),
    [
        ("asobancaria-1998", {"--bank": "1007"}, None, None),  # centavos
        ("asobancaria-2001", {"--account": "12345678901"}, None, lambda i: "9" * (60 if i == 31 else 5)),
        ("asobancaria-2001", {"--account": "12345678901"}, lambda i: "9" * 13 if i % 3 == 1 else "1",
         None),  # a lot total that does not fit its control
        ("pse-detail", {}, None, lambda i: "R" * (21 if i in (17, 30) else 3)),  # too long, in state order
        ("pse-summary", {}, lambda i: "9" * 16, None),  # a group's total that does not fit
    ],
)
def test_errors_are_the_librarys_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, options: dict[str, str],
    amount: Any, reference: Any,
) -> None:
    path = tmp_path / "transactions.csv"
    path.write_text(transactions_csv(40, amount=amount, reference=reference), encoding="utf-8")
    expected = library(path, fmt, None, options)
    assert isinstance(expected, str)
    argv = ["generate", "--format", fmt, "--input", str(path), "-o", "-"]
    code, out, err = cli(capsys, *argv, *[x for kv in options.items() for x in kv])
    assert (code, out, err) == (1, "", f"pse-recon: error: {expected}\n")


#: Layouts declared outside the package, and 2001 with a sequence of one digit and a
#: lot count of one digit: a lot of 9 payments overflows them.
SHORT_SEQUENCE = ASOBANCARIA_2001.with_field(
    "06", numeric("secuencia", 1, computed=Sequence(start=2, per_lot=True)), name="short-sequence")
SHORT_COUNT = ASOBANCARIA_2001.with_field(
    "08", numeric("total_registros_lote", 1, computed=Count()), name="short-count")
LAYOUTS: list[tuple[str | FileLayout, int | None]] = [
    *CONFIGS, (BANCO_X, None), (WIDE_REFERENCE, None), (LONG_LINES, None),
    (SHORT_SEQUENCE, None), (SHORT_COUNT, None),
]


def stream_or_error(fmt: str | FileLayout, width: int | None, collection: pse_recon.Collection,
                    **kw: Any) -> tuple[bytes, str, int, Decimal] | str:
    stream = FileStream(fmt, width=width, **kw)
    try:
        for t in collection.transactions:
            stream.add(t, collection)
        got = stream.finish(collection)
    except GenerateError as exc:
        return str(exc)
    return b"".join(got.chunks), got.format, got.details, got.total


@settings(max_examples=60, deadline=None)
@given(collections(max_transactions=12, max_services=3), st.sampled_from(LAYOUTS))
def test_file_stream_gives_generate_lines_bytes(collection: pse_recon.Collection,
                                                config: tuple[str | FileLayout, int | None]) -> None:
    fmt, width = config
    layout = pse_recon.layout(fmt, width)
    banks = sorted({t.authorizing_bank.code for t in collection.approved}) or ["1007"]
    kw = {"authorizing_bank": banks[0]} if layout[layout.structure.header].role(Role.PAYING_BANK) else {}
    try:
        lines = generate_lines(fmt, collection, width=width, **kw)
        ref: Any = (b"".join(lines.lines), lines.format, lines.details, lines.total)
    except GenerateError as exc:
        ref = str(exc)
    assert stream_or_error(fmt, width, collection, **kw) == ref


@pytest.mark.parametrize("layout", [SHORT_SEQUENCE, SHORT_COUNT], ids=lambda f: f.name)
def test_a_control_or_sequence_that_does_not_fit_is_generates_error(layout: FileLayout) -> None:
    collection = load_collection(EXAMPLES / "transactions.csv")
    many = [attrs.evolve(collection.transactions[0], cus=str(900 + i), ticket_id=str(900 + i))
            for i in range(12)]
    collection = attrs.evolve(collection, transactions=[*collection.transactions, *many])
    with pytest.raises(GenerateError) as raised:
        generate_lines(layout, collection)
    assert "does not fit" in str(raised.value) or "digits" in str(raised.value)
    assert stream_or_error(layout, None, collection) == str(raised.value)


def test_made_and_encoded_is_the_record_and_its_line_or_the_records_error() -> None:
    cls = record_classes("asobancaria-2001")["06"]
    values = {"referencia_principal": "21053", "valor_recaudado": Decimal("85400.50"),
              "procedencia_pago": "99", "medio_pago": "15", "codigo_entidad_debitada": "051",
              "codigo_sucursal": "0003"}
    record, line = made_and_encoded(cls, values)
    assert record == cls(**values) and type(record) is cls
    assert line == compile_format(pse_recon.layout("asobancaria-2001"))["06"].encode(cls(**values))
    too_long, too_precise = "1" * 49, Decimal("0.001")
    for bad in ({**values, "referencia_principal": too_long}, {**values, "valor_recaudado": too_precise}):
        with pytest.raises(EncodeError) as expected:
            cls(**bad)
        with pytest.raises(EncodeError) as got:
            made_and_encoded(cls, bad)
        assert str(got.value) == str(expected.value)
    with pytest.raises(TypeError):
        made_and_encoded(cls, {**values, "raw": b"x"})


def test_the_cus_index_says_where_each_cus_was_first_seen() -> None:
    index = CusIndex()
    for i in range(20_000):  # past several growths of the table
        assert index.setdefault(str(100_000_000 + 7 * i), i + 2) == i + 2
    assert index.setdefault("100000007", 1) == 3
    assert index.setdefault(str(100_000_000 + 7 * 19_999), 1) == 20_001
    assert index.setdefault("0100000007", 9) == 9  # another CUS: zeros count
    assert index.setdefault("0100000007", 10) == 9
    long = "1" * 40  # past 18 digits, and not digits: held exactly too
    assert (index.setdefault(long, 5), index.setdefault(long, 6)) == (5, 5)
    assert (index.setdefault("12a", 7), index.setdefault("12a", 8)) == (7, 7)
    assert index.setdefault("5", 2**31) == 2**31 and index.setdefault("5", 1) == 2**31


def rows_or_error(read: Any) -> list[Any] | str:
    try:
        return list(read())
    except InputError as exc:
        return str(exc)


def streamed(path: Path) -> list[Any] | str:
    with CsvRows(path, CSV_COLUMNS[:2], CSV_OPTIONAL) as rows:
        return rows_or_error(lambda: rows)


PIECES = [b"company_nit,company_name\n", b"company_nit;company_name\r\n", b"\xef\xbb\xbf",
          b"800,Gas\n", b"801;Agua\r", b"\r\n", b"\n", b'"a\nb",c\n', b"\xc3\xa9", b"\xe2\x82",
          b"\xac", b"\xff", b",,,\n", b" ", b"x,y,z,w\n", b"\x00", b'"open']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12), st.integers(1, 9))
def test_the_csv_read_as_it_streams_is_the_csv_read_whole(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[bytes], chunk: int,
) -> None:
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(b"".join(pieces))
    whole = whole_text_rows(path, CSV_COLUMNS[:2], CSV_OPTIONAL)
    saved = input_files.READ_CHUNK
    input_files.READ_CHUNK = chunk  # chunks end inside characters, line ends and the BOM
    try:
        assert streamed(path) == whole
    finally:
        input_files.READ_CHUNK = saved


def test_a_byte_that_is_not_utf8_further_on_is_said_before_a_rows_error(tmp_path: Path) -> None:
    path = tmp_path / "transactions.csv"
    text = transactions_csv(3000).replace("800123456", "80012345X", 1)  # the company on line 2
    path.write_bytes(text.encode() + b"\xff\n")
    expected = f"{path}, line 3002, column 1: is not UTF-8 text (byte 0xff, offset {len(text.encode())})"
    code = main(["generate", "--format", "pse-detail", "--input", str(path), "-o", str(tmp_path / "o")])
    assert code == 4
    with pytest.raises(InputError) as raised:
        load_collection(path)
    assert str(raised.value) == expected
