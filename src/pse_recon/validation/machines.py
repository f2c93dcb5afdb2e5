"""The structure machines: one small state machine per kind of structure
(:mod:`pse_recon.declaration.structures`), checking order, lot numbers, sequences,
counts and totals.

The exact path (:mod:`.engine`) hands each record's values to the machine; the
fast paths (the scanner and the bulk checker) count and sum good details straight
into a :class:`Scope`, which the machine owns and gives them as an argument
(:meth:`Machine.fast_scope`): nothing reaches into a machine by name.

No cascades: a line that cannot be read at all (unknown type, wider than the cap)
is reported once; the counts and totals it might belong to are then reported as
not verified (PR306, a warning) instead of as wrong, the next sequence number and
lot number are taken as given, and a lot or file left without its control right
after such a line is not reported again (the unreadable line may have been it).
A field that is wrong is reported once; the totals that needed it are not verified.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pse_recon.compile.plan import FormatPlan, RecordPlan, computed_roles
from pse_recon.declaration import Count, Field, LotNumber, LotStructure, StateStructure, Sum
from pse_recon.money import from_units
from pse_recon.reporting import Emitter
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Summary

#: Keys a machine remembers at most (memory stays flat whatever the input).
ONCE_CAP = 10000

Values = dict[str, Any]


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


class ScopedMachine(Machine):
    """Header, details in scopes (lots, or the whole file), control records:
    Asobancaria 2001 and Andesco (:class:`LotStructure`), 1998 (:class:`FlatStructure`)."""

    def __init__(self, plan: FormatPlan, out: Emitter) -> None:
        super().__init__(plan, out)
        s = plan.fmt.structure
        assert not isinstance(s, StateStructure)
        self.lotted = isinstance(s, LotStructure)
        self.header, self.detail, self.control = s.header, s.detail, s.control
        self.lot_header = s.lot_header if isinstance(s, LotStructure) else ""
        self.lot_control = s.lot_control if isinstance(s, LotStructure) else ""
        k = len(self.summed)
        self.seq = plan.sequence
        #: The current scope (a lot; the file in flat formats), and the file's in lot
        #: formats (closed lots and details outside lots).
        self.scope = Scope(k, self.seq[1].start if self.seq is not None else 0)
        self.file = Scope(k)
        self.q_alt: int | None = None
        self.resync_seq = False
        self.lots = 0
        self.next_lot = 1
        self.lot_alt: int | None = None
        self.resync_lot = False
        self.lot_header_no: int | None = None
        self.header_line = 0
        self.opened = 0
        self.closed = 0
        self.after_end = False
        self.quiet = 0  # a line whose out-of-place finding is already given (PR201)
        #: An unreadable line between lots, not yet counted against the file's totals:
        #: it may have been the lot header the next line calls for.
        self.unread_at: int | None = None

    def fast_scope(self) -> Scope | None:
        fast = self.phase == (LOT if self.lotted else BODY) and not self.resync_seq and self.q_alt is None
        return self.scope if fast else None

    # -- scopes -----------------------------------------------------------------
    def _fold(self) -> None:
        """Close the current lot into the file scope."""
        self.scope.fold_into(self.file)

    def _file_scope(self) -> Scope:
        return self.file if self.lotted else self.scope

    def summary(self) -> Summary:
        tally = self._file_scope().tally
        if self.lotted and self.phase == LOT:
            tally = [a + b for a, b in zip(tally, self.scope.tally, strict=True)]
        return Summary(self.lots, tally[0], money(tally[1], self.summed[0].decimals))

    # -- records ----------------------------------------------------------------
    @implements("PR201", "PR202", "PR203", "PR204", "PR207")
    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        code = plan.code
        if self.unread_at is not None:
            if code in (self.detail, self.lot_control) and self.phase == BODY:
                self._open_unread()  # no cascade: the unreadable line was this lot's header
            else:
                self.file.blame(self.unread_at)
            self.unread_at = None
        if self.phase == START:
            self.phase = BODY
            if code == self.header:
                self.header_line = n
                self.unreadable_since = False
                return
            if not self.unreadable_since:
                self.out.emit("PR201", n, record=code, header=self.header)
                self.quiet = n
        if self.phase == END:
            if not self.after_end:
                self.after_end = True
                self.out.emit("PR204", n, record=code, closing=self.control, closed=self.closed)
            return
        if code == self.detail:
            if self.phase == LOT or not self.lotted:
                self._detail(n, vals)
            else:
                self._misplaced(n, code, f"{self.lot_header}/{self.control}")
                self.file.add(n, self.sums_of(vals))
            return
        if code == self.header:
            expected = f"{self.detail}/{self.lot_control}" if self.phase == LOT else (
                f"{self.lot_header}/{self.control}" if self.lotted else f"{self.detail}/{self.control}"
            )
            self._misplaced(n, code, expected)
            return
        unreadable, self.unreadable_since = self.unreadable_since, False
        if code == self.lot_header:
            if self.phase == LOT:
                self._left_open(n, code, unreadable)
            self._open_lot(n, plan, vals)
        elif code == self.lot_control:
            if self.phase != LOT:
                self._misplaced(n, code, f"{self.lot_header}/{self.control}")
                return
            if self.scope.count == 0 and self.scope.unverified[0] is None and not unreadable:
                self.out.emit("PR207", n, record=code, opened=self.opened)
            self.compare(n, plan, vals, self.scope, (self.opened, self.lot_header_no))
            self._fold()
            self.phase = BODY
        elif code == self.control:
            if self.phase == LOT:
                self._left_open(n, code, unreadable)
            scope = self._file_scope()
            self._empty_file(n, code, scope, unreadable)
            self.compare(n, plan, vals, scope)
            self.phase = END
            self.closed = n

    @implements("PR208", "PR209")
    def _empty_file(self, n: int, code: str, scope: Scope, unreadable: bool) -> None:
        """A file closed with nothing in it: no lots (lot formats), no details (flat)."""
        if unreadable or scope.unverified[0] is not None:
            return
        if self.lotted and self.lots == 0:
            self.out.emit("PR208", n, record=code, closed=n)
        elif not self.lotted and scope.count == 0:
            self.out.emit("PR209", n, record=code, detail=self.detail)

    def _open_unread(self) -> None:
        """A lot opened by the unreadable line before it (a lot header whose type could
        not be read): its number and the sequence are taken as they come."""
        assert self.unread_at is not None
        self.lots += 1
        self.phase = LOT
        self.opened = self.unread_at
        self.lot_header_no = None
        self.resync_lot = True
        if self.seq is not None and self.seq[1].per_lot:
            self.scope.sequence = self.seq[1].start
            self.q_alt = None
            self.resync_seq = True

    def _misplaced(self, n: int, code: str, expected: str) -> None:
        if n != self.quiet:
            self.out.emit("PR202", n, record=code, expected=expected)

    def _left_open(self, n: int, code: str, unreadable: bool) -> None:
        if not unreadable:
            self.out.emit("PR203", n, record=code, opener=self.lot_header,
                          opened=self.opened, missing=self.lot_control)
        self._fold()
        self.phase = BODY

    @implements("PR303")
    def _open_lot(self, n: int, plan: RecordPlan, vals: Values) -> None:
        self.lots += 1
        self.phase = LOT
        self.opened = n
        self.lot_header_no = None
        for f, role in computed_roles(plan.layout):
            if not isinstance(role, LotNumber):
                continue
            found = vals.get(f.name)
            self.lot_header_no = found
            self.next_lot, self.lot_alt, wrong = advance(
                self.next_lot, self.lot_alt, self.resync_lot, found
            )
            if wrong is not None:
                self.out.emit("PR303", n, record=plan.code, field=f, text=str(found),
                              found=found, expected=wrong)
        self.resync_lot = False
        if self.seq is not None and self.seq[1].per_lot:
            self.scope.sequence = self.seq[1].start
            self.q_alt = None
            self.resync_seq = False

    @implements("PR305")
    def _detail(self, n: int, vals: Values) -> None:
        self.scope.add(n, self.sums_of(vals))
        if self.seq is None:
            return
        f = self.seq[0]
        found = vals.get(f.name)
        self.scope.sequence, self.q_alt, wrong = advance(
            self.scope.sequence, self.q_alt, self.resync_seq, found
        )
        if found is not None:
            self.resync_seq = False
        if wrong is not None:
            self.out.emit("PR305", n, record=self.detail, field=f, text=str(found),
                          found=found, expected=wrong)

    def unreadable(self, n: int) -> None:
        self.unreadable_since = True
        if self.phase in (START, END):
            return
        if self.phase == BODY and self.lotted:  # between lots: what was it? (record)
            if self.unread_at is not None:
                self.file.blame(self.unread_at)
            self.unread_at = n
        else:
            (self.scope if (self.phase == LOT or not self.lotted) else self.file).blame(n)
        self.resync_seq = True
        self.resync_lot = True

    @implements("PR203")
    def end(self, last: int) -> None:
        if self.phase == START or self.phase == END or self.unreadable_since:
            return
        if self.phase == LOT:
            missing = f"{self.lot_control}/{self.control}"
            self.out.emit("PR203", last, opener=self.lot_header, opened=self.opened, missing=missing)
        else:
            self.out.emit("PR203", last, opener=self.header, opened=self.header_line,
                          missing=self.control)


class StateMachine(Machine):
    """PSE: header, type-2 lines, type-3 totals per state (and a grand total)."""

    def __init__(self, plan: FormatPlan, out: Emitter) -> None:
        super().__init__(plan, out)
        s = plan.fmt.structure
        assert isinstance(s, StateStructure)
        self.s = s
        k = len(self.summed)
        self.states = {state.encode("latin-1"): Scope(k) for state in s.states}
        #: Lines whose state cannot be read: in the grand total only. Its unverified
        #: causes are the grand total's (every line's).
        self.other = Scope(k)
        #: The type-2 lines, by state: what the fast paths count in.
        self.body = Scope(k, keyed={key: scope.tally for key, scope in self.states.items()})
        self.states_bad: int | None = None
        self.seen: dict[str, int] = {}
        self.header_line = 0
        self.first_totals = 0
        self.closed = 0
        self.after_end = False
        self.unreadable_in_totals = False
        self.unreadable_seen = False  # an unreadable line before the totals
        #: An unreadable line after type-2 lines, not yet counted against the totals:
        #: when a totals line follows, it was the first totals line (no cascade).
        self.unread_at: int | None = None
        self.quiet = 0
        #: PR210/PR211 on: each type-2 line is looked at (the exact way), the keys seen
        #: kept (at most a line per bank and state: a few hundred).
        self.per_line = bool(s.one_line_per) and any(
            out.levels[code] is not None for code in ("PR210", "PR211"))
        self.keys: dict[tuple[str | None, ...], int] = {}

    def fast_scope(self) -> Scope | None:
        return self.body if self.phase == BODY and not self.per_line else None

    def _everything(self) -> Scope:
        """Every type-2 line, whatever its state: what the grand total counts."""
        every = Scope(len(self.summed))
        for scope in [*self.states.values(), self.other]:
            every.tally = [a + b for a, b in zip(every.tally, scope.tally, strict=True)]
        every.unverified = self.other.unverified
        return every

    def summary(self) -> Summary:
        tally = self._everything().tally
        return Summary(0, tally[0], money(tally[1], self.summed[0].decimals))

    @implements("PR201", "PR202", "PR204", "PR206", "PR209")
    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        s = self.s
        code = plan.code
        if self.unread_at is not None:
            if code == s.totals and self.phase == BODY:
                self.unreadable_in_totals = True  # its state may be the missing one
            else:
                self._blame_details(self.unread_at)
            self.unread_at = None
        if self.phase == START:
            self.phase = BODY
            if code == s.header:
                self.header_line = n
                self.unreadable_since = False
                return
            if not self.unreadable_since:
                self.out.emit("PR201", n, record=code, header=s.header)
                self.quiet = n
        if code == s.header:
            if n != self.quiet:
                self.out.emit("PR202", n, record=code, expected=f"{s.detail}/{s.totals}")
            return
        if self.phase == END or (self.phase == TOTALS and code == s.detail):
            if not self.after_end:
                self.after_end = True
                closed = self.closed if self.phase == END else self.first_totals
                self.out.emit("PR204", n, record=code, closing=s.totals, closed=closed)
            state = vals.get(s.state_field)
            if code == s.totals and state is not None:
                self.seen.setdefault(state, n)  # misplaced, not missing
            return
        self.unreadable_since = False
        if code == s.detail:
            self._line(n, vals)
            return
        # a type-3 totals line
        if self.phase == BODY:
            self.phase = TOTALS
            self.first_totals = n
            if not self._everything().count and self.states_bad is None and not self.unreadable_seen:
                self.out.emit("PR209", n, record=code, detail=s.detail)
        state = vals.get(s.state_field)
        if state is None:  # reported with its field; it may be the missing one
            self.unreadable_in_totals = True
            return
        if state in self.seen:
            self.out.emit("PR206", n, record=code, field=plan.layout.field(s.state_field),
                          text=state, state=state, first=self.seen[state])
            return
        self.seen[state] = n
        if state == s.grand_total or (s.grand_total is not None and state not in s.states):
            # Another non-state code is the grand total all the same (PR118, its field's).
            self.seen.setdefault(s.grand_total or state, n)
            self.compare(n, plan, vals, self._everything())
            self.phase = END
            self.closed = n
        elif state in s.states:
            scope = self.states[state.encode("latin-1")]
            if self.states_bad is not None:  # a line of no known state may have been one of these
                blamed = Scope(len(self.summed))
                blamed.tally = scope.tally
                blamed.unverified = [b if b is not None else self.states_bad for b in scope.unverified]
                scope = blamed
            self.compare(n, plan, vals, scope)
        elif n != self.quiet:
            self.out.emit("PR202", n, record=code, field=plan.layout.field(s.state_field), text=state,
                          expected="/".join(s.states))

    @implements("PR210", "PR211")
    def _line(self, n: int, vals: Values) -> None:
        if self.per_line:
            self._one_line(n, vals)
        state = vals.get(self.s.state_field)
        scope = self.states.get(state.encode("latin-1") if state is not None else b"")
        if scope is None:
            if self.states_bad is None:
                self.states_bad = n
            self.other.add(n, self.sums_of(vals))
        else:
            scope.add(n, self.sums_of(vals), self.other.unverified)

    def _one_line(self, n: int, vals: Values) -> None:
        """One type-2 line per bank and state, each with transactions (pse-summary)."""
        s = self.s
        key = tuple(vals.get(name) for name in s.one_line_per)
        if None not in key:
            if key in self.keys:
                rec = self.plan.records[s.detail.encode("latin-1")].layout
                fields = [rec.field(name) for name in s.one_line_per]
                self.out.emit("PR210", n, record=s.detail, first=self.keys[key],
                              columns=(min(f.start for f in fields), max(f.end for f in fields)),
                              key=", ".join(f"{name} {value}" for name, value
                                            in zip(s.one_line_per, key, strict=True)))
            elif len(self.keys) < ONCE_CAP:
                self.keys[key] = n
        if s.line_count is not None and vals.get(s.line_count) == 0:
            field = self.plan.records[s.detail.encode("latin-1")].layout.field(s.line_count)
            self.out.emit("PR211", n, record=s.detail, field=field,
                          text=field.encode(0, s.detail))

    def unreadable(self, n: int) -> None:
        self.unreadable_since = True
        if self.phase in (START, BODY):
            self.unreadable_seen = True
        if self.phase == BODY:  # a type-2 line, or the first totals line? (record)
            if self.unread_at is not None:
                self._blame_details(self.unread_at)
            self.unread_at = n
        elif self.phase == TOTALS:
            self.unreadable_in_totals = True

    def _blame_details(self, n: int) -> None:
        if self.states_bad is None:
            self.states_bad = n
        self.other.blame(n)

    @implements("PR203", "PR205")
    def end(self, last: int) -> None:
        s = self.s
        if self.phase == START:
            return
        if self.phase == BODY:
            if not self.unreadable_since:
                self.out.emit("PR203", last, opener=s.header, opened=self.header_line, missing=s.totals)
            return
        if self.unreadable_in_totals:
            return
        present = [state for state in s.states if self.states[state.encode("latin-1")].count]
        for state in s.required(present):
            if state not in self.seen:
                self.out.emit("PR205", last, record=s.totals, state=state)


def machine_for(plan: FormatPlan, out: Emitter) -> Machine:
    if isinstance(plan.fmt.structure, StateStructure):
        return StateMachine(plan, out)
    return ScopedMachine(plan, out)
