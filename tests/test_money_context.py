"""Money is exact whatever decimal context the caller has set (issue 11, item 2).

``Decimal`` arithmetic rounds to the thread's context: a caller's ``prec = 6`` used to
print totals as ``1.51445E+6``, make ``generate`` write rounded control totals, and an
``Inexact`` trap made ``validate`` raise. Here everything that computes or writes
money (read, validate, build, generate, reconcile, the input loaders, ``show`` and
``reconcile --json``) runs under random contexts, precision 1 to 28, every rounding,
random traps and exponent limits, and must give exactly what it gives under the
default context: the same amounts (digits and exponent), the same bytes, the same text.
"""

from __future__ import annotations

import contextlib
import decimal
import functools
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from golden_files import GOLDEN_FILES, golden
from pse_recon import money
from pse_recon.cli import main
from pse_recon.generator.inputs import load_collection
from pse_recon.reconciliation import ExpectedPayment, load_expected
from pse_recon.records import asobancaria_2001 as a01

EXAMPLES = Path(__file__).parent.parent / "examples"
#: Every rounding mode and every signal of the decimal module.
ROUNDINGS = sorted(getattr(decimal, name) for name in dir(decimal) if name.startswith("ROUND_"))
SIGNALS = list(decimal.Context().traps)
BIG = Decimal("999999999999.99")  # the largest 2001 detail amount


@st.composite
def contexts(draw: st.DrawFn) -> decimal.Context:
    emax = draw(st.sampled_from([1, 6, 12, 999999]))
    return decimal.Context(
        prec=draw(st.integers(1, 28)),
        rounding=draw(st.sampled_from(ROUNDINGS)),
        Emax=emax,
        Emin=-emax,
        capitals=draw(st.integers(0, 1)),
        clamp=draw(st.integers(0, 1)),
        traps=list(draw(st.sets(st.sampled_from(SIGNALS)))),
    )


def big_2001(details: int, wrong_total: bool = False) -> bytes:
    """A one-lot 2001 file of ``details`` details of :data:`BIG` (with 120, a total of
    17 digits, 15 integer ones: far beyond a small precision); with
    ``wrong_total`` its file control says one centavo less (PR302 reports both sums)."""
    header = pse_recon.read(golden("asobancaria-2001-162.txt")).header
    detail = a01.Detail(referencia_principal="21053", valor_recaudado=BIG, procedencia_pago="99",
                        medio_pago="15", codigo_entidad_debitada="051", codigo_sucursal="0003")
    lot = (a01.LotHeader(codigo_servicio="1"), [detail] * details)
    f = pse_recon.build("asobancaria-2001", header, [lot])
    if wrong_total:
        control = attrs.evolve(f.control, valor_total=f.control.valor_total - Decimal("0.01"))
        f = attrs.evolve(f, control=control)
    return pse_recon.dumps(f)


BIG_FILE = big_2001(120)
BIG_WRONG = big_2001(120, wrong_total=True)
COLLECTION = load_collection(EXAMPLES / "transactions.csv")
BIG_COLLECTION = attrs.evolve(
    COLLECTION,
    transactions=[
        attrs.evolve(t, amount=BIG - i, iva=Decimal("0.01")) for i, t in enumerate(COLLECTION.transactions)
    ],
)


def exact(value: Decimal) -> tuple[Any, ...]:
    """A Decimal's digits and exponent: ``1514450.50`` and ``1514450.5`` differ."""
    return value.as_tuple()


def cli(tmp: Path, *argv: str) -> str:
    """Exit status and output of the command line (``tmp`` written as ``TMP``)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(list(argv))
    return f"{status}\n{out.getvalue()}".replace(str(tmp), "TMP")


def everything(tmp: Path) -> dict[str, Any]:
    """Every amount, file and text the library computes from money."""
    got: dict[str, Any] = {}
    for name in [*GOLDEN_FILES, "big", "big-wrong"]:
        data = {"big": BIG_FILE, "big-wrong": BIG_WRONG}.get(name) or golden(name)
        f = pse_recon.read(data)
        report = pse_recon.validate(data, strict=True)
        got[f"read {name}"] = exact(f.total)
        got[f"validate {name}"] = (exact(report.summary.total), [x.message for x in report.findings])
        got[f"rebuild {name}"] = pse_recon.dumps(pse_recon.rebuild(f))
        got[f"canonical {name}"] = pse_recon.dumps(f, canonical=True)
    big = pse_recon.read(BIG_FILE)
    got["build"] = pse_recon.dumps(pse_recon.build(
        "asobancaria-2001", big.header, [(lot.header, lot.details) for lot in big.lots]))
    for fmt, collection in (("asobancaria-1998", COLLECTION), ("asobancaria-2001", COLLECTION),
                            ("andesco", COLLECTION), ("pse-summary", BIG_COLLECTION),
                            ("pse-detail", BIG_COLLECTION), ("asobancaria-2001", BIG_COLLECTION)):
        bank = "1051" if fmt == "asobancaria-1998" else None
        generated = pse_recon.generate(fmt, collection, authorizing_bank=bank)
        got[f"generate {fmt} {collection is BIG_COLLECTION}"] = pse_recon.dumps(generated)
        assert pse_recon.validate(pse_recon.dumps(generated), strict=True).valid
    loaded = load_collection(EXAMPLES / "transactions.json")
    got["load json"] = [(exact(t.amount), exact(t.iva)) for t in loaded.transactions]
    expected = [*load_expected(EXAMPLES / "expected.csv"), *load_expected(EXAMPLES / "expected.json"),
                ExpectedPayment(reference="21053", amount=Decimal("2999999999999.97"))]
    result = pse_recon.reconcile(big, expected)
    got["reconcile"] = (
        {k: exact(v) if isinstance(v, Decimal) else v for k, v in attrs.asdict(result.summary).items()},
        exact(result.summary.difference),
        [None if i.difference is None else exact(i.difference) for i in result.items],
    )
    big_path = tmp / "big.txt"
    big_path.write_bytes(BIG_FILE)
    got["show"] = cli(tmp, "show", str(big_path))
    got["reconcile --json"] = cli(tmp, "reconcile", str(big_path), "--expected",
                                  str(EXAMPLES / "expected.csv"), "--json")
    got["generate"] = cli(tmp, "generate", "--format", "pse-detail", "--input",
                          str(EXAMPLES / "transactions.csv"), "-o", str(tmp / "out.txt"))
    got["generated file"] = (tmp / "out.txt").read_bytes()
    return got


@functools.cache
def default() -> dict[str, Any]:
    """:func:`everything` under the default context, once."""
    with decimal.localcontext(decimal.Context()), tempfile.TemporaryDirectory() as tmp:
        return everything(Path(tmp))


def test_the_default_results_are_the_exact_ones() -> None:
    """What the random contexts are compared with is right (worked out by hand)."""
    expected = default()
    assert expected["read big"] == exact(Decimal("119999999999998.80"))
    total, messages = expected["validate big-wrong"]
    assert total == exact(Decimal("119999999999998.80"))
    assert any("119999999999998.79" in m and "119999999999998.80" in m for m in messages)
    assert expected["read asobancaria-1998.txt"] == exact(Decimal("1569967"))
    assert expected["reconcile"][0]["paid_total"] == exact(Decimal("119999999999998.80"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(context=contexts())
def test_any_context_gives_the_default_results(context: decimal.Context, tmp_path: Path) -> None:
    with decimal.localcontext(context):
        got = everything(tmp_path)
    expected = default()
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == value, key


def test_the_caller_context_is_left_as_it_was() -> None:
    """The library never installs its context on the caller's thread."""
    with decimal.localcontext() as ctx:
        ctx.prec = 6
        ctx.clear_flags()  # a copy of the thread's, which earlier code may have flagged
        pse_recon.validate(BIG_FILE)
        assert pse_recon.read(BIG_FILE).total == Decimal("119999999999998.80")
        assert decimal.getcontext() is ctx and ctx.prec == 6 and not ctx.flags[decimal.Inexact]


@pytest.mark.parametrize(
    ("value", "decimals", "digits", "units"),
    [
        (Decimal("85400.50"), 2, 14, 8540050),
        (Decimal("85400.5"), 2, 14, 8540050),
        (Decimal("1E+3"), 2, 14, 100000),
        (Decimal("1." + "0" * 60), 2, 14, 100),  # trailing zeros are not decimals
        (Decimal("-0"), 2, 14, 0),
        (85400, 0, 13, 85400),
        (Decimal("999999999999.99"), 2, 14, 99999999999999),
    ],
)
def test_units_are_exact(value: Decimal | int, decimals: int, digits: int, units: int) -> None:
    with decimal.localcontext(decimal.Context(prec=1, traps=SIGNALS)):
        assert money.units(value, decimals, digits) == units


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Decimal("1000000000000.00"), "1000000000000.00 needs 15 digits, the field has 14"),
        (Decimal("1E+999999999"), "1E+999999999 needs 1000000002 digits, the field has 14"),
        (Decimal("10.005"), "10.005 has more than 2 decimals"),
        (Decimal("-0.01"), "-0.01 is negative"),
        (Decimal("sNaN"), "sNaN is not a number of pesos"),
        (Decimal("-Infinity"), "-Infinity is not a number of pesos"),
    ],
)
def test_units_refuse_with_the_reason(value: Decimal, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        money.units(value, 2, 14)
    assert str(caught.value) == reason


@pytest.mark.parametrize("value", [1.5, True, "85400.00", None])
def test_units_refuse_what_is_not_money(value: object) -> None:
    with pytest.raises(TypeError, match="expects a Decimal"):
        money.units(value, 2, 14)  # type: ignore[arg-type]


def test_places_count_the_decimals_a_value_needs() -> None:
    assert [money.places(Decimal(t)) for t in ("85400.50", "85400.00", "1E+3", "0.000", "0.001", "7")] == [
        1, 0, 0, 0, 3, 0]
    with pytest.raises(ValueError, match="is not a number"):
        money.places(Decimal("NaN"))


def test_a_total_that_would_be_rounded_raises() -> None:
    """:data:`money.EXACT` traps rounding: beyond its 40 digits a sum raises, never rounds."""
    with pytest.raises(decimal.Rounded):
        money.total([Decimal(10) ** money.PRECISION, Decimal(1)])
    assert money.total([]) == 0 and money.total([Decimal("0.10"), 2]) == Decimal("2.10")
    assert money.difference(Decimal("1.00"), Decimal("2.5")) == Decimal("-1.50")


def test_an_amount_is_checked_in_the_model_without_quantize() -> None:
    """``quantize`` past the context's precision raised InvalidOperation from the model."""
    with decimal.localcontext(decimal.Context(prec=3, traps=SIGNALS)):
        e = ExpectedPayment(reference="1", amount=Decimal("1234567.89"))
        assert e.amount == Decimal("1234567.89")
        with pytest.raises(ValueError, match="at most 2 decimal places"):
            ExpectedPayment(reference="1", amount=Decimal("1234567.891"))
