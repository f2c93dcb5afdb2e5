"""``pse-recon show``: a readable summary, exact to the character."""

from __future__ import annotations

from pathlib import Path
from typing import Any

EXAMPLE_SHOW = """\
file: {path}
format: asobancaria-2001 (Asobancaria 2001)
width: 162 columns

header (record 01):
  nit_empresa: 8001234565
  fecha_pago: 2026-11-20
  codigo_entidad_recaudadora: 007 (Bancolombia)
  numero_cuenta: 12345678901
  fecha_archivo: 2026-11-20
  hora_archivo: 18:30
  modificador_archivo: A
  tipo_cuenta: 02 (Corriente)

lots:
  lot  service code   details       total  total_registros_lote  valor_total_lote  numero_lote
    1  7701234000011        3   264450.50                     3         264450.50            1
    2  7701234000028        1  1250000.00                     1        1250000.00            2

control (record 09):
  total_registros: 4
  valor_total: 1514450.50

details: 4, total 1514450.50
"""


def test_show_the_example(run: Any, example: Path) -> None:
    r = run("show", example)
    assert (r.code, r.err) == (0, "")
    assert r.out == EXAMPLE_SHOW.format(path=example)


def test_show_in_spanish(run: Any, example: Path) -> None:
    out = run("show", example, "--lang", "es").out.splitlines()
    assert out[:3] == [
        f"archivo: {example}", "formato: asobancaria-2001 (Asobancaria 2001)", "ancho: 162 columnas",
    ]
    assert out[4] == "encabezado (registro 01):"
    assert out[14] == "lotes:"
    assert out[15].split() == [
        "lote", "código", "de", "servicio", "detalles", "total", "total_registros_lote",
        "valor_total_lote", "numero_lote",
    ]
    assert out[-1] == "detalles: 4, total 1514450.50"


def test_show_davivienda_marks_every_control_that_disagrees(run: Any, real_dir: Path) -> None:
    """Lot and file controls say 4 records and other totals for 2 details: every such
    value is marked, a line says how many, the errors go to stderr, and show exits 1."""
    path = real_dir / "asobancaria2001-davivienda-bad-controls.txt"
    r = run("show", path)
    assert r.code == 1
    out = r.out.splitlines()
    lots = out.index("lots:")
    assert out[lots + 1 : lots + 3] == [
        "  lot  service code   details      total  total_registros_lote  valor_total_lote  numero_lote",
        "    1  7709998416949        2  996831.00                   4 *       158800.00 *            1",
    ]
    assert out[-6:] == [
        "control (record 09):", "  total_registros: 4 *", "  valor_total: 125440.00 *", "",
        "details: 2, total 996831.00",
        "control values that disagree with the details, marked *: 4",
    ]
    assert r.err == (
        f"{path}:5:3: error: PR301 total_registros_lote: says 4 records, but there "
        "are 2\n"
        f"{path}:5:12: error: PR302 valor_total_lote: says 158800.00, but "
        "valor_recaudado of the details adds up to 996831.00\n"
        f"{path}:6:3: error: PR301 total_registros: says 4 records, but there are 2\n"
        f"{path}:6:12: error: PR302 valor_total: says 125440.00, but valor_recaudado of "
        "the details adds up to 996831.00\n"
    )


def test_show_marks_lot_numbers_out_of_order(run: Any, example: Path, tmp_path: Path) -> None:
    """Lot 2's header says 7 (it is the second lot) and its control says 7 too (it
    agrees with its header, as PR304 wants): only the header is marked."""
    lines = example.read_bytes().split(b"\n")
    lines[6] = lines[6][:15] + b"0007" + lines[6][19:]  # 05 numero_lote, columns 16-19
    lines[8] = lines[8][:29] + b"0007" + lines[8][33:]  # 08 numero_lote, columns 30-33
    path = tmp_path / "lots.txt"
    path.write_bytes(b"\n".join(lines))
    r = run("show", path)
    assert r.code == 1
    out = r.out.splitlines()
    lots = out.index("lots:")
    assert out[lots + 2 : lots + 4] == [
        "    1  7701234000011        3   264450.50                     3         264450.50            1",
        "  7 *  7701234000028        1  1250000.00                     1        1250000.00            7",
    ]
    assert out[-1] == "control values that disagree with the details, marked *: 1"
    assert r.err == (
        f"{path}:7:16: error: PR303 numero_lote: is 7, expected 2: lots are numbered "
        "from 1 in file order\n"
    )


def test_show_of_a_valid_file_with_an_error_elsewhere_exits_1(run: Any, example: Path,
                                                            tmp_path: Path) -> None:
    """Controls that agree, but a reserved field that is not blank: nothing is marked,
    and show still gives validate's verdict."""
    lines = example.read_bytes().split(b"\n")
    lines[0] = lines[0][:-1] + b"X"
    path = tmp_path / "filler.txt"
    path.write_bytes(b"\n".join(lines))
    r = run("show", path)
    assert r.code == 1
    assert "*" not in r.out
    assert r.err == (
        f"{path}:1:56: error: PR105 reservado: must be blank, found "
        f"'{' ' * 106}X'\n"
    )


def test_show_pse_detail(run: Any, pse_detail_file: Path) -> None:
    r = run("show", pse_detail_file)
    assert (r.code, r.err) == (0, "")
    assert r.out == f"""\
file: {pse_detail_file}
format: pse-detail (PSE, one type-2 line per transaction)
width: per record type

header (record 1):
  codigo_entidad_origen: 00001007
  fecha_cierre_ciclo: 2026-11-20
  hora_cierre_ciclo: 23:59:59
  codigo_ciclo: 1
  codigo_empresa: 123456789012345

state totals (type-3 records):
  state  name                        cantidad_registros  valor_total  valor_iva
  1      Aprobada (OK)                                3    150001.50       0.00
  2      Rechazada (NOT_AUTHORIZED)                   1     20000.00       0.00
  3      Pendiente                                    0         0.00       0.00
  4      Fallida                                      0         0.00       0.00
  9      all states                                   4    170001.50       0.00

totals per authorizing bank (codigo_entidad):
  bank      name         state  cantidad_registros  valor_total  valor_iva
  00001007  Bancolombia  1                       1    100000.00       0.00
  00001007  Bancolombia  2                       1     20000.00       0.00
  00001051  Davivienda   1                       1     50000.50       0.00
  00009999               1                       1         1.00       0.00

details: 4, total 170001.50
"""


def test_show_pse_summary_counts_transactions_not_lines(run: Any, pse_summary_file: Path) -> None:
    out = run("show", pse_summary_file).out.splitlines()
    states = out.index("state totals (type-3 records):")
    assert out[states + 2].split() == ["1", "Aprobada", "(OK)", "4", "350000.50", "0.00"]
    assert out[states + 3].split() == ["2", "Rechazada", "(NOT_AUTHORIZED)", "2", "40000.00", "0.00"]
    banks = out.index("totals per authorizing bank (codigo_entidad):")
    assert [line.split() for line in out[banks + 2 : banks + 5]] == [
        ["00001007", "Bancolombia", "1", "3", "300000.00", "0.00"],
        ["00001007", "Bancolombia", "2", "2", "40000.00", "0.00"],
        ["00001051", "Davivienda", "1", "1", "50000.50", "0.00"],
    ]


def test_show_asobancaria_1998(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "r98.txt"
    path.write_bytes(
        b"01" + b"0000800123456" + b"20261120" + b"007" + b"000001234567890" + b" " * 23 + b"\n"
        + b"02" + b"21053".zfill(25) + b"85400".zfill(13) + b"06" + b"0000002" + b" " * 15 + b"\n"
        + b"02" + b"88120".zfill(25) + b"132950".zfill(13) + b"06" + b"0000003" + b" " * 15 + b"\n"
        + b"09" + b"2".zfill(9) + b"218350".zfill(18) + b" " * 35 + b"\n"
    )
    r = run("show", path)
    assert (r.code, r.err) == (0, "")
    assert r.out == f"""\
file: {path}
format: asobancaria-1998 (Asobancaria 1998)
width: 64 columns

header (record 01):
  nit_empresa: 0000800123456
  fecha_pago: 2026-11-20
  codigo_recaudo: 007 (Bancolombia)
  cuenta_abono: 000001234567890

control (record 09):
  total_registros: 2
  valor_total: 218350

details: 2, total 218350
"""


def test_show_missing_file(run: Any, tmp_path: Path) -> None:
    r = run("show", tmp_path / "nope.txt")
    assert (r.code, r.out) == (2, "")
    assert r.err == f"pse-recon: error: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_show_directory(run: Any, tmp_path: Path) -> None:
    r = run("show", tmp_path)
    assert (r.code, r.out, r.err) == (2, "", f"pse-recon: error: {tmp_path}: is a directory\n")


def test_show_unreadable_file_prints_findings_exit_4(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(b"hello\n")
    r = run("show", path)
    assert (r.code, r.out) == (4, "")
    assert r.err.startswith(f"{path}:1:0: error: PR002: cannot detect the format: ")


def test_show_empty_file(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    r = run("show", path)
    assert (r.code, r.out, r.err) == (4, "", f"{path}:1:0: error: PR001: the file is empty\n")


def test_show_pse_marks_state_totals_that_disagree(run: Any, pse_detail_file: Path, tmp_path: Path) -> None:
    """The approved-state line says 4 transactions of 150001.50: there are 3."""
    data = pse_detail_file.read_bytes().replace(b"\n31000003", b"\n31000004", 1)
    path = tmp_path / "bad-states.txt"
    path.write_bytes(data)
    r = run("show", path)
    assert r.code == 1
    out = r.out.splitlines()
    states = out.index("state totals (type-3 records):")
    assert out[states + 2] == (
        "  1      Aprobada (OK)                              4 *    150001.50       0.00"
    )
    assert out[-1] == "control values that disagree with the details, marked *: 1"
    assert r.err == (
        f"{path}:6:3: error: PR301 cantidad_registros: says 4 records, but there are 3\n"
    )


def test_show_1998_marks_its_totals(run: Any, tmp_path: Path) -> None:
    path = tmp_path / "r98.txt"
    path.write_bytes(
        b"01" + b"0000800123456" + b"20261120" + b"007" + b"000001234567890" + b" " * 23 + b"\n"
        + b"02" + b"21053".zfill(25) + b"85400".zfill(13) + b"06" + b"0000002" + b" " * 15 + b"\n"
        + b"09" + b"1".zfill(9) + b"85401".zfill(18) + b" " * 35 + b"\n"
    )
    r = run("--lang", "es", "show", path)
    assert r.code == 1
    assert r.out.splitlines()[-6:] == [
        "control (registro 09):", "  total_registros: 1", "  valor_total: 85401 *", "",
        "detalles: 1, total 85400",
        "valores de control que no coinciden con los detalles, marcados con *: 1",
    ]
    assert r.err.startswith(f"{path}:3:12: error: PR302 valor_total: ")


def test_show_says_how_many_errors_it_left_out(run: Any, example: Path, tmp_path: Path) -> None:
    """validate keeps 1,000 findings; show prints the errors kept and counts the rest."""
    import pse_recon

    lines = example.read_bytes().split(b"\n")
    lines[3:3] = [lines[2]] * 1500  # a detail repeated: its sequence is wrong 1,500 times
    path = tmp_path / "many.txt"
    path.write_bytes(b"\n".join(lines))
    report = pse_recon.validate(path)
    assert report.left_out_errors > 0
    r = run("show", path)
    assert r.code == 1
    err = r.err.splitlines()
    assert len(err) == len(report.errors) + 1
    assert err[-1] == f"{path}: {report.left_out_errors} more errors left out"
