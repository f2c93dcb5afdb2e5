"""Properties of generated files, for random collections drawn by pse_recon.testing.

Every generated file, in every format and width, reads back to itself, adds up to
the payments it carries, reconciles against them without a difference and passes
strict validation.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.generator import Collection, GenerateError, generate
from pse_recon.model import PseState
from pse_recon.reconciliation import reconcile
from pse_recon.testing import banks, collections

#: (format, width) of every variant the generator writes.
VARIANTS = [
    ("asobancaria-1998", None),
    ("asobancaria-2001", None),
    ("asobancaria-2001", 150),
    ("andesco", None),
    ("pse-summary", None),
    ("pse-detail", None),
]

validate = getattr(pse_recon, "validate", None)
needs_validate = pytest.mark.skipif(validate is None, reason="pse_recon.validate has not landed yet")


@st.composite
def generated(draw: st.DrawFn, format: str, width: int | None) -> tuple[Collection, pse_recon.File]:
    """A collection and its file; for 1998 whole pesos and one authorizing bank."""
    if format == "asobancaria-1998":
        c = draw(collections(whole_pesos=True))
        approved = sorted({t.authorizing_bank.code for t in c.approved})
        bank = draw(st.sampled_from(approved)) if approved else draw(banks()).code
        return c, generate(format, c, width=width, authorizing_bank=bank)
    c = draw(collections())
    return c, generate(format, c, width=width)


def carried(format: str, c: Collection, f: pse_recon.File) -> list[Decimal]:
    """The amounts the file must carry: approved ones (of the header's bank in 1998)."""
    if format.startswith("pse-"):
        return [t.amount for t in c.transactions]
    bank = f.header.codigo_recaudo if format == "asobancaria-1998" else None
    return [t.amount for t in c.approved if bank is None or t.authorizing_bank.transit_code == bank]


@pytest.mark.parametrize(("format", "width"), VARIANTS)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reads_back_and_adds_up(format: str, width: int | None, data: st.DataObject) -> None:
    c, f = data.draw(generated(format, width))
    assert pse_recon.read(pse_recon.dumps(f), format, width=width) == f
    amounts = carried(format, c, f)
    assert f.total == sum(amounts, Decimal(0))
    if format == "pse-detail":
        assert len(f.lines) == len(c.transactions)
    elif format != "pse-summary":
        assert sorted(d.valor_recaudado for d in f.details) == sorted(amounts)


@pytest.mark.parametrize(("format", "width"), [v for v in VARIANTS if v[0] != "pse-summary"])
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reconciles_with_its_transactions(format: str, width: int | None, data: st.DataObject) -> None:
    c, f = data.draw(generated(format, width))
    bank = f.header.codigo_recaudo if format == "asobancaria-1998" else None
    expected = [t for t in c.approved if bank is None or t.authorizing_bank.transit_code == bank]
    result = reconcile(f, expected)
    assert result.ok, result
    approved = sum((t.amount for t in expected), Decimal(0))
    assert result.summary.matched_total == result.summary.expected_total == approved
    assert result.summary.matched_count == len(expected)


@needs_validate
@pytest.mark.parametrize(("format", "width"), VARIANTS)
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_passes_strict_validation(format: str, width: int | None, data: st.DataObject) -> None:
    assert validate is not None
    _, f = data.draw(generated(format, width))
    report = validate(pse_recon.dumps(f), format, strict=True)
    if not f.details:  # nothing approved: a file with no payments is suspicious
        empty = "PR209" if format.startswith(("pse", "asobancaria-1998")) else "PR208"
        assert [x.code for x in report.findings] == [empty]
        return
    assert report.valid, report.findings
    assert list(report.findings) == []  # not even a warning: banks are known ones


@settings(max_examples=40)
@given(collections(min_transactions=1, states=(PseState.APPROVED,)))
def test_centavos_never_rounded_in_1998(c: Collection) -> None:
    with_cents = [t for t in c.approved if t.amount != t.amount.to_integral_value()]
    banks_ = {t.authorizing_bank.code for t in c.approved}
    for bank in banks_:
        mine = [t for t in with_cents if t.authorizing_bank.code == bank]
        if mine:
            with pytest.raises(GenerateError) as caught:
                generate("asobancaria-1998", c, authorizing_bank=bank)
            assert caught.value.field == "valor_recaudado"
        else:
            generate("asobancaria-1998", c, authorizing_bank=bank)
