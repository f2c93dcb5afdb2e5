"""The benchmark script runs, and its yardsticks do the work they stand for.

``benchmarks/bench.py`` is not timed here (machines are noisy; the figures are in
docs/performance.md): this only keeps it working, and checks that the hand-written
reader it compares ``read`` with produces the same values as ``read``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pse_recon

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_handwritten_pse_reader_types_what_read_types(tmp_path: Path) -> None:
    bench = _bench()
    path = tmp_path / "pse-detail.txt"
    bench.make_file("pse-detail", 300, path)
    f = pse_recon.read(path, "pse-detail")
    typed = [r for r in bench.handwritten_pse_read(path) if not isinstance(r, bytes)]
    assert len(typed) == len(f.lines) == 300
    for mine, theirs in zip(typed, f.lines, strict=True):
        assert {name: getattr(mine, name) for name in theirs.values()} == theirs.values()
        assert (mine.line, mine.raw) == (theirs.line, theirs.raw)


def test_the_benchmark_runs_every_measure(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--details", "500", "--repeat", "1", "--no-pandas",
         "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for fmt in ("asobancaria-2001", "andesco", "pse-detail", "pse-summary", "asobancaria-1998"):
        assert f"\n{fmt}: writing" in done.stdout
    for measure in ("(a) bare line iteration", "(b) hand-written 2001 validation loop",
                    "(c) pse_recon.validate", "(d0) hand-written typed read", "(d) pse_recon.read",
                    "(e) pse_recon.dumps", "(c)/(b) time ratio", "(d)/(d0) time ratio",
                    "pse-recon validate",
                    "reconcile: 500 payments and 500 expectations, all of one reference",
                    "(r) pse_recon.reconcile, one reference",
                    "pse-recon generate        500 transactions",
                    "pse-recon reconcile       500 transactions",
                    "pse-recon reconcile peak RSS"):
        assert measure in done.stdout, measure


def test_the_reconcile_row_pairs_one_reference_as_constructed() -> None:
    """700 payments of 1000-1006 pesos (100 of each), 700 expectations of 1000-1004
    (140 of each): 500 match, the 200 of 1005 and 1006 take the 200 left."""
    f, expected = _bench().one_reference(700)
    s = pse_recon.reconcile(f, expected).summary
    assert (s.paid_count, s.expected_count) == (700, 700)
    assert (s.matched_count, s.amount_differs_count, s.missing_count, s.duplicate_count) == (500, 200, 0, 0)
