"""The fuzz harness inside ``python -m pytest``: hypothesis-driven mutation of the
seeds and of generated files through every property of :func:`harness.check`, and
tests of the harness itself (each property is seen to fail when the library breaks
it, so a quiet fuzz run means something).

The long runs are ``tests/fuzz/fuzz.py`` (docs/fuzzing.md).
"""

from __future__ import annotations

import io
import random
import sys
import time
from typing import Any

import attrs
import cli_harness
import harness
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.testing import file_bytes

SEEDS = harness.seeds()
NAMES = sorted(SEEDS)
MUTATOR = harness.Mutator([SEEDS[n] for n in NAMES])
KINDS = sorted(MUTATOR.kinds)
G2001 = SEEDS["golden/asobancaria-2001-162.txt"]

FUZZ = settings(max_examples=50, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def mutations() -> st.SearchStrategy[list[tuple[str, int]]]:
    """One to four mutations: a mutator's name and the seed of its random choices."""
    return st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2**32 - 1)), min_size=1, max_size=4)


def apply(data: bytes, steps: list[tuple[str, int]]) -> bytes:
    for kind, seed in steps:
        data = MUTATOR.kinds[kind](data, random.Random(seed))[: harness.MAX_SIZE]
    return data


# -- hypothesis-driven mutation ----------------------------------------------------------
def test_the_seeds_hold_every_property() -> None:
    assert any(n.startswith("golden/") for n in NAMES) and any(n.startswith("generated/") for n in NAMES)
    for name in NAMES:
        harness.check(SEEDS[name])


@FUZZ
@given(name=st.sampled_from(NAMES), steps=mutations())
def test_mutated_seeds_hold_every_property(name: str, steps: list[tuple[str, int]]) -> None:
    harness.check(apply(SEEDS[name], steps))


@pytest.mark.parametrize(("format", "width"), [
    (name, w) for name, fmt in sorted(pse_recon.FORMATS.items()) for w in (fmt.widths or (None,))
])
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_mutated_generated_files_hold_every_property(
    format: str, width: int | None, data: st.DataObject
) -> None:
    source = data.draw(file_bytes(format, width, max_details=5, max_lots=2, newline=data.draw(
        st.sampled_from(["\n", "\r\n"]))))
    harness.check(apply(source, data.draw(mutations())))


@FUZZ
@given(first=st.sampled_from(NAMES), second=st.sampled_from(NAMES), cut=st.integers(0, 10**6))
def test_spliced_files_hold_every_property(first: str, second: str, cut: int) -> None:
    """The head of one file (any format) and the tail of another."""
    a, b = SEEDS[first], SEEDS[second]
    harness.check(a[: cut % (len(a) + 1)] + b[cut % (len(b) + 1) :])


# -- the mutators -------------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
def test_each_mutator_is_deterministic_bounded_and_changes_something(kind: str) -> None:
    mutate = MUTATOR.kinds[kind]
    outputs = [mutate(G2001, random.Random(seed)) for seed in range(40)]
    assert outputs == [mutate(G2001, random.Random(seed)) for seed in range(40)]
    assert sum(out != G2001 for out in outputs) >= 20
    assert all(len(out) <= harness.MAX_SIZE for out in outputs)
    assert all(len(mutate(b"", random.Random(seed))) <= harness.MAX_SIZE for seed in range(10))


def test_field_mutators_write_inside_a_field_of_the_layout() -> None:
    """digit_to_letter changes one character, inside a field of the line's record."""
    for seed in range(50):
        out = MUTATOR.digit_letter(G2001, random.Random(seed))
        assert len(out) == len(G2001)
        diff = [i for i, (x, y) in enumerate(zip(G2001, out, strict=True)) if x != y]
        if not diff:
            continue  # the same character drawn
        assert len(diff) == 1


def test_long_lines_reach_past_the_cap() -> None:
    sizes = {max(map(len, MUTATOR.long_line(G2001, random.Random(s)).split(b"\n"))) for s in range(60)}
    assert max(sizes) > 10 * harness.MAX_LINE
    assert any(harness.MAX_LINE - 2 <= s <= harness.MAX_LINE + 2 for s in sizes)


# -- the harness sees what it must ------------------------------------------------------------
def test_an_uncaught_exception_escapes_check(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pse_recon.read

    def broken(source: Any, *args: Any, **kwargs: Any) -> Any:
        if source.endswith(b"!"):
            raise IndexError("string index out of range")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(pse_recon, "read", broken)
    harness.check(G2001)
    with pytest.raises(IndexError):
        harness.check(G2001 + b"!")


def test_a_read_error_without_findings_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        finding = pse_recon.Finding(1, 0, 0, None, None, "PR001", pse_recon.Severity.ERROR, "")
        error = pse_recon.ReadError([finding])
        error.findings = []
        raise error

    monkeypatch.setattr(pse_recon, "iter_records", broken)
    with pytest.raises(harness.PropertyViolation, match="without catalog findings"):
        harness.check(G2001)


def test_a_broken_round_trip_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pse_recon, "dumps", lambda f, **kw: b"")
    with pytest.raises(harness.PropertyViolation, match=r"dumps\(read\(b\)\) != b"):
        harness.check(G2001)


def test_validate_raising_escapes_check(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise TypeError("unsupported operand")

    monkeypatch.setattr(pse_recon, "validate", broken)
    with pytest.raises(TypeError):
        harness.check(G2001)


@pytest.mark.parametrize(("change", "message"), [
    (lambda f: attrs.evolve(f, line=99), "at line 99, the file has 10 lines"),
    (lambda f: attrs.evolve(f, code="PR999"), "unknown code PR999"),
    (lambda f: attrs.evolve(f, severity=pse_recon.Severity.WARNING), "has severity"),
])
def test_a_report_out_of_bounds_is_a_violation(
    monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    real = pse_recon.validate
    data = G2001.replace(b"0577", b"0X77", 1)  # an error at line 2 to be mangled

    def broken(*args: Any, **kwargs: Any) -> pse_recon.Report:
        report = real(*args, **kwargs)
        return attrs.evolve(report, findings=tuple(change(f) for f in report.findings))

    monkeypatch.setattr(pse_recon, "validate", broken)
    with pytest.raises(harness.PropertyViolation, match=message):
        harness.check(data)


def test_validate_valid_but_read_failing_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pse_recon.validate
    monkeypatch.setattr(pse_recon, "validate",
                        lambda *a, **k: attrs.evolve(real(*a, **k), findings=(), left_out_errors=0))
    with pytest.raises(harness.PropertyViolation, match="validate found no error but read raised"):
        harness.check(G2001.replace(b"0577", b"0X77", 1))


def test_a_slow_input_is_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(5)

    monkeypatch.setattr(pse_recon, "validate", slow)
    started = time.monotonic()
    with pytest.raises(harness.Hang):
        harness.check(G2001, time_limit=0.3)
    assert time.monotonic() - started < 3


def test_streaming_that_holds_the_input_is_a_blow_up(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pse_recon.validate

    def hoarding(source: Any, *args: Any, **kwargs: Any) -> Any:
        held = [bytearray(source) for _ in range(20)]  # 20 copies of a large input
        report = real(source, *args, **kwargs)
        del held
        return report

    big = G2001 * (harness.LARGE // len(G2001) + 1)
    harness.check_streaming_memory(big)
    monkeypatch.setattr(pse_recon, "validate", hoarding)
    with pytest.raises(harness.PropertyViolation, match="peaked"):
        harness.check_streaming_memory(big)



# -- the command line (cli_harness) -------------------------------------------------------------
CLI_SEEDS = cli_harness.seeds()
CLI_NAMES = sorted(CLI_SEEDS)
CLI_MUTATOR = harness.Mutator([CLI_SEEDS[n] for n in CLI_NAMES])
def test_the_cli_seeds_hold_every_property() -> None:
    assert {"archive/2001.gz", "archive/two.zip", "binary/nul"} <= set(CLI_NAMES)
    for name in CLI_NAMES:
        cli_harness.check(CLI_SEEDS[name])


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(CLI_NAMES), steps=mutations())
def test_mutated_seeds_hold_every_cli_property(name: str, steps: list[tuple[str, int]]) -> None:
    data = CLI_SEEDS[name]
    for kind, seed in steps:
        data = CLI_MUTATOR.kinds[kind](data, random.Random(seed))[: cli_harness.MAX_SIZE]
    cli_harness.check(data)


def test_compressed_seeds_hold_the_library_properties() -> None:
    for name in CLI_NAMES:
        if name.startswith(("archive/", "binary/")):
            harness.check(CLI_SEEDS[name])


def test_a_command_exiting_3_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    from pse_recon.cli import show

    monkeypatch.setattr(show, "disagreements", lambda file: 1 / 0)
    with pytest.raises(harness.PropertyViolation, match=r"show FILE \(stdout open\) exited 3: .*"
                       "ZeroDivisionError"):
        cli_harness.check(G2001)


def test_a_verdict_other_than_the_library_s_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    from pse_recon.cli import show

    bad = G2001.replace(b"\n08000000002", b"\n08000000003", 1)  # a lot count off by one
    assert bad != G2001
    monkeypatch.setattr(show, "run", lambda args, out: 0)  # a show that trusts every file
    cli_harness.check(G2001)
    with pytest.raises(harness.PropertyViolation,
                       match=r"^show FILE \(stdout open\) exited 0, the library's verdict is 1"):
        cli_harness.check(bad)


def test_a_broken_pipe_that_is_not_141_is_a_violation(monkeypatch: pytest.MonkeyPatch) -> None:
    from pse_recon.cli import validate

    real = validate.run

    def forgetting(args: Any, out: Any) -> int:
        """A validate that, its reader gone, carries on as if nothing happened."""
        status: int = real(args, out)
        try:
            out.flush()
        except BrokenPipeError:
            sys.stdout = io.StringIO()
        return status

    monkeypatch.setattr(validate, "run", forgetting)
    with pytest.raises(harness.PropertyViolation,
                       match=r"^validate FILE \(stdout broken\) exited 0, expected 141"):
        cli_harness.check(G2001)


def test_archives_read_differently_by_one_function_are_a_violation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pse_recon.iter_records
    monkeypatch.setattr(pse_recon, "iter_records", lambda source, *a, **k: real(
        source[:-1] if isinstance(source, bytes) else source, *a, **k))
    with pytest.raises(harness.PropertyViolation, match="iter_records of compressed input gave"):
        harness.check(CLI_SEEDS["archive/2001.gz"])
