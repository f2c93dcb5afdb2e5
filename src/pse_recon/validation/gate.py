"""The profile gate: the checks a profile turns on that the fast paths cannot make,
made on a block of lines at C speed before the fast paths see it.

PR116 (an obligatory field blank or all zeros) and PR117 (text not left-aligned) are
not a digit run or a set lookup, so the scanner and the bulk checker
(:mod:`pse_recon.compile`) accept such a detail silently. Rather than send every
detail the exact way when one of them is on (some 15 times slower), a block of lines
goes through this gate first; a block that holds a line breaking them goes the exact
way, line by line, the others the fast ways as ever. Off, the checks cost nothing:
there is no gate.

* PR116: the field's slices of the block (one ``map`` of a slice getter) share no
  value with its blank and all-zeros texts (one set test).
* PR117: in a block of good-width lines, the field's columns are strided slices of
  the block joined: when no line has a blank in the field's first column, nothing
  more; else each column's non-blank bytes, as a bit mask over the lines, are or-ed
  and met with the first column's blanks. Other blocks are tested line by line.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence

from pse_recon.compile.plan import FormatPlan

#: One byte per line: 1 where the byte is not a blank, 0 where it is (and the reverse).
_NONBLANK = bytes(0 if i == 32 else 1 for i in range(256))
_BLANK = bytes(1 if i == 32 else 0 for i in range(256))

Test = Callable[[Sequence[bytes], bytes | None, int], bool]


class Gate:
    """Whether a block of lines may go the fast ways under the detail's profile checks."""

    def __init__(self, plan: FormatPlan) -> None:
        self.w1 = plan.w1
        self.tests: list[Test] = []
        for fp in plan.detail.fields:
            f = fp.field
            if "PR116" in fp.profile:
                self.tests.append(_none_of({b"0" * f.length, b" " * f.length}, f.start - 1, f.end))
            if "PR117" in fp.profile:
                self.tests.append(_aligned(f.start - 1, f.end))

    def clean(self, block: Sequence[bytes]) -> bool:
        joined = b"".join(block)
        uniform = len(joined) == self.w1 * len(block)  # else lines of other widths: no columns
        return all(test(block, joined if uniform else None, self.w1) for test in self.tests)


def gate_for(plan: FormatPlan) -> Gate | None:
    """The gate of a format plan, or None when no profile check of its detail needs one."""
    return Gate(plan) if plan.detail.exact_only else None


def _none_of(bad: set[bytes], a: int, b: int) -> Test:
    getter = operator.itemgetter(slice(a, b))
    return lambda block, joined, w: bad.isdisjoint(map(getter, block))


def _aligned(a: int, b: int) -> Test:
    def test(block: Sequence[bytes], joined: bytes | None, w: int) -> bool:
        if joined is None:
            return not any(line[a : a + 1] == b" " and line[a:b].strip(b" ") for line in block)
        first = joined[a::w]
        if b" " not in first:
            return True
        rest = 0
        for column in range(a + 1, b):
            rest |= int.from_bytes(joined[column::w].translate(_NONBLANK), "big")
        return not int.from_bytes(first.translate(_BLANK), "big") & rest

    return test
