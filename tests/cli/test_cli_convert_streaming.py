"""``pse-recon convert`` streaming: JSON Lines, Parquet, the analysts' CSV (lot,
codigo_servicio, amounts with two decimals, read back into pandas and polars with
zeros and centavos), the JSON document unchanged, and read's verdict kept."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import pse_recon
from pse_recon.cli.convert import csv_texts, json_texts, to_json

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("*.txt")))
def test_streamed_json_document_is_the_whole_files(name: str) -> None:
    f = pse_recon.read(GOLDEN / name)
    assert "".join(json_texts(f.layout, f.iter_records())) == to_json(f)


def test_jsonl_is_one_record_object_a_line(run: Any, example: Path) -> None:
    r = run("convert", example, "--to", "jsonl")
    assert (r.code, r.err) == (0, "")
    lines = r.out.splitlines()
    doc = json.loads(run("convert", example, "--to", "json").out)
    assert [json.loads(line) for line in lines] == doc["records"]
    assert lines[0].startswith('{"line": 1, "record_type": "01", "fields": {')


def test_csv_of_1998_has_centavos_and_no_lot_columns(run: Any) -> None:
    r = run("convert", GOLDEN / "asobancaria-1998.txt", "--to", "csv")
    assert r.code == 0
    rows = r.out.splitlines()
    assert rows[0].startswith("line,tipo_registro,")
    f = pse_recon.read(GOLDEN / "asobancaria-1998.txt")
    amount = f.layout.amount_field
    column = rows[0].split(",").index(amount)
    assert [row.split(",")[column] for row in rows[1:]] == [
        f"{getattr(d, amount)}.00" for d in f.details
    ]


def test_csv_reads_back_into_pandas_and_polars_without_losing_zeros_or_centavos(
    run: Any, example: Path
) -> None:
    text = run("convert", example, "--to", "csv").out
    f = pse_recon.read(example)
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(frame["referencia_principal"]) == [d.referencia_principal for d in f.details]
    assert [Decimal(v) for v in frame["valor_recaudado"]] == [d.valor_recaudado for d in f.details]
    assert list(frame["codigo_servicio"]) == ["7701234000011"] * 3 + ["7701234000028"]
    pl = pytest.importorskip("polars")
    lazy = pl.read_csv(io.StringIO(text), infer_schema=False)  # every column a String
    assert lazy["referencia_principal"].to_list() == [d.referencia_principal for d in f.details]
    money = lazy["valor_recaudado"].cast(pl.Decimal(14, 2))
    assert money.to_list() == [d.valor_recaudado for d in f.details]
    assert lazy["lot"].cast(pl.Int64).to_list() == [1, 1, 1, 2]


def test_parquet_holds_the_csv_columns_typed(run: Any, example: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "details.parquet"
    r = run("convert", example, "--to", "parquet", "-o", out)
    assert (r.code, r.err) == (0, "")
    table = pq.read_table(out)
    header = run("convert", example, "--to", "csv").out.splitlines()[0]
    assert table.column_names == header.split(",")
    f = pse_recon.read(example)
    assert table.column("valor_recaudado").to_pylist() == [d.valor_recaudado for d in f.details]
    assert table.column("referencia_principal").to_pylist() == [d.referencia_principal for d in f.details]
    assert table.column("lot").to_pylist() == [1, 1, 1, 2]
    assert table.column("line").to_pylist() == [d.line for d in f.details]
    columns = pse_recon.read_table(example).details
    for name in columns.column_names:
        assert table.column(name).to_pylist() == columns.column(name).to_pylist(), name


def test_parquet_of_many_row_groups(run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from pse_recon.cli import convert

    monkeypatch.setattr(convert, "ROW_GROUP", 2)
    out = tmp_path / "pse.parquet"
    source = GOLDEN / "pse-detail.txt"
    assert run("convert", source, "--to", "parquet", "-o", out).code == 0
    meta = pq.ParquetFile(out).metadata
    f = pse_recon.read(source)
    assert (meta.num_rows, meta.num_row_groups) == (len(f.details), -(-len(f.details) // 2))
    assert pq.read_table(out).column("ticket_id").to_pylist() == [d.ticket_id for d in f.details]


def test_parquet_never_to_a_terminal(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from pse_recon.cli import convert

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    args = argparse.Namespace(file=str(example), to="parquet", output=None, raw_cells=False,
                              format=None, width=None, lang="en", force=False, no_follow=False)
    assert convert.run(args, terminal) == 2
    assert terminal.getvalue() == ""
    assert "Parquet is binary" in capsys.readouterr().err


@pytest.mark.parametrize("to", ["csv", "json", "jsonl", "parquet"])
def test_an_unreadable_file_exits_4_with_reads_finding(
    run: Any, example: Path, tmp_path: Path, to: str
) -> None:
    if to == "parquet":
        pytest.importorskip("pyarrow")
    lines = example.read_bytes().splitlines(keepends=True)
    lines[3] = lines[3][:9] + b"X" + lines[3][10:]  # a letter in line 4's reference
    data = b"".join(lines)
    source = tmp_path / "bad.txt"
    source.write_bytes(data)
    with pytest.raises(pse_recon.ReadError) as caught:
        pse_recon.read(source)
    stop = caught.value.findings[0]
    r = run("convert", source, "--to", to, "-o", tmp_path / f"out.{to}")
    assert r.code == 4
    assert (stop.line, stop.code) == (4, "PR101")
    assert r.err.startswith(f"{source}:{stop.line}:{stop.column}: error: {stop.code}")
    assert not (tmp_path / f"out.{to}").exists()


def test_csv_texts_of_a_custom_lot_layout_carry_its_lot_header_fields() -> None:
    f = pse_recon.read(GOLDEN / "andesco.txt")
    rows = "".join(csv_texts(f.layout, f.iter_records())).splitlines()
    assert rows[0].startswith("line,lot,codigo_servicio,")
    assert len(rows) == 1 + len(f.details)
