"""Regression (found by the input-loader fuzzer in a 300 s run, seed 11): error
messages followed the caller's decimal context.

``str`` and ``repr`` of a Decimal in exponent form follow the context's ``capitals``:
the same input gave ``must be text, got Decimal('1E+25')`` under the default context
and ``Decimal('1e+25')`` under ``capitals=0``. Messages of the loaders, of
EncodeError and of the model now write Decimals as the default context does.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pytest

import pse_recon
from pse_recon.generator.inputs import InputError, load_collection
from pse_recon.reconciliation import ExpectedPayment
from pse_recon.records import asobancaria_2001 as a01

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOWER = decimal.Context(capitals=0)


def test_a_loader_message(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    text = (EXAMPLES / "transactions.json").read_text(encoding="utf-8")
    path.write_text(text.replace('"cus": "100234561"', '"cus": 1E+25'), encoding="utf-8")
    with decimal.localcontext(LOWER), pytest.raises(InputError) as caught:
        load_collection(path)
    assert caught.value.reason == "must be text, got Decimal('1E+25')"


def test_an_encode_error_message() -> None:
    values = dict(referencia_principal="1", procedencia_pago="99", medio_pago="15",
                  codigo_entidad_debitada="051", codigo_sucursal="0003")
    with decimal.localcontext(LOWER), pytest.raises(pse_recon.EncodeError) as caught:
        a01.Detail(valor_recaudado=Decimal("1E+30"), **values)
    assert str(caught.value) == (
        "record 06, field valor_recaudado: Decimal('1E+30') 1E+30 needs 33 digits, the field has 14")


def test_a_model_message() -> None:
    with decimal.localcontext(LOWER), pytest.raises(ValueError) as caught:
        ExpectedPayment(reference="1", amount=Decimal("1E+20"))
    assert str(caught.value) == "ExpectedPayment.amount must have at most 16 integer digits, got 1E+20"
