"""The input-loader fuzz target inside ``python -m pytest``: hypothesis-driven
mutation of its seeds through every property of :func:`inputs_harness.check`, and
tests of the target itself (each property is seen to fail when the library breaks
it). The long runs are ``tests/fuzz/fuzz.py --target inputs`` (docs/fuzzing.md).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import inputs_harness
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.generator import inputs
from pse_recon.reconciliation import expected as expected_module

SEEDS = inputs_harness.seeds()
NAMES = sorted(SEEDS)
MUTATOR = inputs_harness.Mutator([SEEDS[n] for n in NAMES])
KINDS = sorted(MUTATOR.kinds)
TRANSACTIONS = SEEDS["examples/transactions.csv"]
EXPECTED = SEEDS["examples/expected.json"]


def test_the_seeds_hold_every_property() -> None:
    assert any(n.startswith("examples/") for n in NAMES) and any(n.startswith("hostile/") for n in NAMES)
    for name in NAMES:
        inputs_harness.check(SEEDS[name])


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(NAMES),
       steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2**32 - 1)), min_size=1, max_size=3))
def test_mutated_inputs_hold_every_property(name: str, steps: list[tuple[str, int]]) -> None:
    data = SEEDS[name]
    for kind, seed in steps:
        data = MUTATOR.kinds[kind](data, random.Random(seed))[: inputs_harness.MAX_SIZE]
    inputs_harness.check(data)


@pytest.mark.parametrize("kind", KINDS)
def test_each_mutator_is_deterministic_bounded_and_changes_something(kind: str) -> None:
    mutate = MUTATOR.kinds[kind]
    for seed_name in ("examples/transactions.csv", "examples/transactions.json"):
        data = SEEDS[seed_name]
        outputs = [mutate(data, random.Random(seed))[: inputs_harness.MAX_SIZE] for seed in range(20)]
        assert outputs == [mutate(data, random.Random(seed))[: inputs_harness.MAX_SIZE] for seed in range(20)]
        if kind.startswith("json") and seed_name.endswith(".csv"):
            continue  # JSON mutators find no JSON in a CSV file
        if kind.startswith(("column", "row", "delimiter", "cell")) and seed_name.endswith(".json"):
            continue  # CSV mutators act on JSON as on text, which may change nothing
        assert sum(out != data for out in outputs) >= 10, seed_name
    assert all(len(mutate(b"", random.Random(seed))) <= inputs_harness.MAX_SIZE for seed in range(10))


def test_the_context_of_an_input_is_drawn_from_its_bytes() -> None:
    first, second = inputs_harness.context_for(TRANSACTIONS), inputs_harness.context_for(TRANSACTIONS)
    assert (first.prec, first.rounding, first.Emax) == (second.prec, second.rounding, second.Emax)
    precisions = {inputs_harness.context_for(bytes([i])).prec for i in range(200)}
    assert min(precisions) < 6 and max(precisions) > 20


# -- the target sees what it must ---------------------------------------------------------
def test_an_exception_other_than_input_error_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(value: object) -> Decimal:
        raise TypeError("unsupported operand")

    monkeypatch.setattr(inputs, "parse_amount", broken)
    monkeypatch.setattr(expected_module, "parse_amount", broken)
    with pytest.raises(TypeError, match="unsupported operand"):
        inputs_harness.check(EXPECTED)


def test_money_changed_by_the_context_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = expected_module.parse_amount

    def rounding(value: object) -> Decimal:
        return +real(value)  # unary plus rounds to the caller's context

    monkeypatch.setattr(expected_module, "parse_amount", rounding)
    def rounds_quietly(data: bytes) -> bool:
        ctx = inputs_harness.context_for(data)
        return ctx.prec < 7 and not any(ctx.traps[s] for s in inputs_harness.SIGNALS)

    # the example with trailing blanks (the same JSON), under a context that rounds
    # 18000.00 (and 225000.00) without raising
    data = next(d for d in (EXPECTED + b" " * n for n in range(20_000)) if rounds_quietly(d))
    with pytest.raises(inputs_harness.PropertyViolation, match=r"load_expected\(input.json\): under Context"):
        inputs_harness.check(data)


def test_a_generated_file_that_does_not_validate_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pse_recon.dumps

    def truncating(file: Any, **kwargs: Any) -> bytes:
        return real(file, **kwargs)[:-2]

    monkeypatch.setattr(pse_recon, "dumps", truncating)
    with pytest.raises(inputs_harness.PropertyViolation, match="does not validate strict"):
        inputs_harness.check(TRANSACTIONS)


@pytest.mark.parametrize("status", [3, 0, 5])
def test_a_status_other_than_the_library_says_is_a_violation(
    monkeypatch: pytest.MonkeyPatch, status: int
) -> None:
    """The example's expected payments do not all match: reconcile must exit 5, and
    generate, their JSON not being transactions, 4."""
    monkeypatch.setattr(inputs_harness, "main", lambda argv: status)
    with pytest.raises(inputs_harness.PropertyViolation, match=f"exited {status}, the library says"):
        inputs_harness.check(EXPECTED)
