"""read_table: the same verdict and values as read, column by column, on the fast path
and the row path; its Arrow types; the helpers; the imports it keeps out of
``import pse_recon``."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.testing import file_bytes

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from golden_files import GOLDEN, GOLDEN_FILES  # noqa: E402
from pse_recon.columnar import Tables, read_table, vector  # noqa: E402
from pse_recon.columnar.rows import numbered  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))
import harness  # noqa: E402

QUIRKS = harness.quirk_seeds((GOLDEN / "asobancaria-2001-162.txt").read_bytes())

FORMATS = [(name, w) for name, fmt in sorted(pse_recon.FORMATS.items()) for w in (fmt.widths or (None,))]


def assert_same(tables: Tables, f: pse_recon.File) -> None:
    """Every table holds ``f``'s records of its type, column by column, values and
    Python types alike (Decimal scale included); the findings are read's."""
    assert (tables.format, tables.width) == (f.format, f.width)
    assert tables.findings == f.findings
    by_type: dict[str, list[tuple[Any, int]]] = {code: [] for code in f.layout.records}
    for r, lot in numbered(f):
        by_type[r.record_type].append((r, lot))
    assert set(tables.tables) == set(by_type)
    for code, rows in by_type.items():
        t = tables[code]
        assert t.num_rows == len(rows)
        for name in t.column_names:
            got = t.column(name).to_pylist()
            if name == "lot":
                want: list[Any] = [lot for _, lot in rows]
            else:
                want = [getattr(r, name) for r, _ in rows]
            assert got == want, (code, name)
            assert [type(v) for v in got] == [type(v) for v in want], (code, name)
            if want and isinstance(want[0], Decimal):
                assert [v.as_tuple().exponent for v in got] == [v.as_tuple().exponent for v in want]


def outcome(data: bytes, **kw: Any) -> tuple[str, Any]:
    try:
        return "ok", pse_recon.read(data, **kw)
    except pse_recon.ReadError as exc:
        return "error", exc


def check_like_read(data: bytes, **kw: Any) -> Tables | None:
    """read_table of ``data`` gives what read gives: the same tables, or the same error."""
    kind, read = outcome(data, **kw)
    if kind == "error":
        with pytest.raises(pse_recon.ReadError) as caught:
            read_table(data, **kw)
        assert caught.value.findings == read.findings
        return None
    tables = read_table(data, **kw)
    assert_same(tables, read)
    return tables


def fast(data: bytes, name: str, width: int | None, newline: bytes = b"\n") -> bool:
    return vector.fast_tables(data, pse_recon.layout(name, width), newline, "en") is not None


# -- the property ------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "width"), FORMATS)
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_read_table_equals_read_column_by_column(name: str, width: int | None, data: st.DataObject) -> None:
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    source = data.draw(file_bytes(name, width, max_details=8, max_lots=3, newline=newline))
    check_like_read(source)
    check_like_read(source, format=name, width=width)
    # The strategies' files are clean: the fast path takes every one of them.
    assert fast(source, name, width, newline.encode())


@pytest.mark.parametrize("file", sorted(GOLDEN_FILES))
def test_golden_files_on_the_fast_path(file: str) -> None:
    data = (GOLDEN / file).read_bytes()
    name, width = GOLDEN_FILES[file]
    assert fast(data, name, width)
    check_like_read(data)
    crlf = data.replace(b"\n", b"\r\n")
    assert fast(crlf, name, width, b"\r\n")
    check_like_read(crlf)
    unterminated = data.rstrip(b"\n")  # PR007, reported by the fast path itself
    assert fast(unterminated, name, width)
    assert [x.code for x in check_like_read(unterminated).findings] == ["PR007"]  # type: ignore[union-attr]


@pytest.mark.parametrize("quirk", sorted(QUIRKS))
def test_quirks_take_the_row_path_with_reads_findings(quirk: str) -> None:
    data = QUIRKS[quirk]
    assert not fast(data, "asobancaria-2001", 162, b"\r\n" if b"\r\n" in data else b"\n")
    check_like_read(data)
    check_like_read(data, strict=True)


def test_real_files_read_like_read(real_dir: Any) -> None:
    for path in sorted(real_dir.glob("*.txt")):
        check_like_read(path.read_bytes())


# -- guarantees on failing checks -------------------------------------------------------
def golden_2001() -> bytes:
    return (GOLDEN / "asobancaria-2001-162.txt").read_bytes()


def big_2001(n: int = 3000) -> bytes:
    """The golden file with its first lot's details repeated: many details, one lot."""
    lines = golden_2001().splitlines(keepends=True)
    detail = next(ln for ln in lines if ln.startswith(b"06"))
    return b"".join(lines[:2] + [detail] * n + lines[2:])


def stops_at(data: bytes, code: str, line: int) -> None:
    with pytest.raises(pse_recon.ReadError) as caught:
        read_table(data)
    assert (caught.value.findings[0].code, caught.value.findings[0].line) == (code, line)


@pytest.mark.parametrize(("column", "byte", "code"), [
    (55, b"X", "PR101"),   # a letter in the amount: not digits
    (95, b"007", None),    # a code in the blank code field: still good
    (96, b"A", "PR112"),   # the code neither blank nor digits
    (162, b"\r", None),    # a CR in the last column (a filler): read decides
    (120, b"\n", None),    # a line feed in the filler: two lines
])
def test_a_failing_vector_check_gives_reads_verdict(column: int, byte: bytes, code: str | None) -> None:
    lines = big_2001().splitlines(keepends=True)
    at = 2 + 2017  # line 2020, deep in a block
    lines[at] = lines[at][: column - 1] + byte + lines[at][column - 1 + len(byte) :]
    data = b"".join(lines)
    check_like_read(data)
    assert fast(data, "asobancaria-2001", 162) == (byte == b"007")  # only the good one stays fast
    if code is not None:
        stops_at(data, code, 2020)


def test_bad_dates_times_and_structure_give_reads_error() -> None:
    data = golden_2001()
    lines = data.splitlines(keepends=True)
    header = lines[0]
    cases = {
        "PR102": [header[:12] + b"20260230" + header[20:], *lines[1:]],  # 30 February
        "PR103": [header[:48] + b"2460" + header[52:], *lines[1:]],      # minute 60
        "PR204": [*lines, lines[2]],                                        # a detail after the end
        "PR202": [lines[0], lines[2], *lines[1:]],                          # a detail outside a lot
    }
    for code, body in cases.items():
        with pytest.raises(pse_recon.ReadError) as caught:
            read_table(b"".join(body))
        assert caught.value.findings[0].code == code, code
        check_like_read(b"".join(body))


@pytest.mark.parametrize(("start", "text", "code"), [
    (221, b"20250229", "PR102"),  # not a leap year (fecha_proceso, a detail's date)
    (221, b"00000101", "PR102"),  # year 0
    (229, b"236000", "PR103"),    # minute 60 (hora_registro_pse)
    (229, b"240001", "PR103"),    # past the end of the day
    (229, b"240000", None),       # the end of the day
    (2, b"7", None),              # a state with no totals line: read's structure error, if any
])
def test_pse_detail_dates_and_times_checked_in_columns(start: int, text: bytes, code: str | None) -> None:
    lines = (GOLDEN / "pse-detail.txt").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][: start - 1] + text + lines[2][start - 1 + len(text) :]
    data = b"".join(lines)
    got = check_like_read(data)
    if code is not None:
        stops_at(data, code, 3)
    elif text == b"240000":
        assert got is not None and got.details.column("hora_registro_pse")[1].as_py() == dt.time.max


def test_errors_in_spanish_like_read() -> None:
    data = big_2001().replace(b"0600", b"06X0", 1)
    with pytest.raises(pse_recon.ReadError) as caught:
        read_table(data, lang="es")
    with pytest.raises(pse_recon.ReadError) as want:
        pse_recon.read(data, lang="es")
    assert caught.value.findings == want.value.findings


# -- values and types ---------------------------------------------------------------------
def test_arrow_types_and_values() -> None:
    t = read_table(big_2001(5000))
    d = t.details
    assert d.schema.field("referencia_principal").type == pa.string()
    assert d.schema.field("valor_recaudado").type == pa.decimal128(14, 2)
    assert d.schema.field("secuencia").type == pa.int64()
    assert d.schema.field("lot").type == pa.int64()
    h = t["01"]
    assert h.schema.field("fecha_pago").type == pa.date32()
    assert h.schema.field("hora_archivo").type == pa.time64("us")
    assert d.column("referencia_principal")[0].as_py().startswith("0000")  # zeros kept
    assert d.num_rows == 5000 + 4  # the golden file has four


def test_2400_is_the_last_microsecond_of_the_day() -> None:
    lines = golden_2001().splitlines(keepends=True)
    lines[0] = lines[0][:48] + b"2400" + lines[0][52:]
    t = check_like_read(b"".join(lines))
    assert t is not None
    assert t["01"].column("hora_archivo")[0].as_py() == dt.time.max == pse_recon.declaration.kinds.END_OF_DAY


def test_pse_eighteen_digit_amounts_exact_and_latin1_text() -> None:
    data = (GOLDEN / "pse-detail.txt").read_bytes()
    lines = data.splitlines(keepends=True)
    line = lines[1]
    big = b"999999999999999999"
    lines[1] = line[:73] + big + line[91:159] + b"Pe\xf1a".ljust(20) + line[179:]
    source = b"".join(lines)
    assert fast(source, "pse-detail", None)
    t = check_like_read(source)
    assert t is not None
    assert t.details.column("valor_transaccion")[0].as_py() == Decimal("9999999999999999.99")
    assert t.details.column("referencia_1")[0].as_py() == "Peña"


def test_other_encodings_and_strict_take_the_row_path() -> None:
    data = golden_2001()
    check_like_read(data, encoding="cp1252")
    check_like_read(data, strict=True)
    with pytest.raises(pse_recon.ReadError) as caught:
        read_table(data.replace(b"\n", b"\r\n"), strict=True)
    assert caught.value.findings[0].code == "PR006"


def test_sources_paths_mapped_gzip_zip_and_streams(tmp_path: Any) -> None:
    """A plain file's path is memory-mapped (the tables own copies of their values: the
    map is closed, the file can go); a gzip or zip path, a stream, bytes are read."""
    import gzip
    import zipfile

    plain = tmp_path / "f.txt"
    plain.write_bytes(big_2001(100))
    tables = read_table(plain)
    plain.unlink()
    plain.write_bytes(b"")  # the map is gone: what the tables hold is theirs
    assert_same(tables, pse_recon.read(big_2001(100)))
    path = tmp_path / "f.txt.gz"
    path.write_bytes(gzip.compress(golden_2001()))
    assert_same(read_table(path), pse_recon.read(path))
    with open(path, "rb") as stream:
        assert_same(read_table(stream), pse_recon.read(path))
    archive = tmp_path / "f.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("recaudo.txt", golden_2001())
    assert_same(read_table(archive), pse_recon.read(archive))
    with pytest.raises(pse_recon.ReadError) as caught:
        read_table(plain)  # empty now
    assert caught.value.findings[0].code == "PR001"


def test_arguments_checked_like_read() -> None:
    with pytest.raises(ValueError):
        read_table(golden_2001(), format="no-such-format")
    with pytest.raises(pse_recon.ReadError) as caught:
        read_table(b"")
    assert caught.value.findings[0].code == "PR001"


def test_tables_pickle_and_convert() -> None:
    t = read_table(golden_2001())
    again = pickle.loads(pickle.dumps(t))
    assert again.details.equals(t.details)
    pl = pytest.importorskip("polars")
    frame = t.to_polars()
    assert isinstance(frame, pl.DataFrame) and frame.height == t.details.num_rows
    assert frame["referencia_principal"][0].startswith("0")
    assert frame["valor_recaudado"].dtype == pl.Decimal(14, 2)
    pytest.importorskip("pandas")
    pdf = t.to_pandas("01")
    assert pdf["nit_empresa"][0] == t["01"].column("nit_empresa")[0].as_py()


def test_import_pse_recon_imports_no_dataframe_library() -> None:
    code = ("import sys, pse_recon, pse_recon.columnar; "
            "print(sorted(m for m in ('pyarrow', 'numpy', 'polars', 'pandas', 'dask') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert pse_recon.read_table is read_table


@pytest.mark.parametrize("runs", [1, 2, 4096])
def test_pse_lines_walked_run_by_run_or_scanned(runs: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """PSE records differ in width: its lines are walked run by run, and scanned for
    their line feeds past WALK_RUNS runs; the same tables either way."""
    monkeypatch.setattr(vector, "WALK_RUNS", runs)
    for name in ("pse-detail.txt", "pse-summary.txt"):
        data = (GOLDEN / name).read_bytes()
        for variant in (data, data.replace(b"\n", b"\r\n"), data.rstrip(b"\n")):
            newline = b"\r\n" if b"\r\n" in variant else b"\n"
            assert fast(variant, name[:-4], None, newline)
            check_like_read(variant)
    lines = (GOLDEN / "pse-detail.txt").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2][:100] + b"\n" + lines[2][101:]  # a line feed inside a record
    assert not fast(b"".join(lines), "pse-detail", None)
    check_like_read(b"".join(lines))


def test_code_columns_blank_digits_or_mixed_by_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A block of ``causal_devolucion`` all blank, all digits or mixed (each its own
    path in the code column's builder) holds read's values, on the fast path."""
    monkeypatch.setattr(vector, "CHUNK", 2)
    f = pse_recon.read(golden_2001())
    template = f.lots[0].details[0]
    causes = ["", "", "001", "002", "", "003", "004"]
    details = [attrs.evolve(template, causal_devolucion=c) for c in causes]
    data = pse_recon.dumps(pse_recon.build("asobancaria-2001", f.header, [(f.lots[0].header, details)]))
    assert fast(data, "asobancaria-2001", None)
    tables = check_like_read(data)
    assert tables is not None and tables["06"].column("causal_devolucion").to_pylist() == causes
