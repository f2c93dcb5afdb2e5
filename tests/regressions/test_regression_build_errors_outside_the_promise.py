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
    ],
)
def test_a_bad_amount_fails_when_the_record_is_made(field: str, value: Any, reason: str) -> None:
    with pytest.raises(pse_recon.EncodeError) as caught:
        a01.Detail(**{**DETAIL, field: value})
    assert (caught.value.record_type, caught.value.field, caught.value.reason) == ("06", field, reason)
    with pytest.raises(pse_recon.EncodeError) as caught:
        attrs.evolve(a01.Detail(**DETAIL), **{field: value})
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("value", "control", "position"),
    [("\x1b[2J", "\\x1b", 1), ("A\x00", "\\x00", 2), ("\x07", "\\x07", 1), ("\x7f", "\\x7f", 1),
     ("a\x9b", "\\x9b", 2), ("1\n2", "\\n", 2)],
)
def test_a_control_character_in_text_fails_when_the_record_is_made(
    value: str, control: str, position: int
) -> None:
    """C0 controls (ESC, NUL, BEL, LF), DEL and C1 (CSI) in the header's numero_cuenta."""
    with pytest.raises(pse_recon.EncodeError) as caught:
        a01.FileHeader(**{**HEADER, "numero_cuenta": value})
    assert (caught.value.record_type, caught.value.field, caught.value.reason) == (
        "01", "numero_cuenta",
        f"holds the control character '{control}' at position {position} (the fields are printable text)")


def test_printable_text_that_is_not_plain_ascii_is_written() -> None:
    """NBSP and the soft hyphen are printable latin-1 text: the fast encoder declines
    them (str.isprintable refuses them), the exact one writes them."""
    for text in ("\xa0", "\xad", "Ñ"):
        line = pse_recon.encode_record(a01.FileHeader(**{**HEADER, "numero_cuenta": text}))
        assert line[23:40] == text.ljust(17)


def test_a_timezone_aware_time_is_refused() -> None:
    aware = dt.time(18, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    with pytest.raises(pse_recon.EncodeError) as caught:
        a01.FileHeader(**{**HEADER, "hora_archivo": aware})
    assert (caught.value.record_type, caught.value.field) == ("01", "hora_archivo")


def test_a_character_outside_the_encoding_names_the_field() -> None:
    header = a01.FileHeader(**{**HEADER, "numero_cuenta": "CTA-€1"})  # a character, but not latin-1
    with pytest.raises(pse_recon.EncodeError) as caught:
        pse_recon.build("asobancaria-2001", header,
                        [(a01.LotHeader(codigo_servicio="7701234000011"), [a01.Detail(**DETAIL)])])
    assert (caught.value.record_type, caught.value.field, caught.value.reason) == (
        "01", "numero_cuenta", "holds '€', not a latin-1 character")


def test_reading_keeps_a_control_character_and_canonical_writing_refuses_it() -> None:
    data = (EXAMPLES / "recaudo-2001.txt").read_bytes()
    end = pse_recon.layout("asobancaria-2001")["01"].field("numero_cuenta").end
    lines = data.split(b"\n")
    lines[0] = lines[0][: end - 1] + b"\x1b" + lines[0][end:]  # ESC in numero_cuenta's last column
    f = pse_recon.read(b"\n".join(lines))
    assert f.header.numero_cuenta == "12345678901     \x1b"
    assert pse_recon.dumps(f) == b"\n".join(lines)  # its bytes, as read
    with pytest.raises(pse_recon.EncodeError) as caught:
        pse_recon.dumps(f, canonical=True)
    assert (caught.value.record_type, caught.value.field) == ("01", "numero_cuenta")


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
