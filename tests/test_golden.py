"""The hand-typed golden files (tests/golden/, see write_golden.py there) read, written and
built back.

Every expected value below was worked out by hand from the manual's tables and the
field comments of write_golden.py: amounts from their implied decimals, references
with their leading zeros, control totals added up by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

import pse_recon
from golden_files import golden
from pse_recon.declaration import END_OF_DAY
from pse_recon.records import andesco as an
from pse_recon.records import asobancaria_1998 as a98
from pse_recon.records import asobancaria_2001 as a01
from pse_recon.records import pse_detail as pd
from pse_recon.records import pse_summary as ps

# file → (format, width of the file object, number of lines)
FILES = {
    "asobancaria-1998.txt": ("asobancaria-1998", 64, 5),
    "asobancaria-2001-162.txt": ("asobancaria-2001", 162, 10),
    "asobancaria-2001-150.txt": ("asobancaria-2001", 150, 9),
    "andesco.txt": ("andesco", 110, 9),
    "pse-summary.txt": ("pse-summary", None, 8),
    "pse-detail.txt": ("pse-detail", None, 9),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_golden_file_is_detected_and_round_trips_byte_exactly(name: str) -> None:
    data = golden(name)
    fmt, width, lines = FILES[name]

    f = pse_recon.read(data)

    assert (f.format, f.width) == (fmt, width)
    assert len(f.records) == lines == data.count(b"\n")
    assert pse_recon.dumps(f) == data
    assert pse_recon.dumps(f, canonical=True) == data
    assert pse_recon.dumps(pse_recon.rebuild(f)) == data


# -- Asobancaria 1998 -------------------------------------------------------------
def test_asobancaria_1998_fields() -> None:
    f = pse_recon.read(golden("asobancaria-1998.txt"))
    assert isinstance(f, pse_recon.FlatFile)

    assert f.header.nit_empresa == "0008909049961"
    assert f.header.fecha_pago == dt.date(2026, 11, 20)
    assert f.header.codigo_recaudo == "007"
    assert f.header.cuenta_abono == "000012345678901"
    assert [d.identificacion_usuario for d in f.details] == [
        "0000000000000000000021053",
        "0000000000000000123456789",
        "0000000000000000000000007",
    ]
    assert [d.valor_recaudado for d in f.details] == [
        Decimal("85400"), Decimal("1234567"), Decimal("250000")
    ]
    assert [d.secuencia for d in f.details] == [2, 3, 4]
    assert [d.procedencia_pago for d in f.details] == ["06", "06", "06"]
    assert f.totals.total_registros == 3
    assert f.totals.valor_total == Decimal("1569967")


def build_1998() -> pse_recon.File:
    header = a98.Header(
        nit_empresa="8909049961", fecha_pago=dt.date(2026, 11, 20), codigo_recaudo="007",
        cuenta_abono="12345678901",
    )
    details = [
        a98.Detail(identificacion_usuario="21053", valor_recaudado=Decimal("85400")),
        a98.Detail(identificacion_usuario="123456789", valor_recaudado=Decimal("1234567")),
        a98.Detail(identificacion_usuario="7", valor_recaudado=Decimal("250000")),
    ]
    return pse_recon.build("asobancaria-1998", header, details)


# -- Asobancaria 2001 at 162 ------------------------------------------------------
def test_asobancaria_2001_162_fields() -> None:
    f = pse_recon.read(golden("asobancaria-2001-162.txt"))
    assert isinstance(f, pse_recon.LotFile)

    h = f.header
    assert h.nit_empresa == "8909049961"
    assert (h.fecha_pago, h.fecha_archivo) == (dt.date(2026, 11, 20), dt.date(2026, 11, 21))
    assert h.hora_archivo == END_OF_DAY  # "2400"
    assert h.numero_cuenta == "12345678901"  # alphanumeric: padding blanks dropped
    assert (h.codigo_entidad_recaudadora, h.modificador_archivo, h.tipo_cuenta) == ("007", "A", "02")

    assert len(f.lots) == 2
    assert [lot.header.codigo_servicio for lot in f.lots] == ["7701234000011", "7701234000028"]
    assert [lot.header.numero_lote for lot in f.lots] == [1, 2]

    first = f.lots[0].details[0]
    assert first.referencia_principal == "0" * 43 + "21053"
    assert first.valor_recaudado == Decimal("85400.00")
    assert (first.procedencia_pago, first.medio_pago) == ("99", "15")
    assert (first.numero_operacion, first.numero_autorizacion) == ("423355", "881205")
    assert (first.codigo_entidad_debitada, first.codigo_sucursal) == ("051", "0003")
    assert first.causal_devolucion == ""
    assert f.lots[0].details[1].valor_recaudado == Decimal("1234.56")
    assert f.lots[0].details[1].numero_operacion == "000000"

    cheque = f.lots[1].details[0]
    assert cheque.valor_recaudado == Decimal("1500000.00")
    assert (cheque.procedencia_pago, cheque.medio_pago, cheque.codigo_sucursal) == ("01", "02", "0001")
    assert f.lots[1].details[1].valor_recaudado == Decimal("0.99")
    assert f.lots[1].details[1].codigo_entidad_debitada == "507"

    assert [[d.secuencia for d in lot.details] for lot in f.lots] == [[2, 3], [2, 3]]
    assert [lot.control.total_registros_lote for lot in f.lots] == [2, 2]
    assert [lot.control.valor_total_lote for lot in f.lots] == [
        Decimal("86634.56"), Decimal("1500000.99")
    ]
    assert [lot.control.numero_lote for lot in f.lots] == [1, 2]
    assert f.control.total_registros == 4
    assert f.control.valor_total == Decimal("1586635.55")


def test_asobancaria_2001_columns_of_the_first_detail() -> None:
    # Line 3 is lot 1's first detail; columns from the manual: amount 51-64, sequence 88-94.
    line = golden("asobancaria-2001-162.txt").split(b"\n")[2]
    assert line[50:64] == b"00000008540000"
    assert line[87:94] == b"0000002"
    assert line[97:] == b" " * 65


def build_2001_162() -> pse_recon.File:
    header = a01.FileHeader(
        nit_empresa="8909049961", fecha_pago=dt.date(2026, 11, 20), codigo_entidad_recaudadora="007",
        numero_cuenta="12345678901", fecha_archivo=dt.date(2026, 11, 21), hora_archivo=END_OF_DAY,
        modificador_archivo="A", tipo_cuenta="02",
    )
    pse: dict[str, Any] = {"procedencia_pago": "99", "medio_pago": "15"}
    lot1 = [
        a01.Detail(referencia_principal="21053", valor_recaudado=Decimal("85400.00"), **pse,
                   numero_operacion="423355", numero_autorizacion="881205",
                   codigo_entidad_debitada="051", codigo_sucursal="0003"),
        a01.Detail(referencia_principal="987654", valor_recaudado=Decimal("1234.56"), **pse,
                   codigo_entidad_debitada="013", codigo_sucursal="0003"),
    ]
    lot2 = [
        a01.Detail(referencia_principal="9000000001", valor_recaudado=Decimal("1500000.00"),
                   procedencia_pago="01", medio_pago="02", codigo_entidad_debitada="001",
                   codigo_sucursal="0001"),
        a01.Detail(referencia_principal="9000000002", valor_recaudado=Decimal("0.99"), **pse,
                   numero_operacion="777777", numero_autorizacion="1",
                   codigo_entidad_debitada="507", codigo_sucursal="0004"),
    ]
    return pse_recon.build("asobancaria-2001", header, [
        (a01.LotHeader(codigo_servicio="7701234000011"), lot1),
        (a01.LotHeader(codigo_servicio="7701234000028"), lot2),
    ])


# -- Asobancaria 2001 at 150 ------------------------------------------------------
def test_asobancaria_2001_150_fields() -> None:
    f = pse_recon.read(golden("asobancaria-2001-150.txt"))
    assert isinstance(f, pse_recon.LotFile)

    assert f.header.hora_archivo == dt.time(0, 1)
    assert f.header.numero_cuenta == "CTA-0045678"
    assert (f.header.modificador_archivo, f.header.tipo_cuenta) == ("Z", "01")
    assert f.lots[0].header.codigo_servicio == "0000890900286"
    assert f.lots[0].details[0].valor_recaudado == Decimal("999999999999.99")
    assert f.lots[0].details[1].valor_recaudado == Decimal("0.01")
    assert f.lots[0].control.valor_total_lote == Decimal("1000000000000.00")
    assert f.lots[1].details[0].valor_recaudado == Decimal("300.00")
    assert f.lots[1].details[0].secuencia == 2
    assert f.control.total_registros == 3
    assert f.control.valor_total == Decimal("1000000000300.00")


def build_2001_150() -> pse_recon.File:
    header = a01.FileHeader(
        nit_empresa="8600073361", fecha_pago=dt.date(2026, 1, 2), codigo_entidad_recaudadora="023",
        numero_cuenta="CTA-0045678", fecha_archivo=dt.date(2026, 1, 2), hora_archivo=dt.time(0, 1),
        modificador_archivo="Z", tipo_cuenta="01",
    )
    common: dict[str, Any] = {"procedencia_pago": "99", "medio_pago": "15"}
    return pse_recon.build("asobancaria-2001", header, [
        (a01.LotHeader(codigo_servicio="890900286"), [
            a01.Detail(referencia_principal="77", valor_recaudado=Decimal("999999999999.99"), **common,
                       numero_operacion="123", numero_autorizacion="456",
                       codigo_entidad_debitada="019", codigo_sucursal="0001"),
            a01.Detail(referencia_principal="78", valor_recaudado=Decimal("0.01"), **common,
                       numero_operacion="124", numero_autorizacion="457",
                       codigo_entidad_debitada="019", codigo_sucursal="0001"),
        ]),
        (a01.LotHeader(codigo_servicio="7709998887770"), [
            a01.Detail(referencia_principal="79", valor_recaudado=Decimal("300.00"), **common,
                       numero_operacion="125", numero_autorizacion="458",
                       codigo_entidad_debitada="040", codigo_sucursal="0002"),
        ]),
    ], width=150)


# -- Andesco ----------------------------------------------------------------------
def test_andesco_fields() -> None:
    f = pse_recon.read(golden("andesco.txt"))
    assert isinstance(f, pse_recon.LotFile)

    assert f.header.numero_cuenta == "00000000045678912"  # numeric in Andesco
    assert f.header.fecha_archivo == dt.date(2025, 7, 1)
    assert f.header.modificador_archivo == "1"
    first, second = f.lots[0].details
    assert first.referencia_principal == "000000000000004455667788"
    assert first.valor_recaudado == Decimal("45678.90")
    assert first.referencia_secundaria == "0" * 24
    assert second.referencia_secundaria == "000000000000000000987654"
    assert [first.secuencia, second.secuencia] == [2, 3]
    assert f.lots[1].details[0].valor_recaudado == Decimal("12345678.91")
    assert f.lots[1].details[0].secuencia == 2
    assert f.lots[0].control.valor_total_lote == Decimal("45778.90")
    assert f.lots[1].control.valor_total_lote == Decimal("12345678.91")
    assert (f.control.total_registros, f.control.valor_total) == (3, Decimal("12391457.81"))


def build_andesco() -> pse_recon.File:
    header = an.FileHeader(
        nit_empresa="8110010308", fecha_pago=dt.date(2025, 6, 30), codigo_entidad_recaudadora="051",
        numero_cuenta="45678912", fecha_archivo=dt.date(2025, 7, 1), modificador_archivo="1",
    )
    pse: dict[str, Any] = {"procedencia_pago": "99", "medio_pago": "15"}
    return pse_recon.build("andesco", header, [
        (an.LotHeader(codigo_servicio="7701234567897"), [
            an.Detail(referencia_principal="4455667788", valor_recaudado=Decimal("45678.90"), **pse,
                      numero_operacion="654321", numero_autorizacion="123456",
                      codigo_entidad_debitada="007", codigo_sucursal="0001"),
            an.Detail(referencia_principal="42", valor_recaudado=Decimal("100.00"), **pse,
                      codigo_entidad_debitada="051", codigo_sucursal="0001",
                      referencia_secundaria="987654"),
        ]),
        (an.LotHeader(codigo_servicio="7701234567880"), [
            an.Detail(referencia_principal="77", valor_recaudado=Decimal("12345678.91"), **pse,
                      numero_operacion="111111", numero_autorizacion="222222",
                      codigo_entidad_debitada="001", codigo_sucursal="0002"),
        ]),
    ])


# -- PSE --------------------------------------------------------------------------
PSE_HEADER: dict[str, Any] = {
    "codigo_entidad_origen": "00001007", "fecha_cierre_ciclo": dt.date(2026, 11, 20),
    "hora_cierre_ciclo": dt.time(18, 30, 0), "codigo_ciclo": "3", "codigo_empresa": "8909049961",
}


def test_pse_summary_fields() -> None:
    f = pse_recon.read(golden("pse-summary.txt"))
    assert isinstance(f, pse_recon.PseFile)

    assert f.header.hora_cierre_ciclo == dt.time(18, 30)
    assert f.header.codigo_empresa == "000008909049961"
    assert [(x.estado, x.codigo_entidad, x.total_transacciones) for x in f.lines] == [
        ("1", "00001007", 3), ("1", "00001051", 2), ("2", "00001007", 1)
    ]
    assert f.lines[1].valor_transacciones == Decimal("1234.56")
    assert f.lines[1].valor_iva == Decimal("197.53")
    totals = f.totals_by_state()
    assert list(totals) == ["1", "2", "3", "4"]
    assert totals["1"].cantidad_registros == 5
    assert totals["1"].valor_total == Decimal("255234.56")
    assert totals["1"].valor_iva == Decimal("197.53")
    assert (totals["2"].cantidad_registros, totals["2"].valor_total) == (1, Decimal("50000.00"))
    assert (totals["4"].cantidad_registros, totals["4"].valor_total) == (0, Decimal("0.00"))


def build_pse_summary() -> pse_recon.File:
    line = ps.BankStateTotals
    return pse_recon.build("pse-summary", ps.Header(**PSE_HEADER), [
        line(estado="1", codigo_entidad="1007", total_transacciones=3,
             valor_transacciones=Decimal("254000.00"), valor_iva=Decimal("0.00")),
        line(estado="1", codigo_entidad="1051", total_transacciones=2,
             valor_transacciones=Decimal("1234.56"), valor_iva=Decimal("197.53")),
        line(estado="2", codigo_entidad="1007", total_transacciones=1,
             valor_transacciones=Decimal("50000.00"), valor_iva=Decimal("0")),
    ])


def test_pse_detail_fields() -> None:
    f = pse_recon.read(golden("pse-detail.txt"))
    assert isinstance(f, pse_recon.PseFile)

    first, rejected, nequi = f.lines
    assert first.ticket_id == "00000000000000021053"
    assert (first.cus, first.codigo_entidad, first.entidad_credito) == ("12345678", "00001051", "00001007")
    assert first.cuenta_credito == "12345678901"
    assert first.valor_transaccion == Decimal("85400.00")
    assert first.codigo_autorizacion == "AUT-881205"
    assert first.referencia_2 == "GAS NATURAL BOGOTÁ"  # one latin-1 byte, 0xC1
    assert first.referencia_3 == ""
    assert (first.fecha_proceso, first.hora_registro_pse) == (dt.date(2026, 11, 20), dt.time(14, 30, 15))
    assert (rejected.estado, rejected.valor_iva, rejected.codigo_autorizacion) == ("2", Decimal("197.53"), "")
    assert rejected.hora_registro_pse == dt.time(23, 59, 59)
    assert (nequi.codigo_entidad, nequi.valor_iva, nequi.ciclo_proceso) == ("00001507", Decimal("1.60"), "2")
    assert nequi.hora_registro_pse == dt.time(0, 0, 0)

    assert [t.estado for t in f.totals] == ["1", "2", "3", "4", "9"]
    one, two, three, _, grand = f.totals
    assert (one.cantidad_registros, one.valor_total, one.valor_iva) == (
        2, Decimal("85410.00"), Decimal("1.60")
    )
    assert (two.cantidad_registros, two.valor_total) == (1, Decimal("1234.56"))
    assert (three.cantidad_registros, three.valor_total, three.valor_iva) == (0, Decimal(0), Decimal(0))
    assert (grand.cantidad_registros, grand.valor_total, grand.valor_iva) == (
        3, Decimal("86644.56"), Decimal("199.13")
    )


def test_pse_detail_latin1_byte() -> None:
    line = golden("pse-detail.txt").split(b"\n")[1]
    assert len(line) == 235
    assert line[179:199] == b"GAS NATURAL BOGOT\xc1  "


def build_pse_detail() -> pse_recon.File:
    common: dict[str, Any] = {
        "codigo_servicio": "11", "entidad_credito": "1007", "cuenta_credito": "12345678901",
        "fecha_proceso": dt.date(2026, 11, 20),
    }
    t = pd.Transaction
    return pse_recon.build("pse-detail", pd.Header(**PSE_HEADER), [
        t(estado="1", ticket_id="21053", cus="12345678", codigo_entidad="1051", **common,
          valor_transaccion=Decimal("85400.00"), valor_iva=Decimal("0.00"),
          codigo_autorizacion="AUT-881205", referencia_1="21053", referencia_2="GAS NATURAL BOGOTÁ",
          hora_registro_pse=dt.time(14, 30, 15), ciclo_proceso="3"),
        t(estado="2", ticket_id="21054", cus="12345679", codigo_entidad="1007", **common,
          valor_transaccion=Decimal("1234.56"), valor_iva=Decimal("197.53"),
          referencia_1="21054", hora_registro_pse=dt.time(23, 59, 59), ciclo_proceso="3"),
        t(estado="1", ticket_id="21055", cus="12345680", codigo_entidad="1507", **common,
          valor_transaccion=Decimal("10.00"), valor_iva=Decimal("1.60"),
          codigo_autorizacion="0000007", referencia_1="21055", referencia_3="REF-3",
          hora_registro_pse=dt.time(0, 0, 0), ciclo_proceso="2"),
    ])


# -- building the same business content gives the same bytes -----------------------
BUILDERS = {
    "asobancaria-1998.txt": build_1998,
    "asobancaria-2001-162.txt": build_2001_162,
    "asobancaria-2001-150.txt": build_2001_150,
    "andesco.txt": build_andesco,
    "pse-summary.txt": build_pse_summary,
    "pse-detail.txt": build_pse_detail,
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_build_from_business_content_gives_the_golden_bytes(name: str) -> None:
    built = BUILDERS[name]()

    assert pse_recon.dumps(built) == golden(name)
    assert built == pse_recon.read(golden(name))


def test_build_ignores_computed_values_given_by_the_caller() -> None:
    # Wrong sequences, counts and totals given on purpose: the builder recomputes them.
    header = a98.Header(
        nit_empresa="8909049961", fecha_pago=dt.date(2026, 11, 20), codigo_recaudo="007",
        cuenta_abono="12345678901",
    )
    details = [
        a98.Detail(identificacion_usuario="21053", valor_recaudado=Decimal("85400"), secuencia=99),
        a98.Detail(identificacion_usuario="123456789", valor_recaudado=Decimal("1234567"), secuencia=1),
        a98.Detail(identificacion_usuario="7", valor_recaudado=Decimal("250000"), secuencia=0),
    ]
    built = pse_recon.build("asobancaria-1998", header, details)
    assert pse_recon.dumps(built) == golden("asobancaria-1998.txt")
