"""What every structure machine offers the validator, and the :class:`Scope` the
machines count details in and hand to the fast paths."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pse_recon.compile.plan import FormatPlan, RecordPlan, computed_roles
from pse_recon.declaration import Count, Field, LotNumber, Sum
from pse_recon.money import from_units
from pse_recon.reporting import Emitter
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Summary

Values = dict[str, Any]

#: Keys a run remembers at most (once-per-code findings, a bank and state's lines), so
#: memory stays flat whatever the input.
ONCE_CAP = 10000


def money(units: int, decimals: int) -> Decimal:
    """Exact whatever the caller's decimal context (which may round or trap)."""
    return from_units(units, decimals)


class Scope:
    """The details a control is checked against (a lot, a file, a PSE state): their
    ``tally`` (``[count, sum 0, sum 1, …]``, sums in units of each summed field's
    last decimal place), the first line that leaves each unverified (``unverified``,
    in the same order: an unreadable line, a field that could not be read), and the
    ``sequence`` number the next detail must have.

    The fast paths update ``tally`` and ``sequence`` in place. In formats summed per
    state, the scope the fast paths get is the body's, whose ``keyed`` maps each
    state's bytes to that state's tally.
    """

    __slots__ = ("keyed", "sequence", "tally", "unverified")

    def __init__(self, sums: int, sequence: int = 0, keyed: dict[bytes, list[int]] | None = None) -> None:
        self.tally = [0] * (sums + 1)
        self.unverified: list[int | None] = [None] * (sums + 1)
        self.sequence = sequence
        self.keyed = keyed

    @property
    def count(self) -> int:
        return self.tally[0]

    def add(self, n: int, values: Iterable[int | None], unverified: list[int | None] | None = None) -> None:
        """Count line ``n`` with its summed ``values`` (None: unreadable, which leaves
        that sum unverified here and in ``unverified``, when given)."""
        self.tally[0] += 1
        for i, x in enumerate(values, 1):
            if x is None:
                for bad in (self.unverified, unverified):
                    if bad is not None and bad[i] is None:
                        bad[i] = n
            else:
                self.tally[i] += x

    def blame(self, n: int) -> None:
        """Line ``n`` may have belonged here: nothing here is verified from it on."""
        for i, b in enumerate(self.unverified):
            if b is None:
                self.unverified[i] = n

    def fold_into(self, other: Scope) -> None:
        """Add this scope to ``other`` and empty it (its sequence goes on)."""
        other.tally = [a + b for a, b in zip(other.tally, self.tally, strict=True)]
        other.unverified = [a if a is not None else b
                            for a, b in zip(other.unverified, self.unverified, strict=True)]
        self.tally = [0] * len(self.tally)
        self.unverified = [None] * len(self.unverified)


START, BODY, LOT, TOTALS, END = range(5)


class Machine:
    """What every structure machine offers the validator."""

    unreadable_since = False

    def __init__(self, plan: FormatPlan, out: Emitter) -> None:
        self.plan = plan
        self.out = out
        self.phase = START
        self.header_line = 0
        self.quiet = 0  # a line whose out-of-place finding is already given (PR201)
        self.summed = plan.summed
        self.index = {f.name: i for i, f in enumerate(plan.summed)}

    def fast_scope(self) -> Scope | None:
        """The scope good details are counted in now, by the fast paths; None when
        the structure wants every line on the exact path."""
        raise NotImplementedError

    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        raise NotImplementedError

    def unreadable(self, n: int) -> None:
        raise NotImplementedError

    def end(self, last: int) -> None:
        raise NotImplementedError

    def summary(self) -> Summary:
        raise NotImplementedError

    @implements("PR201")
    def _first(self, n: int, code: str, header: str) -> bool:
        """The first record (phase START): True when it is the ``header``, and then
        there is nothing more to check of it; else PR201, unless the line before
        could not be read (it may have been the header: no cascade)."""
        self.phase = BODY
        if code == header:
            self.header_line = n
            self.unreadable_since = False
            return True
        if not self.unreadable_since:
            self.out.emit("PR201", n, record=code, header=header)
            self.quiet = n
        return False

    def sums_of(self, vals: Values) -> list[int | None]:
        return [vals.get(f.name) for f in self.summed]

    @implements("PR301", "PR302", "PR304", "PR306")
    def compare(
        self,
        n: int,
        plan: RecordPlan,
        vals: Values,
        scope: Scope,
        lot_number: tuple[int, int | None] | None = None,
    ) -> None:
        """Check a control's computed fields against ``scope``."""
        unverified: list[str] = []
        cause: int | None = None
        code = plan.code
        bad = scope.unverified
        for f, role in computed_roles(plan.layout):
            declared = vals.get(f.name)
            if isinstance(role, Count):
                if bad[0] is not None:
                    unverified.append(f.name)
                    cause = cause or bad[0]
                elif declared is not None and declared != scope.count:
                    self.out.emit("PR301", n, record=code, field=f, text=str(declared),
                                  declared=declared, actual=scope.count)
            elif isinstance(role, Sum):
                i = self.index[role.field]
                blame = bad[0] if bad[0] is not None else bad[i + 1]
                if blame is not None:
                    unverified.append(f.name)
                    cause = cause or blame
                    continue
                if declared is not None:
                    self._sum(n, code, f, declared, scope.tally[i + 1], self.summed[i], role)
            elif isinstance(role, LotNumber) and lot_number is not None:
                header_line, expected = lot_number
                if declared is not None and expected is not None and declared != expected:
                    self.out.emit("PR304", n, record=code, field=f, text=str(declared),
                                  found=declared, expected=expected, header_line=header_line)
        if unverified:
            self.out.emit("PR306", n, record=code, fields=", ".join(unverified), cause=cause)

    def _sum(self, n: int, code: str, f: Field, declared: int, actual: int, source: Field,
             role: Sum) -> None:
        dc, dd = f.decimals, source.decimals
        top = max(dc, dd)
        if declared * 10 ** (top - dc) != actual * 10 ** (top - dd):
            self.out.emit("PR302", n, record=code, field=f, text=str(money(declared, dc)),
                          declared=money(declared, dc), actual=money(actual, dd), source=role.field)


def advance(
    expected: int, alt: int | None, free: bool, found: int | None
) -> tuple[int, int | None, int | None]:
    """One step of a running number (a sequence, lot numbers): ``(next, alt, wrong)``.

    ``wrong`` is the number that was expected when ``found`` is not it, else None.
    After a wrong number both continuations are accepted once: the expected one
    (a single corrupted value: 2, 9, 4) and the one after the number found (a
    skipped or repeated record: 2, 4, 5), so neither is reported twice. ``free``
    takes ``found`` as given (after an unreadable line); an unreadable number
    (None) is taken to be the expected one.
    """
    if found is None:
        return expected + 1, None if alt is None else alt + 1, None
    if free or found in (expected, alt):
        return found + 1, None, None
    return expected + 1, found + 1, expected
