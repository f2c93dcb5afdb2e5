"""Regression (adversarial test, issue 11): invalid values reached ``build`` and the model.

``build`` promised EncodeError naming the record type and field, and yet: a float or
string amount raised a bare TypeError (summing the totals), ``Decimal('sNaN')``
``InvalidOperation``, a character outside the encoding ``UnicodeEncodeError``; a
timezone-aware ``hora_archivo`` was written with its offset dropped; control
characters (ESC, NUL, BEL) in text fields were written as they were. ``generate``
accepted a duplicated CUS and an IVA larger than the amount.

Now a record checks its values when it is made (so a bad value fails at once,
naming the field), ``build`` names the field for the encoding, and the model
refuses the CUS and the IVA naming the transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import pse_recon
from pse_recon.generator import Collection
from pse_recon.generator.inputs import InputError, load_collection
from pse_recon.records import asobancaria_2001 as a01

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DETAIL = dict(referencia_principal="21053", valor_recaudado=Decimal("85400.00"), procedencia_pago="99",
              medio_pago="15", codigo_entidad_debitada="051", codigo_sucursal="0003")
HEADER = dict(nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20), codigo_entidad_recaudadora="007",
              numero_cuenta="12345678901", fecha_archivo=dt.date(2026, 11, 20), hora_archivo=dt.time(18, 30),
              modificador_archivo="A", tipo_cuenta="02")


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("valor_recaudado", 85400.0, "expects a Decimal, got float (money is never float)"),
        ("valor_recaudado", "85400.00", "expects a Decimal, got str (money is never float)"),
        ("valor_recaudado", Decimal("sNaN"), "sNaN is not a number of pesos"),
        ("causal_devolucion", "\x1b[J", "holds the control character '\\x1b' at position 1 "
                                          "(the fields are printable text)"),
        ("causal_devolucion", "A\x00", "holds the control character '\\x00' at position 2 "
                                       "(the fields are printable text)"),
        ("causal_devolucion", "\x07", "holds the control character '\\x07' at position 1 "
                                      "(the fields are printable text)"),
        ("causal_devolucion", "\x7f", "holds the control character '\\x7f' at position 1 "
                                      "(the fields are printable text)"),
        ("causal_devolucion", "a\x9b", "holds the control character '\\x9b' at position 2 "
                                       "(the fields are printable text)"),
    ],
)
def test_a_bad_detail_value_fails_when_the_record_is_made(field: str, value: Any, reason: str) -> None:
    with pytest.raises(pse_recon.EncodeError) as caught:
        a01.Detail(**{**DETAIL, field: value})
    assert (caught.value.record_type, caught.value.field, caught.value.reason) == ("06", field, reason)
    good = a01.Detail(**DETAIL)
    with pytest.raises(pse_recon.EncodeError) as caught:
        attrs.evolve(good, **{field: value})
    assert caught.value.field == field


def test_printable_text_that_is_not_plain_ascii_is_written() -> None:
    """NBSP and the soft hyphen are printable latin-1 text: the fast encoder declines
    them (str.isprintable refuses them), the exact one writes them."""
    for text in ("\xa0", "\xad", "Ñ"):
        line = pse_recon.encode_record(a01.Detail(**DETAIL, causal_devolucion=text))
        assert line[94:97] == text.ljust(3)


def test_a_timezone_aware_time_is_refused() -> None:
    aware = dt.time(18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with pytest.raises(pse_recon.EncodeError) as caught:
        a01.FileHeader(**{**HEADER, "hora_archivo": aware})
    assert (caught.value.record_type, caught.value.field) == ("01", "hora_archivo")


def test_a_character_outside_the_encoding_names_the_field() -> None:
    detail = a01.Detail(**DETAIL, causal_devolucion="€")  # a character, but not latin-1
    with pytest.raises(pse_recon.EncodeError) as caught:
        pse_recon.build("asobancaria-2001", a01.FileHeader(**HEADER),
                        [(a01.LotHeader(codigo_servicio="7701234000011"), [detail])])
    assert (caught.value.record_type, caught.value.field, caught.value.reason) == (
        "06", "causal_devolucion", "holds '€', not a latin-1 character")


def test_reading_keeps_a_control_character_and_canonical_writing_refuses_it() -> None:
    data = (EXAMPLES / "recaudo-2001.txt").read_bytes()
    start = pse_recon.layout("asobancaria-2001")["06"].field("causal_devolucion").start
    lines = data.split(b"\n")
    lines[2] = lines[2][: start - 1] + b"\x1b" + lines[2][start:]
    f = pse_recon.read(b"\n".join(lines))
    assert f.lots[0].details[0].causal_devolucion == "\x1b"
    assert pse_recon.dumps(f) == b"\n".join(lines)  # its bytes, as read
    with pytest.raises(pse_recon.EncodeError) as caught:
        pse_recon.dumps(f, canonical=True)
    assert (caught.value.record_type, caught.value.field) == ("06", "causal_devolucion")


def test_a_duplicated_cus_is_refused() -> None:
    c = load_collection(EXAMPLES / "transactions.csv")
    twice = [*c.transactions, attrs.evolve(c.transactions[1], ticket_id="9999")]
    with pytest.raises(ValueError) as caught:
        Collection(company=c.company, cycle=c.cycle, transactions=twice)
    assert str(caught.value) == (
        f"Collection.transactions[7]: CUS {c.transactions[1].cus} is also transactions[1]; "
        "a CUS identifies one payment")


def test_a_duplicated_cus_in_an_input_names_both_lines(tmp_path: Path) -> None:
    lines = (EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()
    cus = lines[2].split(",")[11]
    lines.append(lines[3].replace(lines[3].split(",")[11], cus))
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_collection(path)
    assert (caught.value.where, caught.value.reason) == (
        f"{path}, line 9, column cus", f"CUS {cus} is also at line 3: a CUS identifies one payment")


def test_an_iva_larger_than_the_amount_is_refused() -> None:
    t = load_collection(EXAMPLES / "transactions.csv").transactions[0]
    with pytest.raises(ValueError) as caught:
        attrs.evolve(t, iva=Decimal("18000.01"))
    assert str(caught.value) == (
        f"Transaction.iva 18000.01 is more than the amount 18000.00 (CUS {t.cus}): "
        "the VAT is part of the amount paid")
    assert attrs.evolve(t, iva=Decimal("18000.00")).iva == t.amount  # all of it may be VAT
