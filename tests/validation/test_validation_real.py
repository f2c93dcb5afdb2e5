"""The verdicts ../shared/corpus/real/README.md states for the real bank files.

Expected findings are read off the files by hand: Banco Agrario writes CRLF, a
branch in codigo_sucursal and 000 in causal_devolucion, and leaves its last record
(line 21, the file control) 29 columns wide without a line ending; the Davivienda
template claims 4 details and other totals in both controls while it has 2.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from validation_support import E, W, where

import pse_recon

AGRARIO = "asobancaria2001-agrario-11julio.txt"
BOGOTA = "asobancaria2001-bogota-24julio.txt"
OCCIDENTE = "asobancaria2001-occidente-valid.txt"
DAVIVIENDA = "asobancaria2001-davivienda-bad-controls.txt"


def test_agrario_is_valid_when_lenient_with_warnings_for_its_short_last_line(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / AGRARIO)
    assert report.valid
    assert (report.format, report.width) == ("asobancaria-2001", 162)
    assert where(report.findings) == [
        ("PR006", 1, None, W),
        ("PR111", 3, "codigo_sucursal", W),
        ("PR110", 3, "causal_devolucion", W),
        ("PR007", 21, None, W),
        ("PR008", 21, None, W),
    ]
    assert report.summary == pse_recon.Summary(1, 17, Decimal("300000.00"))


def test_agrario_is_invalid_when_strict(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / AGRARIO, strict=True)
    assert not report.valid
    assert where(report.findings) == [
        ("PR006", 1, None, E),
        ("PR111", 3, "codigo_sucursal", E),
        ("PR110", 3, "causal_devolucion", E),
        ("PR007", 21, None, E),
        ("PR008", 21, None, E),
    ]


def test_bogota_is_valid(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / BOGOTA)
    assert report.valid
    assert report.errors == ()
    # Its debited-bank code 999 is in no list of banks, and line 4 is the first
    # whose branch (0046) is not a PSE cycle (line 3 has 0008).
    assert where(report.warnings) == [
        ("PR006", 1, None, W),
        ("PR107", 3, "codigo_entidad_debitada", W),
        ("PR111", 4, "codigo_sucursal", W),
    ]
    assert report.summary == pse_recon.Summary(1, 77, Decimal("133931000.00"))


def test_occidente_is_valid(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / OCCIDENTE)
    assert report.valid
    assert report.errors == ()
    assert report.summary == pse_recon.Summary(1, 1, Decimal("150000.00"))


def test_davivienda_reports_lot_count_lot_total_file_count_and_file_total(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / DAVIVIENDA)
    assert not report.valid
    assert where(report.errors) == [
        ("PR301", 5, "total_registros_lote", E),
        ("PR302", 5, "valor_total_lote", E),
        ("PR301", 6, "total_registros", E),
        ("PR302", 6, "valor_total", E),
    ]
    by_field = {f.field: f for f in report.errors}
    assert by_field["total_registros_lote"].message == "total_registros_lote says 4 records, but there are 2"
    assert by_field["valor_total"].message == (
        "valor_total says 125440.00, but valor_recaudado of the details adds up to 996831.00"
    )
    assert (by_field["valor_total_lote"].column, by_field["valor_total_lote"].end_column) == (12, 29)
    assert report.summary == pse_recon.Summary(1, 2, Decimal("996831.00"))


def test_davivienda_in_spanish(real_dir: Path) -> None:
    report = pse_recon.validate(real_dir / DAVIVIENDA, lang="es")
    messages = {f.field: f.message for f in report.errors}
    assert messages["total_registros_lote"] == "total_registros_lote dice 4 registros, pero hay 2"
    assert messages["valor_total_lote"] == (
        "valor_total_lote dice 158800.00, pero la suma de valor_recaudado en los detalles da 996831.00"
    )


@pytest.mark.parametrize("name", [AGRARIO, BOGOTA, OCCIDENTE, DAVIVIENDA])
def test_bytes_path_and_stream_give_the_same_report(real_dir: Path, name: str) -> None:
    path = real_dir / name
    with path.open("rb") as stream:
        from_stream = pse_recon.validate(stream)
    assert pse_recon.validate(path) == pse_recon.validate(path.read_bytes()) == from_stream
