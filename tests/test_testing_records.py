"""pse_recon.testing.records: the strategies generate what they promise.

Expected sets are written from the spec (catalog decisions 7-11, date range, 2400),
not taken from the strategies.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.declaration import END_OF_DAY, Digits, Field
from pse_recon.testing import catalog_values, field_values, files, records

FAST = settings(max_examples=40, deadline=None)


def field(fmt: str, code: str, name: str) -> Field:
    return pse_recon.layout(fmt)[code].field(name)


def test_importing_pse_recon_does_not_import_hypothesis() -> None:
    code = "import sys, pse_recon, pse_recon.codec.builder; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _all_values(strategy: st.SearchStrategy[Any], n: int = 300) -> set[Any]:
    seen: set[Any] = set()

    @settings(max_examples=n, deadline=None, database=None, derandomize=True)
    @given(strategy)
    def collect(v: Any) -> None:
        seen.add(v)

    collect()
    return seen


@FAST
@given(st.data())
def test_values_by_kind(data: st.DataObject) -> None:
    numeric = data.draw(field_values(field("asobancaria-2001", "06", "secuencia")))
    assert type(numeric) is int and 0 <= numeric <= 9_999_999

    ref = data.draw(field_values(field("asobancaria-2001", "06", "referencia_principal")))
    assert len(ref) == 48 and ref.isascii() and ref.isdigit()

    text = data.draw(field_values(field("pse-detail", "2", "codigo_autorizacion")))
    assert len(text) <= 50 and not text.endswith(" ")
    assert "\n" not in text and "\r" not in text
    assert text.encode("latin-1").decode("latin-1").isprintable()

    amount = data.draw(field_values(field("asobancaria-2001", "06", "valor_recaudado")))
    assert isinstance(amount, Decimal)
    assert amount.as_tuple().exponent == -2
    assert Decimal(0) <= amount <= Decimal("999999999999.99")

    pesos = data.draw(field_values(field("asobancaria-1998", "02", "valor_recaudado")))
    assert pesos.as_tuple().exponent == 0 and pesos <= Decimal("9999999999999")

    date = data.draw(field_values(field("asobancaria-2001", "01", "fecha_pago")))
    assert type(date) is dt.date and 1900 <= date.year <= 2999

    hhmm = data.draw(field_values(field("asobancaria-2001", "01", "hora_archivo")))
    assert hhmm == END_OF_DAY or (hhmm.second == 0 and hhmm != dt.time(0, 0))

    hhmmss = data.draw(field_values(field("pse-detail", "2", "hora_registro_pse")))
    assert hhmmss.microsecond == 0

    assert data.draw(field_values(field("pse-detail", "2", "canal_pago"))) == "1"


def test_hhmm_times_include_2400() -> None:
    assert END_OF_DAY in _all_values(field_values(field("asobancaria-2001", "01", "hora_archivo")))


def test_catalog_fields_draw_from_the_catalogs() -> None:
    transit = {"001", "002", "006", "007", "009", "012", "013", "019", "023", "032", "040",
               "051", "052", "058", "060", "061", "062", "065", "066", "069", "507"}
    banks = {"0000" + code for code in ("1001", "1002", "1006", "1007", "1009", "1012", "1013",
                                        "1019", "1023", "1032", "1040", "1051", "1052", "1058",
                                        "1060", "1061", "1062", "1065", "1066", "1069", "1507")}
    procedencia = {"01", "02", "03", "04", "05", "06", "07", "08", "99"}
    medio = {"01", "02", "03", "11", "12", "13", "14", "15", "21", "22", "23", "24", "25"}
    modificador = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    assert set(catalog_values(field("asobancaria-2001", "06", "codigo_entidad_debitada"))) == transit
    assert set(catalog_values(field("asobancaria-1998", "01", "codigo_recaudo"))) == transit
    assert set(catalog_values(field("pse-detail", "2", "entidad_credito"))) == banks
    assert set(catalog_values(field("andesco", "06", "procedencia_pago"))) == procedencia
    assert set(catalog_values(field("asobancaria-2001", "06", "medio_pago"))) == medio
    assert set(catalog_values(field("asobancaria-2001", "01", "tipo_cuenta"))) == {"01", "02", "03"}
    assert set(catalog_values(field("andesco", "01", "modificador_archivo"))) == modificador
    assert set(catalog_values(field("pse-summary", "2", "estado"))) == {"1", "2", "3", "4"}
    assert set(catalog_values(field("pse-detail", "3", "estado"))) == {"1", "2", "3", "4", "9"}
    drawn = _all_values(field_values(field("pse-summary", "2", "codigo_entidad")), 100)
    assert drawn <= banks and len(drawn) > 1


def test_unknown_catalog_is_a_clear_error() -> None:
    f = Field("x", 3, Digits(), catalog="no_such_catalog")
    with pytest.raises(LookupError, match=r"'no_such_catalog' .* add it to pse_recon.catalogs.CATALOGS"):
        catalog_values(f)


def test_records_of_an_unknown_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="asobancaria-1998 has no record type '06'"):
        records("asobancaria-1998", "06")


def test_files_of_a_missing_width_fail_early() -> None:
    with pytest.raises(ValueError, match="no 151-column variant"):
        files("asobancaria-2001", 151)


@FAST
@given(records("asobancaria-2001", "06", 150))
def test_records_are_instances_of_the_format_class(r: Any) -> None:
    from pse_recon.records.asobancaria_2001 import Detail

    assert type(r) is Detail
    assert pse_recon.encode_record(r, 150)[:2] == "06"


def test_lot_files_have_one_to_four_lots() -> None:
    counts = {len(f.lots) for f in _all_values(files("andesco", max_details=2), 150)}
    assert counts == {1, 2, 3, 4}


@FAST
@given(files("pse-detail", max_details=8))
def test_pse_lines_are_grouped_by_state(f: Any) -> None:
    states = [x.estado for x in f.lines]
    assert states == sorted(states)
    assert set(states) <= {"1", "2", "3", "4"}


@FAST
@given(files("pse-summary", max_details=30))
def test_pse_summary_totals_fit_even_at_the_largest_values(f: Any) -> None:
    # Bounded so that 30 lines never overflow the 6-digit count or 18-digit totals.
    grand = sum((x.valor_transacciones for x in f.lines), Decimal(0))
    assert grand < Decimal("10") ** 16
    assert sum(x.total_transacciones for x in f.lines) <= 999_999
    assert all(x.total_transacciones >= 1 for x in f.lines)
