"""The progress line: after a second, at most five times a second, wiped at the end;
never off a terminal."""

from __future__ import annotations

import io
from typing import Any

from pse_recon.cli import progress


def clock(step: float) -> Any:
    now = [0.0]

    def tick() -> float:
        now[0] += step
        return now[0]

    return tick


def test_nothing_before_a_second_or_off_a_terminal() -> None:
    out = io.StringIO()
    assert list(progress.tracked(range(100_000), "records", out=out, enabled=True, clock=clock(1e-6))) \
        == list(range(100_000))
    assert out.getvalue() == ""  # the work took a fraction of a second
    out = io.StringIO()
    assert len(list(progress.tracked(range(100_000), "records", out=out, enabled=False,
                                     clock=clock(1.0)))) == 100_000
    assert out.getvalue() == ""


def test_the_line_is_redrawn_in_place_then_wiped() -> None:
    out = io.StringIO()
    items = list(progress.tracked(range(3 * progress.EVERY), "records", out=out, enabled=True,
                                  clock=clock(0.7)))
    assert items == list(range(3 * progress.EVERY))
    text = out.getvalue()
    draws = [part for part in text.split("\r") if part.strip()]
    assert draws == [f"records: {2 * progress.EVERY:,} (1 s)", f"records: {3 * progress.EVERY:,} (2 s)"]
    assert text.endswith("\r" + " " * len(draws[-1]) + "\r")


def test_commands_in_a_pipe_print_no_progress(run: Any, example: Any) -> None:
    r = run("show", example)
    assert (r.code, r.err) == (0, "")
    assert "\r" not in r.out
