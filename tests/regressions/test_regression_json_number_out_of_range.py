"""Regression (found by the input-loader fuzzer, tests/fuzz/inputs_harness.py): a JSON
number whose exponent ``Decimal`` cannot hold.

``json.loads(..., parse_float=Decimal)`` built ``Decimal("1e99999999999999999999")``
in the caller's decimal context: ``decimal.InvalidOperation`` escaped the loaders
(``generate`` and ``reconcile`` exited 3), or, in a context that does not trap it,
the amount silently became NaN (and another error was reported): the outcome
depended on the context. Now the number is refused with its line and column,
in any context.
"""

from __future__ import annotations

import decimal
from pathlib import Path

import pytest

from pse_recon.cli import main
from pse_recon.cli.common import EXIT_UNREADABLE
from pse_recon.generator.inputs import InputError
from pse_recon.reconciliation import load_expected

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("traps", [[decimal.InvalidOperation], []])
def test_a_number_out_of_range_is_an_input_error_in_any_context(tmp_path: Path, traps: list[type]) -> None:
    path = tmp_path / "e.json"
    path.write_text('[{"reference": "1",\n  "amount": 1e99999999999999999999}]', encoding="utf-8")
    with decimal.localcontext(decimal.Context(traps=traps)):
        with pytest.raises(InputError) as caught:
            load_expected(path)
        assert (caught.value.where, caught.value.reason) == (
            f"{path}, line 2, column 13", "number 1e99999999999999999999 is out of range")
        status = main(["reconcile", str(EXAMPLES / "recaudo-2001.txt"), "--expected", str(path)])
        assert status == EXIT_UNREADABLE


def test_a_long_number_out_of_range_is_shown_cut(tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(f'[{{"reference": "1", "amount": {"9" * 60}e{"9" * 30}}}]', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_expected(path)
    assert caught.value.reason == f"number {'9' * 20}…{'9' * 10} (91 characters) is out of range"
