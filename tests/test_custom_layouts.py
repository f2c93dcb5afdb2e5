"""Formats declared outside the package (:mod:`custom_layouts`): read, validated,
built, generated, reconciled and shown with no change to library code, because
everything that needs a field's meaning asks the layout for its role."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

import pse_recon
from custom_layouts import BANCO_X, LONG_LINES, WIDE_REFERENCE
from generate.generate_sample import sample_collection
from pse_recon.declaration import FileLayout, Role, digits
from pse_recon.layouts import ASOBANCARIA_2001
from pse_recon.records import record_classes
from pse_recon.testing import file_bytes

EXAMPLE = Path(__file__).parents[1] / "examples" / "recaudo-2001.txt"


def expected() -> list[pse_recon.ExpectedPayment]:
    return [pse_recon.ExpectedPayment.from_transaction(t) for t in sample_collection().transactions]


@pytest.mark.parametrize("fmt", [BANCO_X, WIDE_REFERENCE, LONG_LINES], ids=lambda f: f.name)
def test_generated_read_validated_and_reconciled(fmt: FileLayout) -> None:
    bank = "1051" if fmt is BANCO_X else None  # its header names one paying bank
    f = pse_recon.generate(fmt, sample_collection(), authorizing_bank=bank)
    data = pse_recon.dumps(f)
    assert {len(line) for line in data.splitlines()} == {fmt.width}
    again = pse_recon.read(data, fmt)
    assert again == f and again.layout == fmt and again.format == fmt.name
    report = pse_recon.validate(data, fmt, strict=True)
    assert report.valid and report.findings == () and report.format == fmt.name
    result = pse_recon.reconcile(again, expected())
    paid = {(p.reference.lstrip("0"), p.amount) for p in result.payments}
    # the approved payments (of bank 1051 for BANCO_X), by reference or ticket id
    assert paid == ({("21053", Decimal("18000.00"))} if fmt is BANCO_X else {
        ("21053", Decimal("18000.00")), ("21054", Decimal("85400.50")),
        ("40001", Decimal("250000.00")), ("5007", Decimal("61250.75"))})
    assert result.summary.matched_count == result.summary.paid_count == len(f.details)


def test_built_with_role_names_the_library_does_not_know() -> None:
    classes = record_classes(BANCO_X)
    header = classes["H"](nit="8001234565", dia=dt.date(2026, 11, 20), banco="051", cuenta="12345678901")
    details = [classes["D"](ref="21053", monto=Decimal("100.50"), ciclo="3"),
               classes["D"](ref="21054", monto=Decimal("0.25"), ciclo="3")]
    f = pse_recon.build(BANCO_X, header, details)
    assert f.layout is BANCO_X and f.total == Decimal("100.75")
    assert f.totals.pagos == 2 and f.totals.suma == Decimal("100.75")
    assert [d.consecutivo for d in f.details] == [2, 3]
    assert pse_recon.read(pse_recon.dumps(f), BANCO_X) == f


def test_a_record_of_another_layout_with_the_same_name_is_refused() -> None:
    other = ASOBANCARIA_2001.with_field("06", digits("referencia_principal", 30, role=Role.REFERENCE))
    detail = record_classes(other)["06"](referencia_principal="1", valor_recaudado=Decimal(1),
                                         procedencia_pago="99", medio_pago="15",
                                         codigo_entidad_debitada="051", codigo_sucursal="0003")
    lot_header = record_classes(ASOBANCARIA_2001)["05"](codigo_servicio="7701234000011")
    f = pse_recon.read(EXAMPLE, "asobancaria-2001")
    with pytest.raises(TypeError, match="another layout of that name"):
        pse_recon.build(ASOBANCARIA_2001, f.header, [(lot_header, [detail])])


def test_validation_reports_a_custom_layouts_field_by_its_name() -> None:
    f = pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051")
    data = bytearray(pse_recon.dumps(f))
    line2 = data.index(b"\nD") + 1
    data[line2 + 21 : line2 + 35] = b"00000000019999"  # monto no longer what T sums
    report = pse_recon.validate(bytes(data), BANCO_X)
    [finding] = [x for x in report.findings if x.severity is pse_recon.Severity.ERROR]
    assert (finding.line, finding.field) == (3, "suma")


def test_with_field_keeps_the_width_and_moves_the_columns() -> None:
    rec = WIDE_REFERENCE["06"]
    assert rec.width == 162 and rec.field("referencia_principal").end == 32
    assert rec.field("valor_recaudado").start == 33
    assert rec.field("reservado").length == ASOBANCARIA_2001["06"].field("reservado").length + 18
    with pytest.raises(KeyError, match="no field 'referencia'"):
        ASOBANCARIA_2001.with_field("06", digits("referencia", 30))


def test_with_variant_declares_an_undeclared_width() -> None:
    assert LONG_LINES.width == 170 and LONG_LINES.name == "asobancaria-2001-170"
    assert 170 in LONG_LINES.widths and ASOBANCARIA_2001.widths == (162, 150)
    with pytest.raises(ValueError, match="has no 170-column variant"):
        pse_recon.layout("asobancaria-2001", 170)


def test_a_role_declared_twice_in_a_record_is_refused() -> None:
    with pytest.raises(ValueError, match="a role is declared by two fields"):
        ASOBANCARIA_2001.with_field("06", digits("codigo_sucursal", 4, role=Role.REFERENCE))


def test_reconcile_refuses_a_layout_without_a_reference() -> None:
    no_ref = BANCO_X.with_field("D", digits("ref", 20), name="sin-referencia")
    f = pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051")
    data = pse_recon.dumps(f)
    with pytest.raises(pse_recon.ReconcileError, match="no payment reference to match on"):
        pse_recon.reconcile(data, expected(), format=no_ref)


@settings(max_examples=25, deadline=None)
@given(file_bytes(BANCO_X, max_details=4))
def test_the_public_strategies_draw_files_of_a_custom_layout(data: bytes) -> None:
    f = pse_recon.read(data, BANCO_X)
    assert pse_recon.dumps(f) == data and f.layout == BANCO_X
    assert pse_recon.validate(data, BANCO_X, strict=True).valid


def test_layout_detect_and_iter_records_take_a_layout() -> None:
    assert pse_recon.layout(BANCO_X) is BANCO_X
    assert pse_recon.layout(LONG_LINES, 162).width == 162
    lines = EXAMPLE.read_bytes().splitlines(keepends=True)
    found = pse_recon.detect(lines, LONG_LINES)
    assert (found.name, found.width) == ("asobancaria-2001-170", 162)
    f = pse_recon.generate(BANCO_X, sample_collection(), authorizing_bank="1051")
    records = list(pse_recon.iter_records(pse_recon.dumps(f), BANCO_X))
    assert records == list(f.records) and {type(r).file_layout for r in records} == {BANCO_X}
    with pytest.raises(ValueError, match="banco-x has no 62-column variant"):
        pse_recon.read(pse_recon.dumps(f), BANCO_X, width=62)
