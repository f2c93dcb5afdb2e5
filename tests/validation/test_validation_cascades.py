"""One bad line, one finding: what a wrong or unreadable record does to the checks
that come after it; and the fast path, once it has accepted a producer's habit,
still catches every real error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from validation_support import E, W, golden, join, lines_of, put, where

import pse_recon
from pse_recon.records.asobancaria_2001 import Detail, FileHeader, LotHeader

G = "asobancaria-2001-162.txt"  # 1 header, 2 lot 1, 3-4 details, 5 control 1,
#                                 6 lot 2, 7-8 details, 9 control 2, 10 file control


def big_2001(details: int, causal: str = "", sucursal: str = "0003", transit: str = "051") -> bytes:
    header = FileHeader(
        nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20), codigo_entidad_recaudadora="007",
        numero_cuenta="12345678901", fecha_archivo=dt.date(2026, 11, 20), hora_archivo=dt.time(18, 30),
        modificador_archivo="A", tipo_cuenta="02",
    )
    body = [
        Detail(
            referencia_principal=str(10_000 + i), valor_recaudado=Decimal(i % 1000) + Decimal("0.25"),
            procedencia_pago="99", medio_pago="15", codigo_entidad_debitada=transit,
            codigo_sucursal=sucursal, causal_devolucion=causal,
        )
        for i in range(details)
    ]
    half = details // 2
    lots = [(LotHeader(codigo_servicio="7701234000011"), body[:half]),
            (LotHeader(codigo_servicio="7701234000028"), body[half:])]
    return pse_recon.dumps(pse_recon.build("asobancaria-2001", header, lots))


def test_a_habit_is_reported_once_and_real_errors_after_it_still_are() -> None:
    data = big_2001(3000, causal="000", sucursal="0120")
    lines = lines_of(data)
    # lines: 1 header, 2 lot 1, 3-1502 details, 1503 control, 1504 lot 2, 1505-3004 details
    assert lines[1502][:2] == b"08" and lines[1503][:2] == b"05"
    data = put(G, 2000, "medio_pago", "77", data)
    data = put(G, 2900, "reservado", "X".ljust(65), data)
    report = pse_recon.validate(data)
    assert where(report.findings) == [
        ("PR111", 3, "codigo_sucursal", W),
        ("PR110", 3, "causal_devolucion", W),
        ("PR106", 2000, "medio_pago", E),
        ("PR105", 2900, "reservado", E),
    ]
    assert report.summary.details == 3000


def test_an_unknown_bank_is_reported_once_per_code() -> None:
    data = put(G, 3, "codigo_entidad_debitada", "999")
    data = put(G, 4, "codigo_entidad_debitada", "998", data)
    data = put(G, 7, "codigo_entidad_debitada", "999", data)
    assert where(pse_recon.validate(data).findings) == [
        ("PR107", 3, "codigo_entidad_debitada", W),
        ("PR107", 4, "codigo_entidad_debitada", W),
    ]


def test_a_long_valid_file_sums_exactly() -> None:
    report = pse_recon.validate(big_2001(5000))
    expected = sum(Decimal(i % 1000) + Decimal("0.25") for i in range(5000))
    assert (report.valid, report.findings) == (True, ())
    assert report.summary == pse_recon.Summary(2, 5000, expected)


def test_an_unreadable_lot_control_does_not_also_leave_the_lot_open() -> None:
    lines = lines_of(golden(G))
    lines[4] = b"0X" + lines[4][2:]
    assert where(pse_recon.validate(join(lines)).findings) == [
        ("PR005", 5, None, E),
        ("PR306", 10, None, W),
    ]


def test_an_unreadable_detail_does_not_break_the_sequence_or_the_count() -> None:
    lines = lines_of(golden(G))
    lines[2] = b"6" + lines[2][1:]  # type "66": unknown
    assert where(pse_recon.validate(join(lines)).findings) == [
        ("PR005", 3, None, E),
        ("PR306", 5, None, W),
        ("PR306", 10, None, W),
    ]


def test_a_missing_lot_header_line() -> None:
    lines = lines_of(golden(G))
    del lines[5]  # lot 2's header: its details follow lot 1's control
    assert where(pse_recon.validate(join(lines)).findings) == [
        ("PR202", 6, None, E),
        ("PR202", 7, None, E),
        ("PR202", 8, None, E),
    ]


def test_a_file_cut_after_a_lot_control() -> None:
    lines = lines_of(golden(G))
    assert where(pse_recon.validate(join(lines[:5])).findings) == [("PR203", 5, None, E)]


def test_a_file_cut_before_its_first_detail() -> None:
    lines = lines_of(golden(G))
    # 1-2 details of lot 1, 3 its control, 4 lot 2 (numbered 2), 5-6 details, 7, 8
    report = pse_recon.validate(join(lines[2:]), "asobancaria-2001")
    assert where(report.findings) == [
        ("PR201", 1, None, E),  # and not also "outside a lot"
        ("PR202", 2, None, E),
        ("PR202", 3, None, E),
        ("PR303", 4, "numero_lote", E),
    ]
    assert report.summary.details == 4


def test_an_unreadable_state_of_a_totals_line_is_not_also_missing() -> None:
    data = put("pse-detail.txt", 9, "estado", "X")  # the grand total's state
    assert where(pse_recon.validate(data).findings) == [("PR101", 9, "estado", E)]


# -- a record that cannot be typed is one finding (issue 10) --------------------------
def typed_as(name: str, line: int, code: bytes) -> bytes:
    """Golden file ``name`` with the record type of ``line`` overwritten by ``code``."""
    lines = golden(name).splitlines(keepends=True)
    lines[line - 1] = code + lines[line - 1][len(code):]
    return b"".join(lines)


@pytest.mark.parametrize(
    ("name", "line", "code", "expected"),
    [
        # Lots: a lot header of unknown type used to give PR202 on every line of its lot;
        # the lot is now taken as opened there (lot 2 of the golden file, line 6).
        ("asobancaria-2001-162.txt", 6, b"77", [("PR005", 6, None, E)]),
        ("asobancaria-2001-162.txt", 2, b"77", [("PR005", 2, None, E)]),
        ("andesco.txt", 2, b"77", [("PR005", 2, None, E)]),
        # Flat: the header, then a detail (whose amount the totals then miss).
        ("asobancaria-1998.txt", 1, b"77", [("PR005", 1, None, E)]),
        ("asobancaria-1998.txt", 2, b"77", [("PR005", 2, None, E), ("PR306", 5, None, W)]),
        # PSE: the first totals line, taken as one (its state may be the missing one).
        ("pse-detail.txt", 5, b"7", [("PR005", 5, None, E)]),
        ("pse-summary.txt", 5, b"7", [("PR005", 5, None, E)]),
    ],
)
def test_an_untypable_record_is_one_finding(
    name: str, line: int, code: bytes, expected: list[tuple[str, int, str | None, Any]]
) -> None:
    data = typed_as(name, line, code)
    assert where(pse_recon.validate(data).findings) == expected
    with pytest.raises(pse_recon.ReadError) as info:
        pse_recon.read(data)
    assert info.value.findings[0] == pse_recon.validate(data).findings[0]
