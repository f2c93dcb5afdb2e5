"""Regression (adversarial test, issue 11): the caller's decimal context rounded totals.

Money was summed, scaled and checked with the thread's decimal context. Under
``decimal.getcontext().prec = 6``: ``read().total`` and ``validate().summary.total``
were ``1.51445E+6`` for the example's 1514450.50; ``generate`` wrote rounded control
totals, which its own validator then reported (PR302); ``Reconciliation.summary``
depended on the context at the time it was read; with the ``Inexact`` trap set,
``validate`` of a file with big amounts raised. (tests/test_money_context.py runs
everything under random contexts; these are the cases as reported.)
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from pathlib import Path

import pse_recon
from pse_recon.generator.inputs import load_collection

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = (EXAMPLES / "recaudo-2001.txt").read_bytes()


def test_totals_under_six_digits_of_precision() -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 6
        assert str(pse_recon.read(EXAMPLE).total) == "1514450.50"
        assert str(pse_recon.validate(EXAMPLE).summary.total) == "1514450.50"
        collection = load_collection(EXAMPLES / "transactions.csv")
        generated = pse_recon.dumps(pse_recon.generate("asobancaria-2001", collection))
        report = pse_recon.validate(generated, strict=True)
        assert report.valid and report.findings == ()
        assert str(pse_recon.read(generated).total) == "414651.25"


def test_a_summary_does_not_depend_on_the_context_it_is_read_in() -> None:
    result = pse_recon.reconcile(EXAMPLE, EXAMPLES / "expected.csv")
    at_default = result.summary
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_DOWN
        assert result.summary == at_default
        assert str(result.summary.paid_total) == "1514450.50"
        # 21053 was paid 85400.00 and expected for 18000.00 (3 digits would say 6.74E+4)
        assert [str(i.difference) for i in result.items if i.difference is not None] == ["67400.00"]


def test_validate_under_the_inexact_trap() -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 10
        ctx.traps[decimal.Inexact] = True
        ctx.traps[decimal.Rounded] = True
        report = pse_recon.validate(EXAMPLE)
        assert report.valid and report.summary.total == Decimal("1514450.50")
