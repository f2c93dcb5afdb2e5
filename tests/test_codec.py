"""The codec: encoding errors, detection, read errors, line endings, sources, layouts.

Bad input is built from the hand-typed golden files by overwriting columns given
here by hand (from the manual's tables), and each test asserts the exact finding
(code, line, field, columns) or the exact exception attributes.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import pse_recon
from golden_files import GOLDEN, GOLDEN_FILES, golden
from pse_recon.declaration import END_OF_DAY, Amount, Code, Constant, Digits, Kind, Numeric, Text, Time
from pse_recon.records import asobancaria_1998 as a98
from pse_recon.records import asobancaria_2001 as a01


def lines_of(name: str) -> list[bytes]:
    """The golden file's lines without terminators (it ends with one)."""
    return golden(name)[:-1].split(b"\n")


def join(lines: list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def overwrite(name: str, line: int, column: int, text: bytes) -> bytes:
    """The golden file with ``text`` written over 1-based ``line`` from ``column``."""
    lines = lines_of(name)
    old = lines[line - 1]
    lines[line - 1] = old[: column - 1] + text + old[column - 1 + len(text) :]
    assert len(lines[line - 1]) == len(old)
    return join(lines)


def read_error(data: bytes, **kw: Any) -> pse_recon.Finding:
    with pytest.raises(pse_recon.ReadError) as info:
        pse_recon.read(data, **kw)
    return info.value.findings[0]


def where(f: pse_recon.Finding) -> tuple[str, int, str | None, str | None, int, int]:
    return (f.code, f.line, f.record, f.field, f.column, f.end_column)


# -- writing never loses anything ---------------------------------------------------
@pytest.fixture
def detail_2001() -> Any:
    return pse_recon.read(golden("asobancaria-2001-162.txt")).lots[0].details[0]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("referencia_principal", "1" * 49),  # digits: 49 into 48
        ("causal_devolucion", "ABCD"),  # text: 4 into 3
        ("secuencia", 10_000_000),  # numeric: 8 digits into 7
        ("valor_recaudado", Decimal("1000000000000.00")),  # 15 digits into 14
    ],
)
def test_encode_error_too_long(detail_2001: Any, field: str, value: Any) -> None:
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail_2001, **{field: value}))
    assert (info.value.record_type, info.value.field, info.value.value) == ("06", field, value)


def test_largest_amount_fits(detail_2001: Any) -> None:
    line = pse_recon.encode_record(attrs.evolve(detail_2001, valor_recaudado=Decimal("999999999999.99")))
    assert line[50:64] == "99999999999999"


@pytest.mark.parametrize(
    ("field", "value"), [("valor_recaudado", Decimal("-0.01")), ("secuencia", -1)]
)
def test_encode_error_negative(detail_2001: Any, field: str, value: Any) -> None:
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail_2001, **{field: value}))
    assert (info.value.record_type, info.value.field) == ("06", field)
    assert "negative" in info.value.reason


def test_encode_error_too_many_decimals(detail_2001: Any) -> None:
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail_2001, valor_recaudado=Decimal("85400.005")))
    assert (info.value.record_type, info.value.field) == ("06", "valor_recaudado")
    assert info.value.reason == "85400.005 has more than 2 decimals"


def test_encode_error_centavos_in_whole_pesos_1998() -> None:
    detail = pse_recon.read(golden("asobancaria-1998.txt")).details[0]
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail, valor_recaudado=Decimal("85400.50")))
    assert (info.value.record_type, info.value.field) == ("02", "valor_recaudado")


def test_trailing_zero_decimals_are_not_a_loss(detail_2001: Any) -> None:
    line = pse_recon.encode_record(attrs.evolve(detail_2001, valor_recaudado=Decimal("1.2300")))
    assert line[50:64] == "00000000000123"


@pytest.mark.parametrize("money", [1.5, 85400.0])
def test_encode_error_float_money(detail_2001: Any, money: float) -> None:
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail_2001, valor_recaudado=money))
    assert (info.value.record_type, info.value.field, info.value.value) == ("06", "valor_recaudado", money)
    assert "float" in info.value.reason


@pytest.mark.parametrize(
    ("record", "field", "value"),
    [
        ("detail", "referencia_principal", 21053),  # an int where digits text is expected
        ("detail", "secuencia", "2"),
        ("detail", "secuencia", True),
        ("detail", "valor_recaudado", "85400.00"),
        ("detail", "valor_recaudado", True),
        ("detail", "tipo_registro", "07"),
        ("detail", "causal_devolucion", "A\nB"),
        ("header", "fecha_pago", "20261120"),
        ("header", "fecha_pago", dt.datetime(2026, 11, 20, 10, 0)),
        ("header", "hora_archivo", "1030"),
        ("header", "hora_archivo", dt.time(10, 30, 15)),  # seconds do not fit HHMM
    ],
)
def test_encode_error_wrong_type(record: str, field: str, value: Any) -> None:
    f = pse_recon.read(golden("asobancaria-2001-162.txt"))
    rec = f.header if record == "header" else f.lots[0].details[0]
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(rec, **{field: value}))
    assert (info.value.record_type, info.value.field) == (rec.record_type, field)


def test_encode_error_for_a_character_outside_latin1_via_dumps() -> None:
    f = pse_recon.read(golden("pse-detail.txt"))
    bad = attrs.evolve(f.lines[1], referencia_2="PAGO €")
    g = attrs.evolve(f, lines=[f.lines[0], bad, f.lines[2]])
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.dumps(g)
    assert (info.value.record_type, info.value.field, info.value.value) == ("2", "referencia_2", "PAGO €")
    assert "'€'" in info.value.reason


def test_latin1_characters_are_written_as_one_byte() -> None:
    f = pse_recon.read(golden("pse-detail.txt"))
    g = attrs.evolve(f, lines=[f.lines[0], attrs.evolve(f.lines[1], referencia_2="ÑANDÚ"), f.lines[2]])
    line = pse_recon.dumps(g).split(b"\n")[2]
    assert len(line) == 235
    assert line[179:199] == b"\xd1AND\xda" + b" " * 15


def test_build_raises_encode_error_naming_the_field() -> None:
    """A value too long is refused when the record is made; a character outside the
    encoding, which only writing chooses, by build."""
    header = pse_recon.read(golden("asobancaria-2001-162.txt")).header
    values = dict(valor_recaudado=Decimal("1.00"), procedencia_pago="99", medio_pago="15",
                  codigo_entidad_debitada="007", codigo_sucursal="0001")
    with pytest.raises(pse_recon.EncodeError) as info:
        a01.Detail(referencia_principal="1" * 49, **values)
    assert (info.value.record_type, info.value.field) == ("06", "referencia_principal")
    detail = a01.Detail(referencia_principal="1", **values)
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.build("asobancaria-2001", attrs.evolve(header, numero_cuenta="Ñ1"),
                        [(a01.LotHeader(codigo_servicio="1"), [detail])], encoding="ascii")
    assert (info.value.record_type, info.value.field, info.value.value) == ("01", "numero_cuenta", "Ñ1")
    assert info.value.reason == "holds 'Ñ', not a ascii character"


def test_build_raises_when_a_total_overflows_its_field() -> None:
    header = pse_recon.read(golden("asobancaria-2001-162.txt")).header
    big = a01.Detail(referencia_principal="1", valor_recaudado=Decimal("999999999999.99"),
                     procedencia_pago="99", medio_pago="15", codigo_entidad_debitada="007",
                     codigo_sucursal="0001")
    # 10,001 x 999,999,999,999.99 = 10,000,999,999,999,899.99: 17 integer digits, the
    # lot total has 16 (10,000 of them, 9,999,999,999,999,900.00, would fit).
    lot = (a01.LotHeader(codigo_servicio="1"), [big] * 10_001)
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.build("asobancaria-2001", header, [lot])
    assert (info.value.record_type, info.value.field) == ("08", "valor_total_lote")
    assert info.value.value == Decimal("10000999999999899.99")


# -- detection --------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_detect_golden_files(name: str) -> None:
    fmt = pse_recon.detect(golden(name).splitlines(keepends=True))
    assert (fmt.name, fmt.width) == GOLDEN_FILES[name]


def test_empty_input_is_pr001() -> None:
    assert where(read_error(b"")) == ("PR001", 1, None, None, 0, 0)
    with pytest.raises(pse_recon.ReadError) as info:
        pse_recon.detect([])
    assert info.value.findings[0].code == "PR001"


def test_unknown_content_is_pr002_saying_what_was_seen() -> None:
    f = read_error(b"hello world\r\nsecond line\r\n")
    assert (f.code, f.line) == ("PR002", 1)
    assert "'hello world'" in f.message
    assert "11 columns" in f.message
    assert f.text == "hello world"


def test_ambiguous_content_is_pr002_naming_the_candidates() -> None:
    # A PSE header followed only by state totals fits both PSE formats.
    data = join(lines_of("pse-summary.txt")[:1] + lines_of("pse-summary.txt")[4:])
    f = read_error(data)
    assert f.code == "PR002"
    assert "pse-summary or pse-detail" in f.message
    assert pse_recon.read(data, "pse-summary").format == "pse-summary"


# Regression (core fix c7c630f): one bad line used to make detection fail with PR002 at
# line 1; the format is now detected from the header and the bad line reported.
@pytest.mark.parametrize("format_given", [None, "asobancaria-2001"])
def test_wider_line_is_pr004_at_its_line(format_given: str | None) -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    lines[3] += b"X"  # (blanks past the width are a padded record, PR016: read)
    f = read_error(join(lines), format=format_given)
    assert where(f) == ("PR004", 4, "06", None, 163, 163)


def test_wider_line_in_the_150_variant_is_pr004_not_another_width() -> None:
    lines = lines_of("asobancaria-2001-150.txt")
    lines[2] += b"X"
    assert where(read_error(join(lines))) == ("PR004", 3, "06", None, 151, 151)


def test_unknown_record_type_is_pr005() -> None:
    data = overwrite("asobancaria-2001-162.txt", 4, 1, b"07")
    f = read_error(data)
    assert where(f) == ("PR005", 4, None, None, 1, 2)
    assert f.text == "07"


def test_trailing_empty_line_is_read_and_reported_once() -> None:
    # It used to be PR005 at line 10 (issue 10): now the file's tail, kept and told.
    data = golden("andesco.txt") + b"\n"
    f = pse_recon.read(data)
    assert [(x.code, x.line, x.severity) for x in f.findings] == [("PR012", 10, pse_recon.Severity.WARNING)]
    assert pse_recon.dumps(f) == data
    assert pse_recon.dumps(f, canonical=True) == golden("andesco.txt")
    assert where(read_error(data, strict=True)) == ("PR012", 10, None, None, 0, 0)


def test_bad_line_in_pse_summary_is_reported_at_its_line() -> None:
    # pse-summary and pse-detail share their header; the other lines decide.
    lines = lines_of("pse-summary.txt")
    lines[2] = lines[2][:-1]
    assert where(read_error(join(lines))) == ("PR004", 3, "2", None, 52, 52)


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_trimmed_trailing_blanks_are_detected_and_kept(name: str) -> None:
    trimmed = join([line.rstrip(b" ") for line in lines_of(name)])
    f = pse_recon.read(trimmed)
    fmt, width = GOLDEN_FILES[name]
    # Trimmed 150 and 162 lines look alike: the standard width is assumed.
    assert (f.format, f.width) == (fmt, 162 if width == 150 else width)
    assert f.records == pse_recon.read(golden(name)).records
    assert pse_recon.dumps(f) == trimmed


# -- read errors -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "line", "columns"),
    [
        ("asobancaria-2001-162.txt", 3, (51, 64)),
        ("asobancaria-2001-150.txt", 7, (51, 64)),
        ("andesco.txt", 4, (27, 40)),
        ("asobancaria-1998.txt", 2, (28, 40)),
    ],
)
def test_letter_in_an_amount_is_pr101(name: str, line: int, columns: tuple[int, int]) -> None:
    data = overwrite(name, line, columns[0] + 3, b"X")
    f = read_error(data)
    record = "02" if name.startswith("asobancaria-1998") else "06"
    assert where(f) == ("PR101", line, record, "valor_recaudado", *columns)
    assert f.severity is pse_recon.Severity.ERROR


def test_impossible_date_is_pr102() -> None:
    data = overwrite("asobancaria-2001-162.txt", 1, 13, b"20260230")
    f = read_error(data)
    assert where(f) == ("PR102", 1, "01", "fecha_pago", 13, 20)
    assert f.text == "20260230"


def test_impossible_date_in_pse_detail_is_pr102() -> None:
    data = overwrite("pse-detail.txt", 3, 221, b"20261301")
    assert where(read_error(data)) == ("PR102", 3, "2", "fecha_proceso", 221, 228)


def test_time_2401_is_pr103() -> None:
    data = overwrite("asobancaria-2001-162.txt", 1, 49, b"2401")
    assert where(read_error(data)) == ("PR103", 1, "01", "hora_archivo", 49, 52)


def test_time_235960_is_pr103() -> None:
    data = overwrite("pse-summary.txt", 1, 18, b"235960")
    assert where(read_error(data)) == ("PR103", 1, "1", "hora_cierre_ciclo", 18, 23)


def test_time_2400_reads_as_end_of_day_and_writes_back() -> None:
    f = pse_recon.read(golden("asobancaria-2001-162.txt"))
    assert f.header.hora_archivo == END_OF_DAY
    assert f.header.hora_archivo != dt.time(0, 0)
    line = pse_recon.encode_record(f.header)
    assert line[48:52] == "2400"
    assert pse_recon.dumps(f, canonical=True) == golden("asobancaria-2001-162.txt")
    built = pse_recon.encode_record(attrs.evolve(f.header, hora_archivo=dt.time(0, 0)))
    assert built[48:52] == "0000"


def test_time_240000_reads_as_end_of_day_and_writes_back() -> None:
    data = overwrite("pse-summary.txt", 1, 18, b"240000")
    f = pse_recon.read(data)
    assert f.header.hora_cierre_ciclo == END_OF_DAY
    assert pse_recon.encode_record(f.header)[17:23] == "240000"
    assert pse_recon.dumps(f, canonical=True) == data


def test_wrong_constant_is_pr104() -> None:
    data = overwrite("pse-detail.txt", 2, 220, b"2")  # canal_pago is always 1
    assert where(read_error(data)) == ("PR104", 2, "2", "canal_pago", 220, 220)


def test_filler_text_is_tolerated_and_kept() -> None:
    data = overwrite("asobancaria-1998.txt", 3, 60, b"X")
    f = pse_recon.read(data)
    assert pse_recon.dumps(f) == data
    assert pse_recon.dumps(f, canonical=True) == golden("asobancaria-1998.txt")


def test_non_latin1_byte_in_another_encoding_is_pr010() -> None:
    data = golden("pse-detail.txt")  # holds 0xC1 (Á) on line 2, column 197
    f = read_error(data, format="pse-detail", encoding="ascii")
    assert (f.code, f.line, f.column, f.end_column) == ("PR010", 2, 197, 197)


# -- structure ---------------------------------------------------------------------
# asobancaria-2001-162.txt: 1 file header, 2 lot header, 3-4 details, 5 lot control,
# 6 lot header, 7-8 details, 9 lot control, 10 file control.
def test_pr201_file_must_open_with_its_header() -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    f = read_error(join(lines[1:]), format="asobancaria-2001")
    assert where(f) == ("PR201", 1, "05", None, 0, 0)


def test_pr202_detail_outside_a_lot() -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    data = join([*lines[:5], lines[2], *lines[5:]])
    assert where(read_error(data)) == ("PR202", 6, "06", None, 0, 0)


def test_pr202_header_among_1998_details() -> None:
    lines = lines_of("asobancaria-1998.txt")
    data = join([*lines[:2], lines[0], *lines[2:]])
    assert where(read_error(data)) == ("PR202", 3, "01", None, 0, 0)


def test_pr203_file_control_missing() -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    assert where(read_error(join(lines[:-1]))) == ("PR203", 9, None, None, 0, 0)


def test_pr203_lot_left_open() -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    data = join([*lines[:4], *lines[9:]])  # lot 1 without its control, then the file control
    assert where(read_error(data)) == ("PR203", 5, "09", None, 0, 0)


def test_pr203_pse_totals_missing() -> None:
    lines = lines_of("pse-detail.txt")
    assert where(read_error(join(lines[:4]), format="pse-detail")) == ("PR203", 4, None, None, 0, 0)


def test_pr204_record_after_file_control() -> None:
    lines = lines_of("asobancaria-2001-162.txt")
    data = join([*lines, lines[1]])
    assert where(read_error(data)) == ("PR204", 11, "05", None, 0, 0)


def test_pr204_detail_after_1998_totals() -> None:
    lines = lines_of("asobancaria-1998.txt")
    assert where(read_error(join([*lines, lines[1]]))) == ("PR204", 6, "02", None, 0, 0)


def test_pr204_transaction_after_pse_state_totals() -> None:
    lines = lines_of("pse-detail.txt")
    data = join([*lines[:5], lines[1], *lines[5:]])
    assert where(read_error(data)) == ("PR204", 6, "2", None, 0, 0)


# -- line endings --------------------------------------------------------------------
def _variants(name: str) -> dict[str, bytes]:
    lf = golden(name)
    lines = lines_of(name)
    return {
        "lf": lf,
        "crlf": lf.replace(b"\n", b"\r\n"),
        "no final newline": lf[:-1],
        "crlf, no final newline": lf[:-1].replace(b"\n", b"\r\n"),
        "unpadded last line": join(lines[:-1]) + lines[-1].rstrip(b" "),
        "unpadded last line with newline": join(lines[:-1]) + lines[-1].rstrip(b" ") + b"\r\n",
        "mixed": b"".join(line + (b"\r\n" if i % 2 else b"\n") for i, line in enumerate(lines)),
    }


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
@pytest.mark.parametrize(
    "variant",
    ["lf", "crlf", "no final newline", "crlf, no final newline", "unpadded last line",
     "unpadded last line with newline", "mixed"],
)
def test_line_ending_variants_round_trip_byte_exactly(name: str, variant: str) -> None:
    data = _variants(name)[variant]
    f = pse_recon.read(data)
    assert pse_recon.dumps(f) == data
    assert f == pse_recon.read(golden(name))
    assert pse_recon.dumps(f, canonical=True) == golden(name)


def test_newline_of_the_file_is_taken_from_its_first_line() -> None:
    crlf = golden("andesco.txt").replace(b"\n", b"\r\n")
    f = pse_recon.read(crlf)
    assert f.newline == "\r\n"
    # A record changed in memory is written with the file's line ending.
    lot = f.lots[1]
    changed = attrs.evolve(lot.details[0], codigo_sucursal="0009")
    g = attrs.evolve(f, lots=[f.lots[0], attrs.evolve(lot, details=[changed])])
    out = pse_recon.dumps(g).split(b"\r\n")
    assert out[6][59:63] == b"0009"
    assert len(out) == 10 and out[-1] == b""


# -- sources -----------------------------------------------------------------------
def test_iter_records_over_path_bytes_and_binary_file() -> None:
    path = GOLDEN / "asobancaria-2001-150.txt"
    expected = pse_recon.read(path).records

    from_str = list(pse_recon.iter_records(str(path)))
    from_path = list(pse_recon.iter_records(path))
    from_bytes = list(pse_recon.iter_records(path.read_bytes()))
    with path.open("rb") as fh:
        from_file = list(pse_recon.iter_records(fh))
        assert not fh.closed  # the caller's file is left open
    from_buffer = list(pse_recon.iter_records(io.BytesIO(path.read_bytes()), "asobancaria-2001", width=150))

    for got in (from_str, from_path, from_bytes, from_file, from_buffer):
        assert got == list(expected)
        assert [r.line for r in got] == list(range(1, 10))
    assert [r.record_type for r in from_file] == ["01", "05", "06", "06", "08", "05", "06", "08", "09"]


def test_iter_records_is_lazy() -> None:
    data = golden("asobancaria-1998.txt") + b"garbage\n"
    it = pse_recon.iter_records(data, "asobancaria-1998")
    first = [next(it) for _ in range(5)]
    assert [r.record_type for r in first] == ["01", "02", "02", "02", "09"]
    with pytest.raises(pse_recon.ReadError) as info:
        next(it)
    assert (info.value.findings[0].code, info.value.findings[0].line) == ("PR005", 6)


def test_text_mode_file_is_a_type_error() -> None:
    # Regression (core fix eed84f4): used to fail with "endswith first arg must be str".
    with (GOLDEN / "andesco.txt").open() as fh, pytest.raises(TypeError, match="binary mode"):
        pse_recon.read(fh)


def test_source_of_another_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="give a path, bytes or a binary file"):
        pse_recon.read(12)  # type: ignore[arg-type]


def test_write_is_atomic_and_exact(tmp_path: Path) -> None:
    f = pse_recon.read(golden("pse-detail.txt"))
    target = tmp_path / "out.txt"
    pse_recon.write(f, target)
    assert target.read_bytes() == golden("pse-detail.txt")
    bad = attrs.evolve(f, lines=[attrs.evolve(f.lines[0], referencia_2="PAGO €"), *f.lines[1:]])
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.write(bad, target)
    assert (info.value.record_type, info.value.field) == ("2", "referencia_2")
    assert target.read_bytes() == golden("pse-detail.txt")  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary left


def test_writing_in_chunks_fails_at_the_first_bad_record_of_the_file(tmp_path: Path) -> None:
    """Canonical writing encodes CHUNK_LINES lines at a time: a record deep in the file
    that cannot be written is reported as a whole-file pass would, the first bad one
    in file order, and ``write`` leaves nothing behind."""
    from pse_recon.codec.writer import CHUNK_LINES

    data = golden("pse-detail.txt")
    f = pse_recon.read(data)
    many = [attrs.evolve(f.lines[0], ticket_id=f"{i:020d}") for i in range(CHUNK_LINES * 2 + 10)]
    at = CHUNK_LINES + 5  # in the second chunk
    unencodable = attrs.evolve(many[at], referencia_2="PAGO €")
    # Reading keeps a control character (validation reports it); writing refuses it.
    start = f.layout.detail.field("referencia_3").start
    line = f.lines[0].raw or b""
    escaped = pse_recon.read(data.replace(line, line[: start - 1] + b"\x1b" + line[start:])).lines[0]
    assert escaped.referencia_3.startswith("\x1b")
    good = attrs.evolve(f, lines=many)
    assert pse_recon.dumps(good, canonical=True).count(b"\n") == len(many) + 6
    for lines, field in (([*many[:at], unencodable, escaped, *many[at + 2 :]], "referencia_2"),
                         ([*many[:at], many[at], escaped, *many[at + 2 :]], "referencia_3")):
        bad = attrs.evolve(f, lines=lines)
        with pytest.raises(pse_recon.EncodeError) as info:
            pse_recon.dumps(bad, canonical=True)
        assert (info.value.record_type, info.value.field) == ("2", field)
        target = tmp_path / "out.txt"
        with pytest.raises(pse_recon.EncodeError) as info:
            pse_recon.write(bad, target, canonical=True)
        assert (info.value.record_type, info.value.field) == ("2", field)
        assert list(tmp_path.iterdir()) == []
    pse_recon.write(good, tmp_path / "out.txt", canonical=True)
    assert (tmp_path / "out.txt").read_bytes() == pse_recon.dumps(good, canonical=True)


# -- layouts -----------------------------------------------------------------------
def test_150_variant_is_the_same_declaration() -> None:
    standard = pse_recon.layout("asobancaria-2001")
    narrow = pse_recon.layout("asobancaria-2001", 150)
    assert (standard.width, narrow.width) == (162, 150)
    assert list(standard.records) == list(narrow.records)
    # record type → (start of the trailing reservado, its length at 162, at 150)
    reservado = {"01": (56, 107, 95), "05": (20, 143, 131), "06": (98, 65, 53), "08": (34, 129, 117),
                 "09": (30, 133, 121)}
    for code, (start, wide, short) in reservado.items():
        a, b = standard[code].fields, narrow[code].fields
        assert a[:-1] == b[:-1]
        assert (a[-1].name, b[-1].name) == ("reservado", "reservado")
        assert (a[-1].start, b[-1].start) == (start, start)
        assert (a[-1].length, b[-1].length) == (wide, short)
        assert (a[-1].end, b[-1].end) == (162, 150)
    f = pse_recon.read(golden("asobancaria-2001-150.txt"))
    assert type(f.header) is a01.FileHeader  # one record class for both widths
    with pytest.raises(ValueError, match="no 151-column variant"):
        pse_recon.layout("asobancaria-2001", 151)


def _field(fmt: str, code: str, name: str) -> tuple[int, int, int, type[Kind]]:
    f = pse_recon.layout(fmt)[code].field(name)
    return (f.start, f.end, f.length, type(f.kind))


def test_layout_introspection_matches_the_layout_tables() -> None:
    # Columns from spec/layout-tables.md.
    assert _field("asobancaria-1998", "02", "valor_recaudado") == (28, 40, 13, Amount)
    assert _field("asobancaria-1998", "02", "procedencia_pago") == (41, 42, 2, Constant)
    assert _field("asobancaria-1998", "09", "valor_total") == (12, 29, 18, Amount)
    assert _field("asobancaria-2001", "01", "numero_cuenta") == (24, 40, 17, Text)
    assert _field("asobancaria-2001", "01", "hora_archivo") == (49, 52, 4, Time)
    assert _field("asobancaria-2001", "01", "tipo_cuenta") == (54, 55, 2, Digits)
    assert _field("asobancaria-2001", "06", "valor_recaudado") == (51, 64, 14, Amount)
    assert _field("asobancaria-2001", "06", "secuencia") == (88, 94, 7, Numeric)
    assert _field("asobancaria-2001", "06", "causal_devolucion") == (95, 97, 3, Code)
    assert _field("asobancaria-2001", "08", "numero_lote") == (30, 33, 4, Numeric)
    assert _field("andesco", "01", "numero_cuenta") == (24, 40, 17, Digits)
    assert _field("andesco", "01", "modificador_archivo") == (49, 49, 1, Text)
    assert _field("andesco", "06", "referencia_secundaria") == (64, 87, 24, Digits)
    assert _field("pse-summary", "2", "valor_iva") == (35, 52, 18, Amount)
    assert _field("pse-detail", "1", "hora_cierre_ciclo") == (18, 23, 6, Time)
    assert _field("pse-detail", "2", "codigo_autorizacion") == (110, 159, 50, Text)
    assert _field("pse-detail", "2", "canal_pago") == (220, 220, 1, Constant)
    assert _field("pse-detail", "2", "ciclo_proceso") == (235, 235, 1, Digits)
    assert _field("pse-detail", "3", "valor_total") == (9, 26, 18, Amount)
    amount = pse_recon.layout("asobancaria-2001")["08"].field("valor_total_lote")
    assert amount.decimals == 2
    assert pse_recon.layout("asobancaria-1998")["02"].field("valor_recaudado").decimals == 0
    widths = {code: rec.width for code, rec in pse_recon.layout("pse-detail").records.items()}
    assert widths == {"1": 39, "2": 235, "3": 44}
    assert pse_recon.layout("asobancaria-2001")["06"].field_at(51).name == "valor_recaudado"
    assert pse_recon.layout("asobancaria-2001")["06"].field_at(163) is None
    with pytest.raises(ValueError, match="unknown format 'asobancaria-2002'"):
        pse_recon.layout("asobancaria-2002")


# -- rebuild -------------------------------------------------------------------------
def test_rebuild_after_editing_a_detail_recomputes_controls() -> None:
    f = pse_recon.read(golden("asobancaria-2001-162.txt"))
    lot = f.lots[0]
    edited = attrs.evolve(lot.details[1], valor_recaudado=Decimal("2000.00"))  # was 1,234.56
    g = attrs.evolve(f, lots=[attrs.evolve(lot, details=[lot.details[0], edited]), f.lots[1]])
    assert g.lots[0].control.valor_total_lote == Decimal("86634.56")  # stale until rebuilt

    r = pse_recon.rebuild(g)

    assert r.lots[0].control.valor_total_lote == Decimal("87400.00")  # 85,400.00 + 2,000.00
    assert r.lots[0].control.total_registros_lote == 2
    assert r.lots[1].control == f.lots[1].control
    assert r.control.valor_total == Decimal("1587400.99")  # 87,400.00 + 1,500,000.99
    out = pse_recon.dumps(r).split(b"\n")
    expected = lines_of("asobancaria-2001-162.txt")
    assert out[3][50:64] == b"00000000200000"
    assert out[4][11:29] == b"000000000008740000"
    assert out[9][11:29] == b"000000000158740099"
    assert [i for i in range(10) if out[i] != expected[i]] == [3, 4, 9]


def test_rebuild_after_removing_a_detail_renumbers_the_sequence() -> None:
    f = pse_recon.read(golden("asobancaria-1998.txt"))
    g = attrs.evolve(f, details=f.details[1:])
    r = pse_recon.rebuild(g)
    assert [d.secuencia for d in r.details] == [2, 3]
    assert (r.totals.total_registros, r.totals.valor_total) == (2, Decimal("1484567"))


def test_rebuild_keeps_width_and_newline() -> None:
    data = golden("asobancaria-2001-150.txt").replace(b"\n", b"\r\n")
    r = pse_recon.rebuild(pse_recon.read(data))
    assert (r.width, r.newline) == (150, "\r\n")
    assert pse_recon.dumps(r) == data


def test_build_rejects_a_record_of_another_format() -> None:
    header = a98.Header(nit_empresa="1", fecha_pago=dt.date(2026, 1, 1), codigo_recaudo="007",
                        cuenta_abono="1")
    with pytest.raises(TypeError, match="expected a asobancaria-2001 record 01"):
        pse_recon.build("asobancaria-2001", header, [])


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_encode_error_for_a_non_finite_amount_says_so(detail_2001: Any, value: Decimal) -> None:
    # Regression: the reason used to be "NaN has more than 2 decimals".
    with pytest.raises(pse_recon.EncodeError) as info:
        pse_recon.encode_record(attrs.evolve(detail_2001, valor_recaudado=value))
    assert (info.value.record_type, info.value.field) == ("06", "valor_recaudado")
    assert info.value.reason == f"{value} is not a number of pesos"


def test_a_given_width_decides_when_detection_cannot() -> None:
    # Every line trimmed of its blanks: 150 and 162 look alike, so the width given wins.
    f150 = pse_recon.read(GOLDEN / "asobancaria-2001-150.txt")
    trimmed = b"".join(r.raw.rstrip(b"\r\n").rstrip(b" ") + b"\n" for r in f150.records if r.raw)
    assert pse_recon.read(trimmed).width == 162
    assert pse_recon.read(trimmed, width=150).width == 150
    assert pse_recon.dumps(pse_recon.read(trimmed, width=150)) == trimmed
    # The width narrows detection to the formats of that width: Andesco's 110-column
    # lines are then taken for short 150-column 2001 ones, and its header is no 2001 one.
    assert where(read_error((GOLDEN / "andesco.txt").read_bytes(), width=150))[:2] == ("PR101", 1)


def test_write_gives_the_usual_permissions_and_keeps_existing_ones(tmp_path: Path) -> None:
    import os
    import stat

    f = pse_recon.read(GOLDEN / "andesco.txt")
    old = os.umask(0o022)
    try:
        pse_recon.write(f, tmp_path / "new.txt")
        existing = tmp_path / "existing.txt"
        existing.write_bytes(b"old")
        existing.chmod(0o640)
        pse_recon.write(f, existing)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert existing.read_bytes() == (GOLDEN / "andesco.txt").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.txt", "new.txt"]


# -- layouts are values -----------------------------------------------------------------
def test_layouts_are_hashable_values_and_key_what_is_derived_from_them() -> None:
    """Equal layouts are one cache key (compiled codec, validation plans, record
    classes); a copy under another name, not in FORMATS, compiles on its own; the
    150-column variant knows its standard width and shares the 162's classes."""
    import pickle

    from pse_recon.compile.codec import compile_format
    from pse_recon.compile.plan import format_plan
    from pse_recon.records import record_classes

    standard = pse_recon.layout("asobancaria-2001")
    narrow = standard.with_width(150)
    assert hash(narrow.with_width(162)) == hash(standard) and narrow.with_width(162) == standard
    assert (narrow.standard, narrow.widths, narrow.with_width(None)) == (162, (162, 150), standard)
    assert compile_format(narrow.with_width(162)) is compile_format(standard)
    assert format_plan(narrow.with_width(162)) is format_plan(standard)
    assert record_classes(narrow) is record_classes(standard) is record_classes("asobancaria-2001")
    assert pickle.loads(pickle.dumps(narrow)) == narrow

    bank = attrs.evolve(standard, name="bank-variant")
    assert "bank-variant" not in pse_recon.FORMATS and bank != standard
    compiled = compile_format(bank)
    assert compiled is not compile_format(standard)
    assert compiled["06"].cls is record_classes(bank)["06"] is not record_classes(standard)["06"]
    line = golden("asobancaria-2001-162.txt").splitlines(keepends=True)[2]
    record = compiled["06"].decode(line, line.decode("latin-1"), 3, line)
    assert (record.format, record.file_layout) == ("bank-variant", bank)
