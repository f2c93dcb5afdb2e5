"""The rules hold for every format because they come from the declarations: the same
mutations, positioned by each layout, give the same findings in every format; and a
format declared only as a layout is validated with no validator code."""

from __future__ import annotations

from decimal import Decimal

import pytest
from validation_support import E, W, field_text, golden, join, lines_of, put, where

import pse_recon
from golden_files import GOLDEN_FILES
from pse_recon import layouts
from pse_recon.declaration import (
    Count,
    FileLayout,
    FlatStructure,
    Sequence,
    Sum,
    amount,
    constant,
    date,
    digits,
    filler,
    numeric,
    record,
    text,
)


@pytest.mark.parametrize("name", sorted(GOLDEN_FILES))
def test_every_golden_file_is_valid_without_a_finding(name: str) -> None:
    fmt, width = GOLDEN_FILES[name]
    report = pse_recon.validate(golden(name))
    assert (report.format, report.width, report.findings, report.valid) == (fmt, width, (), True)
    explicit = pse_recon.validate(golden(name), fmt)
    assert explicit == report


# (file, detail line, amount field) → lines of the controls whose totals cover it
UNREADABLE_AMOUNT = {
    ("asobancaria-1998.txt", 2, "valor_recaudado"): [5],
    ("asobancaria-2001-162.txt", 3, "valor_recaudado"): [5, 10],
    ("asobancaria-2001-150.txt", 7, "valor_recaudado"): [8, 9],
    ("andesco.txt", 4, "valor_recaudado"): [5, 9],
    ("pse-summary.txt", 4, "valor_transacciones"): [6],
    ("pse-detail.txt", 3, "valor_transaccion"): [6, 9],
}


@pytest.mark.parametrize("case", sorted(UNREADABLE_AMOUNT))
def test_an_unreadable_amount_is_reported_once_and_its_totals_not_verified(
    case: tuple[str, int, str],
) -> None:
    name, line, field = case
    old = field_text(name, line, field)
    data = put(name, line, field, old[:-1] + "x")
    report = pse_recon.validate(data)
    expected = [("PR101", line, field, E)] + [("PR306", c, None, W) for c in UNREADABLE_AMOUNT[case]]
    assert where(report.findings) == expected


# (file, control line, field, code): every computed count and total of every format
CONTROLS = [
    ("asobancaria-1998.txt", 5, "total_registros", "PR301"),
    ("asobancaria-1998.txt", 5, "valor_total", "PR302"),
    ("asobancaria-2001-162.txt", 5, "total_registros_lote", "PR301"),
    ("asobancaria-2001-162.txt", 5, "valor_total_lote", "PR302"),
    ("asobancaria-2001-162.txt", 9, "total_registros_lote", "PR301"),
    ("asobancaria-2001-162.txt", 9, "valor_total_lote", "PR302"),
    ("asobancaria-2001-162.txt", 10, "total_registros", "PR301"),
    ("asobancaria-2001-162.txt", 10, "valor_total", "PR302"),
    ("asobancaria-2001-150.txt", 8, "valor_total_lote", "PR302"),
    ("asobancaria-2001-150.txt", 9, "total_registros", "PR301"),
    ("andesco.txt", 5, "total_registros_lote", "PR301"),
    ("andesco.txt", 8, "valor_total_lote", "PR302"),
    ("andesco.txt", 9, "total_registros", "PR301"),
    ("andesco.txt", 9, "valor_total", "PR302"),
    # pse-summary counts are the sum of total_transacciones: a Sum, PR302
    ("pse-summary.txt", 5, "cantidad_registros", "PR302"),
    ("pse-summary.txt", 5, "valor_total", "PR302"),
    ("pse-summary.txt", 6, "valor_iva", "PR302"),
    ("pse-summary.txt", 7, "cantidad_registros", "PR302"),
    ("pse-detail.txt", 5, "cantidad_registros", "PR301"),
    ("pse-detail.txt", 6, "valor_iva", "PR302"),
    ("pse-detail.txt", 8, "valor_total", "PR302"),
    ("pse-detail.txt", 9, "cantidad_registros", "PR301"),
    ("pse-detail.txt", 9, "valor_total", "PR302"),
    ("pse-detail.txt", 9, "valor_iva", "PR302"),
]


@pytest.mark.parametrize("case", CONTROLS)
def test_every_control_total_is_checked(case: tuple[str, int, str, str]) -> None:
    name, line, field, code = case
    old = field_text(name, line, field)
    data = put(name, line, field, str(int(old) + 1).zfill(len(old)))
    assert where(pse_recon.validate(data).findings) == [(code, line, field, E)]


def test_2001_sequences_restart_in_each_lot() -> None:
    name = "asobancaria-2001-162.txt"  # lot 2: lines 7 and 8, numbered 2 and 3
    data = put(name, 8, "secuencia", "0000005", put(name, 7, "secuencia", "0000004"))
    assert where(pse_recon.validate(data).findings) == [("PR305", 7, "secuencia", E)]


def test_1998_sequence_runs_over_the_file() -> None:
    name = "asobancaria-1998.txt"  # details on lines 2-4, numbered 2, 3, 4
    data = put(name, 4, "secuencia", "0000002")
    assert where(pse_recon.validate(data).findings) == [("PR305", 4, "secuencia", E)]


def test_a_corrupted_sequence_number_is_reported_once() -> None:
    name = "asobancaria-1998.txt"
    data = put(name, 3, "secuencia", "0000009")  # 2, 9, 4
    assert where(pse_recon.validate(data).findings) == [("PR305", 3, "secuencia", E)]


def test_a_skipped_sequence_number_is_reported_once() -> None:
    name = "asobancaria-1998.txt"
    data = put(name, 4, "secuencia", "0000005", put(name, 3, "secuencia", "0000004"))  # 2, 4, 5
    assert where(pse_recon.validate(data).findings) == [("PR305", 3, "secuencia", E)]


def test_lot_numbers_must_start_at_one() -> None:
    name = "andesco.txt"  # lots on lines 2-5 and 6-8
    data = put(name, 2, "numero_lote", "0000", put(name, 5, "numero_lote", "0000"))
    data = put(name, 6, "numero_lote", "0001", put(name, 8, "numero_lote", "0001", data))
    assert where(pse_recon.validate(data).findings) == [("PR303", 2, "numero_lote", E)]


def test_pse_summary_may_omit_states_without_transactions() -> None:
    name = "pse-summary.txt"  # states 3 and 4 (lines 7 and 8) have no type-2 lines
    lines = lines_of(golden(name))
    report = pse_recon.validate(join(lines[:6]))
    assert (report.valid, report.findings) == (True, ())


def test_pse_summary_needs_the_totals_of_a_state_with_transactions() -> None:
    name = "pse-summary.txt"  # state 2 has the type-2 line 4; its totals are line 6
    lines = lines_of(golden(name))
    del lines[5]
    assert where(pse_recon.validate(join(lines)).findings) == [("PR205", 7, None, E)]


def test_pse_detail_needs_its_grand_total_last() -> None:
    name = "pse-detail.txt"  # states on lines 5-8, grand total on line 9
    lines = lines_of(golden(name))
    lines[7], lines[8] = lines[8], lines[7]
    assert where(pse_recon.validate(join(lines)).findings) == [("PR204", 9, None, E)]


def test_pse_detail_grand_total_missing() -> None:
    lines = lines_of(golden("pse-detail.txt"))
    assert where(pse_recon.validate(join(lines[:8])).findings) == [("PR205", 8, None, E)]


def test_pse_summary_has_no_grand_total_line() -> None:
    name = "pse-summary.txt"
    lines = lines_of(golden(name))
    # a grand-total line (state 9) as pse-detail writes it: not a state of pse-summary
    data = join([*lines, b"39" + lines[4][2:]])
    assert where(pse_recon.validate(data).findings) == [("PR106", 9, "estado", E)]


def test_pse_state_of_a_line_must_be_a_known_state() -> None:
    name = "pse-detail.txt"
    data = put(name, 2, "estado", "7")
    # the line cannot be placed in a state: the state totals are not verified, the
    # grand total still is (the line's amount is in it)
    assert where(pse_recon.validate(data).findings) == [
        ("PR106", 2, "estado", E),
        ("PR306", 5, None, W),
        ("PR306", 6, None, W),
        ("PR306", 7, None, W),
        ("PR306", 8, None, W),
    ]


def test_times_2400_is_legal_0000_a_quirk_and_2401_an_error() -> None:
    g = "asobancaria-2001-162.txt"
    assert where(pse_recon.validate(put(g, 1, "hora_archivo", "2400")).findings) == []
    assert where(pse_recon.validate(put(g, 1, "hora_archivo", "2401")).findings) == [
        ("PR103", 1, "hora_archivo", E)
    ]
    p = "pse-detail.txt"
    assert where(pse_recon.validate(put(p, 2, "hora_registro_pse", "240000")).findings) == []
    assert where(pse_recon.validate(put(p, 2, "hora_registro_pse", "000000")).findings) == []
    assert where(pse_recon.validate(put(p, 3, "hora_registro_pse", "235960")).findings) == [
        ("PR103", 3, "hora_registro_pse", E)
    ]


def test_a_date_in_a_detail() -> None:
    p = "pse-detail.txt"
    assert where(pse_recon.validate(put(p, 4, "fecha_proceso", "20270229")).findings) == [
        ("PR102", 4, "fecha_proceso", E)
    ]


def test_the_150_column_variant_is_told_by_its_lines() -> None:
    data = golden("asobancaria-2001-150.txt")
    assert pse_recon.validate(data, "asobancaria-2001").width == 150
    forced = pse_recon.validate(data, "asobancaria-2001", width=162)
    assert forced.width == 162
    # at 162, every line lacks 12 columns of blank reservado: trimmed, a quirk
    assert {f.code for f in forced.findings} == {"PR009", "PR008"}
    assert forced.valid
    assert not pse_recon.validate(data, "asobancaria-2001", width=162, strict=True).valid


def test_a_new_format_declared_as_a_layout_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    toy = FileLayout(
        name="toy-flat",
        title="A format no validator code knows",
        width=40,
        structure=FlatStructure("H", "D", "T"),
        records={
            "H": record("H", "header", constant("tipo", "H"), date("fecha"),
                        text("banco", 3, catalog="transit_code"), filler("relleno", 28)),
            "D": record("D", "detail", constant("tipo", "D"), digits("ref", 10),
                        amount("valor", 12, decimals=2), numeric("sec", 4, computed=Sequence(1, False)),
                        digits("medio", 2, catalog="medio_pago"), filler("relleno", 11)),
            "T": record("T", "totals", constant("tipo", "T"), numeric("n", 5, computed=Count()),
                        amount("total", 14, decimals=2, computed=Sum("valor")), filler("relleno", 20)),
        },
    )
    monkeypatch.setattr(layouts, "FORMATS", {**layouts.FORMATS, toy.name: toy})
    good = [
        b"H20261120007" + b" " * 28,
        b"D0000000001000000012345000115" + b" " * 11,
        b"D0000000002000000000005000215" + b" " * 11,
        b"T00002" + b"00000000012350" + b" " * 20,
    ]
    report = pse_recon.validate(join(good), "toy-flat")
    assert (report.valid, report.findings) == (True, ())
    assert report.summary == pse_recon.Summary(0, 2, Decimal("123.50"))
    bad = list(good)
    bad[1] = b"D0000000001000000012345000399" + b" " * 11  # sequence 3, medio de pago 99
    bad[3] = b"T00003" + b"00000000012350" + b" " * 20  # says 3 details
    # within a line: its fields first, then its place in the structure
    assert where(pse_recon.validate(join(bad), "toy-flat").findings) == [
        ("PR106", 2, "medio", E),
        ("PR305", 2, "sec", E),
        ("PR301", 4, "n", E),
    ]
