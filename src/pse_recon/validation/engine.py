"""The validator: a fast scan of good details, an exact slow path for everything else,
and a small state machine per structure (:mod:`pse_recon.layouts.base`).

Every line goes through the generated scanner of :mod:`pse_recon.validation.plan`.
A good detail in a place where details belong is counted and summed there, with no
object made. Any other line (headers, controls, a bad detail, a line after a short
one) comes to :meth:`Validator.slow`, which checks the line exactly: terminator,
width, record type, every field against its kind, constant, filler and catalog,
then hands the values the structure needs to the machine, which checks order,
lot numbers, sequences, counts and totals.

No cascades: a line that cannot be read at all (unknown type, wider than the cap)
is reported once; the counts and totals it might belong to are then reported as
not verified (PR306, a warning) instead of as wrong, the next sequence number and
lot number are taken as given, and a lot or file left without its control right
after such a line is not reported again (the unreadable line may have been it).
A field that is wrong is reported once; the totals that needed it are not verified.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pse_recon.codec.lines import MAX_LINE, Edges, split_terminator
from pse_recon.codec.reader import field_code, multibyte_column
from pse_recon.computed import Count, LotNumber, Sum
from pse_recon.fields import Field, Kind
from pse_recon.findings import Severity
from pse_recon.layouts.base import LotStructure, StateStructure
from pse_recon.money import from_units
from pse_recon.reporting import Emitter
from pse_recon.rules import RULES
from pse_recon.validation.bulk import BLOCK, Bulk, BulkPlan
from pse_recon.validation.plan import FormatPlan, RecordPlan, computed_roles
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Report, Summary

#: Bounds on what a run remembers, so memory stays flat whatever the input.
LEARN_CAP = 65536
ONCE_CAP = 10000

Values = dict[str, Any]


def money(units: int, decimals: int) -> Decimal:
    """Exact whatever the caller's decimal context (which may round or trap)."""
    return from_units(units, decimals)


def _units(f: Field) -> int:
    return f.decimals if f.kind is Kind.AMOUNT else 0


# -- structure machines -------------------------------------------------------------
START, BODY, LOT, TOTALS, END = range(5)


class Machine:
    """What every structure machine offers the validator and the scanner."""

    ok = False
    unreadable_since = False

    def __init__(self, plan: FormatPlan, out: Emitter) -> None:
        self.plan = plan
        self.out = out
        self.phase = START
        self.summed = plan.summed
        self.index = {f.name: i for i, f in enumerate(plan.summed)}
        self.last_structural = 0

    def allows_fast(self) -> bool:
        raise NotImplementedError

    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        raise NotImplementedError

    def unreadable(self, n: int) -> None:
        raise NotImplementedError

    def end(self, last: int) -> None:
        raise NotImplementedError

    def summary(self) -> Summary:
        raise NotImplementedError

    # shared helpers
    @implements("PR301", "PR302", "PR304", "PR306")
    def compare(
        self,
        n: int,
        plan: RecordPlan,
        vals: Values,
        count: int,
        sums: list[int],
        bad: list[int | None],
        lot_number: tuple[int, int | None] | None = None,
    ) -> None:
        """Check a control's computed fields against its scope. ``bad[0]`` is the first
        line that makes the count unverifiable, ``bad[i + 1]`` the sum of summed field i."""
        unverified: list[str] = []
        cause: int | None = None
        code = plan.code
        for f, role in computed_roles(plan.layout):
            declared = vals.get(f.name)
            if isinstance(role, Count):
                if bad[0] is not None:
                    unverified.append(f.name)
                    cause = cause or bad[0]
                elif declared is not None and declared != count:
                    self.out.emit("PR301", n, record=code, field=f, text=str(declared),
                                  declared=declared, actual=count)
            elif isinstance(role, Sum):
                i = self.index[role.field]
                blame = bad[0] if bad[0] is not None else bad[i + 1]
                if blame is not None:
                    unverified.append(f.name)
                    cause = cause or blame
                    continue
                if declared is None:
                    continue
                source = self.summed[i]
                dc, dd = _units(f), _units(source)
                top = max(dc, dd)
                if declared * 10 ** (top - dc) != sums[i] * 10 ** (top - dd):
                    self.out.emit("PR302", n, record=code, field=f, text=str(money(declared, dc)),
                                  declared=money(declared, dc), actual=money(sums[i], dd),
                                  source=role.field)
            elif isinstance(role, LotNumber) and lot_number is not None:
                header_line, expected = lot_number
                if declared is not None and expected is not None and declared != expected:
                    self.out.emit("PR304", n, record=code, field=f, text=str(declared),
                                  found=declared, expected=expected, header_line=header_line)
        if unverified:
            self.out.emit("PR306", n, record=code, fields=", ".join(unverified), cause=cause)


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
        self.lotted = isinstance(s, LotStructure)
        if isinstance(s, LotStructure):
            self.header, self.lot_header, self.lot_control = s.file_header, s.lot_header, s.lot_control
            self.control = s.file_control
        else:
            assert not isinstance(s, StateStructure)
            self.header, self.lot_header, self.lot_control = s.header, "", ""
            self.control = s.totals
        self.detail = s.detail
        k = len(self.summed)
        # The current scope (a lot; the file in flat formats). The scanner updates
        # c, s and q directly.
        self.c = 0
        self.s = [0] * k
        self.bad: list[int | None] = [None] * (k + 1)
        self.q = 0
        self.acc: dict[bytes, list[int]] = {}
        # The file scope of lot formats: closed lots and details outside lots.
        self.fc = 0
        self.fs = [0] * k
        self.fbad: list[int | None] = [None] * (k + 1)
        self.seq = plan.sequence
        if self.seq is not None:
            self.q = self.seq[1].start
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

    def allows_fast(self) -> bool:
        return self.phase == (LOT if self.lotted else BODY) and not self.resync_seq and self.q_alt is None

    # -- scopes -----------------------------------------------------------------
    def _fold(self) -> None:
        """Close the current lot into the file scope."""
        self.fc += self.c
        for i, x in enumerate(self.s):
            self.fs[i] += x
        self.fbad = [a if a is not None else b for a, b in zip(self.fbad, self.bad, strict=True)]
        self.c = 0
        self.s = [0] * len(self.s)
        self.bad = [None] * len(self.bad)

    def _file_scope(self) -> tuple[int, list[int], list[int | None]]:
        if self.lotted:
            return self.fc, self.fs, self.fbad
        return self.c, self.s, self.bad

    def summary(self) -> Summary:
        c, s, _ = self._file_scope()
        if self.lotted and self.phase == LOT:
            c, s = c + self.c, [a + b for a, b in zip(s, self.s, strict=True)]
        amount = self.summed[0]
        return Summary(self.lots, c, money(s[0], _units(amount)))

    # -- records ----------------------------------------------------------------
    @implements("PR201", "PR202", "PR203", "PR204", "PR207")
    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        code = plan.code
        if self.unread_at is not None:
            if code in (self.detail, self.lot_control) and self.phase == BODY:
                self._open_unread()  # no cascade: the unreadable line was this lot's header
            else:
                self._blame_file(self.unread_at)
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
                self._add(n, vals, file_scope=True)
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
            if self.c == 0 and self.bad[0] is None and not unreadable:
                self.out.emit("PR207", n, record=code, opened=self.opened)
            self.compare(n, plan, vals, self.c, self.s, self.bad, (self.opened, self.lot_header_no))
            self._fold()
            self.phase = BODY
        elif code == self.control:
            if self.phase == LOT:
                self._left_open(n, code, unreadable)
            c, s, bad = self._file_scope()
            self._empty_file(n, code, c, bad, unreadable)
            self.compare(n, plan, vals, c, s, bad)
            self.phase = END
            self.closed = n

    @implements("PR208", "PR209")
    def _empty_file(self, n: int, code: str, count: int, bad: list[int | None],
                    unreadable: bool) -> None:
        """A file closed with nothing in it: no lots (lot formats), no details (flat)."""
        if unreadable or bad[0] is not None:
            return
        if self.lotted and self.lots == 0:
            self.out.emit("PR208", n, record=code, closed=n)
        elif not self.lotted and count == 0:
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
            self.q = self.seq[1].start
            self.q_alt = None
            self.resync_seq = True

    def _blame_file(self, n: int) -> None:
        for i, b in enumerate(self.fbad):
            if b is None:
                self.fbad[i] = n

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
            self.q = self.seq[1].start
            self.q_alt = None
            self.resync_seq = False

    def _add(self, n: int, vals: Values, file_scope: bool = False) -> None:
        if file_scope:
            self.fc += 1
            sums, bad = self.fs, self.fbad
        else:
            self.c += 1
            sums, bad = self.s, self.bad
        for i, f in enumerate(self.summed):
            x = vals.get(f.name)
            if x is None:
                if bad[i + 1] is None:
                    bad[i + 1] = n
            else:
                sums[i] += x

    @implements("PR305")
    def _detail(self, n: int, vals: Values) -> None:
        self._add(n, vals)
        if self.seq is None:
            return
        f = self.seq[0]
        found = vals.get(f.name)
        self.q, self.q_alt, wrong = advance(self.q, self.q_alt, self.resync_seq, found)
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
                self._blame_file(self.unread_at)
            self.unread_at = n
            self.resync_seq = True
            self.resync_lot = True
            return
        bad = self.bad if (self.phase == LOT or not self.lotted) else self.fbad
        for i, b in enumerate(bad):
            if b is None:
                bad[i] = n
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
        self.acc = {state.encode("latin-1"): [0] * (k + 1) for state in s.states}
        self.bads: dict[bytes, list[int | None]] = {key: [None] * (k + 1) for key in self.acc}
        self.other = [0] * (k + 1)  # lines whose state cannot be read: grand total only
        self.all_bad: list[int | None] = [None] * (k + 1)
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

    def allows_fast(self) -> bool:
        return self.phase == BODY

    def summary(self) -> Summary:
        rows = [*self.acc.values(), self.other]
        return Summary(0, sum(r[0] for r in rows), money(sum(r[1] for r in rows), _units(self.summed[0])))

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
            rows = [*self.acc.values(), self.other]
            if not any(r[0] for r in rows) and self.states_bad is None and not self.unreadable_seen:
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
        k = len(self.summed)
        if state == s.grand_total:
            rows = [*self.acc.values(), self.other]
            totals = [sum(r[i] for r in rows) for i in range(k + 1)]
            self.compare(n, plan, vals, totals[0], totals[1:], self.all_bad)
            self.phase = END
            self.closed = n
        elif state in s.states:
            key = state.encode("latin-1")
            row = self.acc[key]
            bad = self.bads[key]
            if self.states_bad is not None:
                bad = [b if b is not None else self.states_bad for b in bad]
            self.compare(n, plan, vals, row[0], row[1:], bad)
        elif n != self.quiet:
            self.out.emit("PR202", n, record=code, field=plan.layout.field(s.state_field), text=state,
                          expected="/".join(s.states))

    def _line(self, n: int, vals: Values) -> None:
        state = vals.get(self.s.state_field)
        key = state.encode("latin-1") if state is not None else b""
        row = self.acc.get(key)
        if row is None:
            row = self.other
            bad = self.all_bad
            if self.states_bad is None:
                self.states_bad = n
        else:
            bad = self.bads[key]
        row[0] += 1
        for i, f in enumerate(self.summed):
            x = vals.get(f.name)
            if x is None:
                for b in (bad, self.all_bad):
                    if b[i + 1] is None:
                        b[i + 1] = n
            else:
                row[i + 1] += x

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
        for i, b in enumerate(self.all_bad):
            if b is None:
                self.all_bad[i] = n

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
        if s.grand_total is not None:
            required = [*s.states, s.grand_total]
        else:  # pse-summary: a state without transactions may go without a line
            required = [st for st in s.states if self.acc[st.encode("latin-1")][0]]
        for state in required:
            if state not in self.seen:
                self.out.emit("PR205", last, record=s.totals, state=state)


def machine_for(plan: FormatPlan, out: Emitter) -> Machine:
    if isinstance(plan.fmt.structure, StateStructure):
        return StateMachine(plan, out)
    return ScopedMachine(plan, out)


# -- the validator --------------------------------------------------------------------
class Validator:
    """One run over one file: the scanner's state, the slow path and the report."""

    def __init__(
        self,
        plan: FormatPlan,
        *,
        strict: bool,
        lang: str,
        max_findings: int | None,
        encoding: str,
        check_encoding: bool,
        crlf: bool = False,
        bulk: BulkPlan | None = None,
        out: Emitter | None = None,
        controls: frozenset[str] = frozenset(),
    ) -> None:
        self.plan = plan
        self.fmt = plan.fmt
        self.strict = strict
        self.out = out if out is not None else Emitter(strict, lang, max_findings)
        #: The characters (as latin-1 decodes their byte) that are controls in the encoding.
        self.controls = controls
        self.ends_done: set[bytes] = set()
        self.padded_done = False
        self.encoding = encoding
        self.check_encoding = check_encoding
        self.tl = self.fmt.type_length
        self.w1 = plan.detail.width + (2 if crlf else 1)
        self.groups = plan.group_sets()
        self.dates: list[set[bytes]] = [set() for _ in plan.dates]
        self.pending: tuple[int, RecordPlan, int] | None = None
        self.once: set[tuple[str, str, str]] = set()
        self.m = machine_for(plan, self.out)
        self.m.ok = False
        self.bulk = Bulk(bulk) if bulk is not None else None

    @implements("PR011")
    def run(self, lines: Iterable[bytes], edges: Edges | None = None) -> Report:
        """Validate ``lines`` (with their terminators); ``edges``: what
        :class:`~pse_recon.codec.lines.Lines` took out of them (read once they are
        exhausted)."""
        scan = self.plan.scanner
        m = self.m
        bulk = self.bulk
        if edges is not None and edges.prefix:
            self.out.emit("PR011", 1, columns=(1, len(edges.prefix)))
        if bulk is None:
            last = scan(lines, self, m, 1)
        else:
            last = 0
            stream = iter(lines)
            scoped = m if isinstance(m, ScopedMachine) else None
            while chunk := list(itertools.islice(stream, BLOCK)):
                block = bulk.accepts(chunk, scoped.q if scoped else 0) if m.ok else None
                if block is None:
                    last = scan(chunk, self, m, last + 1)
                    continue
                k = len(chunk)
                last += k
                if scoped is None:  # a state structure: per state
                    assert isinstance(m, StateMachine)
                    for key, count, sums in bulk.by_state(block, chunk):
                        row = m.acc[key]
                        row[0] += count
                        for i, total in enumerate(sums, 1):
                            row[i] += total
                    continue
                scoped.c += k
                scoped.q += k
                for i, total in enumerate(bulk.sums(block)):
                    scoped.s[i] += total
        if last == 0:
            self._empty()
        else:
            self._flush(last=True)
            self.m.end(last)
            if edges is not None:
                self._tail(last, edges)
        return Report(
            format=self.fmt.name,
            width=self.fmt.width,
            strict=self.strict,
            findings=tuple(self.out.findings),
            summary=self.m.summary(),
            left_out=self.out.left_out,
            left_out_errors=self.out.left_out_errors,
        )

    @implements("PR001")
    def _empty(self) -> None:
        self.out.emit("PR001", 1)

    @implements("PR012", "PR013")
    def _tail(self, last: int, edges: Edges) -> None:
        """What follows the last record: empty lines, a DOS end-of-file byte."""
        if edges.empty:
            self.out.emit("PR012", last + 1, count=edges.empty)
        if edges.eof_glued:
            self.out.emit("PR013", last, columns=(edges.eof_column, edges.eof_column))
        elif edges.eof:
            self.out.emit("PR013", last + edges.empty + 1, columns=(1, 1))

    # -- the slow path: one line, exactly -------------------------------------------
    @implements("PR003", "PR004", "PR005", "PR006", "PR007", "PR008", "PR010", "PR014",
                "PR015", "PR016")
    def slow(self, n: int, raw: bytes) -> None:
        m = self.m
        self._flush(last=False)
        body, term = split_terminator(raw)
        out = self.out
        if term in _ENDINGS and term not in self.ends_done:  # other than LF: once per file
            self.ends_done.add(term)
            out.emit(_ENDINGS[term], n, columns=(len(body) + 1, len(body) + len(term)))
        if not term and len(raw) > MAX_LINE:
            out.emit("PR003", n, columns=(MAX_LINE + 1, MAX_LINE + 1), cap=MAX_LINE)
            self._unreadable(n)
            return
        if not term:
            out.emit("PR007", n, columns=(len(body) + 1, len(body) + 1))
        plan = self.plan.records.get(body[: self.tl])
        if plan is None:
            kind = body[: self.tl].decode("latin-1")
            out.emit("PR005", n, columns=(1, self.tl), text=kind, type=kind, format=self.fmt.name,
                     known=", ".join(self.fmt.records))
            self._unreadable(n)
            return
        if self.check_encoding:
            try:
                decoded = body.decode(self.encoding)
            except UnicodeDecodeError as exc:
                out.emit("PR010", n, record=plan.code, columns=(exc.start + 1, exc.start + 1),
                         byte=f"{body[exc.start]:#04x}", column=exc.start + 1, encoding=self.encoding)
            else:
                if len(decoded) != len(body):  # a character of several bytes: one byte a column
                    at = multibyte_column(body, self.encoding)
                    out.emit("PR010", n, record=plan.code, columns=(at, at),
                             byte=f"{body[at - 1]:#04x}", column=at, encoding=self.encoding)
        text = body.decode("latin-1")
        width, size = plan.width, len(body)
        usable = width
        if size < width:
            text = text.ljust(width)
            if self._blank_fits(plan, text, size):
                if term:
                    self.pending = (n, plan, size)
                else:
                    out.emit("PR008", n, record=plan.code, columns=(size + 1, width),
                             actual=size, width=width)
            else:
                out.emit("PR004", n, record=plan.code, columns=(size + 1, width), actual=size,
                         width=width)
                usable = size
        elif size > width:
            if body[width:].strip(b" "):
                out.emit("PR004", n, record=plan.code, columns=(width + 1, size), actual=size,
                         width=width)
                usable = 0
            elif not self.padded_done:
                self.padded_done = True
                out.emit("PR016", n, record=plan.code, columns=(width + 1, size), actual=size,
                         width=width)
            text = text[:width]
        vals, silent = self._fields(n, plan, text, usable)
        m.record(n, plan, vals)
        if plan is self.plan.detail and size == width:
            self._learn(raw, silent)
            if self.bulk is not None:
                self.bulk.learn(raw, silent)
        m.ok = m.allows_fast() and self.pending is None

    def _unreadable(self, n: int) -> None:
        self.m.unreadable(n)
        self.m.ok = False

    @implements("PR008", "PR009")
    def _flush(self, last: bool) -> None:
        if self.pending is None:
            return
        n, plan, size = self.pending
        self.pending = None
        code = "PR008" if last else "PR009"
        self.out.emit(code, n, record=plan.code, columns=(size + 1, plan.width), actual=size,
                      width=plan.width)

    def _blank_fits(self, plan: RecordPlan, padded: str, size: int) -> bool:
        """Whether the columns after ``size`` are all in fields whose kind blanks
        satisfy: what reading accepts as a trimmed line (a catalog that refuses the
        blanks is the field's own finding, as a filler's present columns are, PR105)."""
        for fp in plan.fields:
            f = fp.field
            if f.end <= size or f.kind is Kind.FILLER:
                continue
            if f.problem(padded[f.start - 1 : f.end]) is not None:
                return False
        return True

    @implements("PR101", "PR102", "PR103", "PR104", "PR105", "PR106", "PR107", "PR108",
                "PR109", "PR110", "PR111", "PR112", "PR113", "PR114")
    def _fields(self, n: int, plan: RecordPlan, text: str, usable: int) -> tuple[Values, list[bool]]:
        """Check every field that lies within the first ``usable`` columns. Returns the
        values the structure wants (None when unusable) and, per field, whether the
        same text would pass silently next time (what the fast path may learn)."""
        out = self.out
        code = plan.code
        vals: Values = {}
        silent = [True] * len(plan.fields)
        for i, fp in enumerate(plan.fields):
            f = fp.field
            if i == 0:
                continue  # the record type: matched to get here
            wanted = f.name in plan.wanted
            if f.end > usable:
                silent[i] = False
                if wanted:
                    vals[f.name] = None
                continue
            value = text[f.start - 1 : f.end]
            bad = False
            if f.problem(value) is not None:
                rule = field_code(f, value)
                out.emit(rule, n, record=code, field=f, text=value, **_params(f))
                bad = True
            elif f.kind is Kind.TEXT and self.controls and not self.controls.isdisjoint(value):
                at = next(i for i, ch in enumerate(value) if ch in self.controls)
                out.emit("PR114", n, record=code, field=f, text=value,
                         char=f"{ord(value[at]):#04x}", column=f.start + at)
                bad = True
            elif f.kind is Kind.TIME and f.length == 4 and value == "0000":
                out.emit("PR109", n, record=code, field=f, text=value)
                silent[i] = False
            elif fp.check is not None and value not in fp.accepted:
                verdict = fp.check.judge(f, value)
                if verdict is not None:
                    bad = RULES[verdict.code].severity is Severity.ERROR
                    key = (verdict.code, f.name, value if verdict.once == "value" else "")
                    if verdict.once is None or key not in self.once:
                        extra: dict[str, Any] = dict(verdict.params)
                        out.emit(verdict.code, n, record=code, field=f, text=value, **extra)
                        if verdict.once is not None and len(self.once) < ONCE_CAP:
                            self.once.add(key)
            if bad:
                silent[i] = False
            if wanted:
                vals[f.name] = None if bad else _value(f, value)
            if f.kind is Kind.DATE and not bad and plan is self.plan.detail:
                dates = self.dates[self.plan.dates.index(f)]
                if len(dates) < LEARN_CAP:
                    dates.add(value.encode("latin-1"))
        return vals, silent

    def _learn(self, raw: bytes, silent: list[bool]) -> None:
        """Let the fast path accept, from now on, coded values that would pass silently."""
        for g, accepted in zip(self.plan.groups, self.groups, strict=True):
            if g.learnable and len(accepted) < LEARN_CAP and all(silent[i] for i in g.fields):
                accepted.add(raw[g.start : g.end])


#: The rule of each line ending other than LF (and none), reported once per file.
_ENDINGS = {b"\r\n": "PR006", b"\r": "PR014", b"\r\r\n": "PR015"}


def _params(f: Field) -> dict[str, Any]:
    if f.kind is Kind.TIME:
        return {"pattern": "HHMMSS" if f.length == 6 else "HHMM"}
    if f.kind is Kind.CONSTANT:
        return {"expected": f.constant}
    return {}


def _value(f: Field, text: str) -> Any:
    if f.kind in (Kind.NUMERIC, Kind.AMOUNT):
        return int(text)
    return text
