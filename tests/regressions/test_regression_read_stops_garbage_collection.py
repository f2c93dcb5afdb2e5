"""Regression (found by the fuzzer, as a steady growth of its RSS): reading kept the
program's cyclic garbage from ever being collected.

``read`` (and ``build``) pause the cyclic collector while records pile up, then
``gc.freeze()`` + ``gc.unfreeze()`` to move what was made to the oldest generation.
That moved *everything* young, the caller's garbage included, where no automatic
collection reached it (and reset the count that triggers young collections): a
program calling ``read`` in a loop and making one reference cycle per call grew
without bound until an explicit ``gc.collect()``. The fuzzer, which keeps a
``ReadError`` in a local (a cycle through its traceback), grew by ~0.4 MB an input.

The garbage a loop leaves behind must stay bounded by the collector's own young
thresholds, not grow with the number of calls.
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pse_recon

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CALLS = 3000


class Junk:
    """One object in a reference cycle: freed only by the cyclic collector."""

    def __init__(self) -> None:
        self.me = self


def _alive_after_loop(work: object) -> int:
    gc.collect()
    refs = []
    for _ in range(CALLS):
        junk = Junk()
        refs.append(weakref.ref(junk))
        del junk
        work()  # type: ignore[operator]
    return sum(r() is not None for r in refs)


def test_a_loop_of_reads_lets_the_collector_free_its_garbage() -> None:
    assert gc.isenabled()
    data = (GOLDEN / "asobancaria-2001-162.txt").read_bytes()
    alive = _alive_after_loop(lambda: pse_recon.read(data))
    # With collections running normally, a cycle lives until the next young
    # collection: a few hundred at most, whatever CALLS is. Before the fix: all.
    assert alive < CALLS // 4, f"{alive} of {CALLS} cycles never collected"


def test_a_loop_of_failing_reads_lets_the_collector_free_its_garbage() -> None:
    data = (GOLDEN / "asobancaria-1998.txt").read_bytes().replace(b"0200", b"02X0", 1)

    def failing() -> None:
        try:
            pse_recon.read(data)
        except pse_recon.ReadError:
            pass
        else:
            raise AssertionError("the broken file read")

    alive = _alive_after_loop(failing)
    assert alive < CALLS // 4, f"{alive} of {CALLS} cycles never collected"


def test_reading_leaves_the_collector_enabled() -> None:
    data = (GOLDEN / "pse-detail.txt").read_bytes()
    pse_recon.read(data)
    assert gc.isenabled()
    gc.disable()
    try:
        pse_recon.read(data)
        assert not gc.isenabled()
    finally:
        gc.enable()
