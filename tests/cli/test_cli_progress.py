"""The progress line: after a second, at most five times a second, wiped at the end
of each phase; a pass over a stream watched by its position; never off a terminal."""

from __future__ import annotations

import io
import re
import time
from typing import Any

import pytest

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


def test_a_watched_pass_shows_the_share_of_the_stream_read(monkeypatch: Any) -> None:
    """The thread asks the stream its position (from where the content starts), and
    the line is wiped when the pass ends."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.001)
    out = io.StringIO()
    stream = io.BytesIO(b"#" * 100 + b"x" * 1000)
    stream.seek(100)
    line = progress.Line(out=out, enabled=True)
    with line.watched(stream, "pass 1/3, validating", start=100):
        assert re.match(r"\rpass 1/3, validating: 0 % \(\d+ s\)", out.getvalue())  # drawn as it starts
        stream.read(500)
        for _ in range(5000):  # the thread draws within milliseconds; never waits past 5 s
            if "validating: 50 %" in out.getvalue():
                break
            time.sleep(0.001)
        drawn = out.getvalue()
    last = re.findall(r"\rpass 1/3, validating: 50 % \(\d+ s\)", drawn)[-1]
    assert out.getvalue().endswith("\r" + " " * (len(last) - 1) + "\r")
    assert stream.tell() == 600  # looked at, never moved


def test_a_stream_that_cannot_say_where_it_is_shows_the_phase_alone(monkeypatch: Any) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)

    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

    out = io.StringIO()
    with progress.Line(out=out, enabled=True).watched(Pipe(), "pass 3/3, reading"):  # type: ignore[arg-type]
        assert out.getvalue() == "\rpass 3/3, reading (0 s)"


def test_off_a_terminal_no_thread_and_nothing_written() -> None:
    out = io.StringIO()
    line = progress.Line(out=out, enabled=False)
    with line.watched(io.BytesIO(b"x" * 10), "pass 1/3, validating"):
        import threading

        assert not any(t.name == "pse-recon progress" for t in threading.enumerate())
    assert list(line.counted(range(10_000), "records")) == list(range(10_000))
    assert out.getvalue() == ""


def test_show_on_a_pseudo_terminal_draws_its_three_passes(example: Any) -> None:
    """Standard error on a real (pseudo-)terminal: the line is drawn, phase by phase,
    and standard output, a pipe, holds none of it."""
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty")
    try:
        leader, follower = pty.openpty()
    except OSError as exc:  # pragma: no cover - a sandbox without ptys
        pytest.skip(f"no pseudo-terminal: {exc}")
    code = ("import sys\nfrom pse_recon.cli import main, progress\n"
            "progress.DELAY, progress.INTERVAL = 0.0, 1e6\nsys.exit(main(['show', sys.argv[1]]))")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(example)], stdout=subprocess.PIPE,
                              stderr=follower, env={**os.environ, "LC_ALL": "C", "LANG": "C"}, timeout=120)
        os.close(follower)
        err = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once read to its end
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(leader)
    assert done.returncode == 0 and b"\r" not in done.stdout
    draws = [d.split(b" (")[0] for d in err.split(b"\r") if d.strip()]
    assert draws == [b"pass 1/3, validating: 0 %", b"pass 2/3, checking: 0 %", b"pass 3/3, reading: 0 %"]
