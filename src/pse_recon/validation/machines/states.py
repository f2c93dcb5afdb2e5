"""The machine of PSE's files: a header, type-2 lines, type-3 totals per state (and
a grand total)."""

from __future__ import annotations

from pse_recon.compile.plan import FormatPlan, RecordPlan
from pse_recon.declaration import StateStructure
from pse_recon.reporting import Emitter
from pse_recon.validation.machines.base import (
    BODY,
    END,
    ONCE_CAP,
    START,
    TOTALS,
    Machine,
    Scope,
    Values,
    money,
)
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Summary


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
        self.first_totals = 0
        self.closed = 0
        self.after_end = False
        self.unreadable_in_totals = False
        self.unreadable_seen = False  # an unreadable line before the totals
        #: An unreadable line after type-2 lines, not yet counted against the totals:
        #: when a totals line follows, it was the first totals line (no cascade).
        self.unread_at: int | None = None
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

    @implements("PR202", "PR204", "PR206", "PR209")
    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        s = self.s
        code = plan.code
        if self.unread_at is not None:
            if code == s.totals and self.phase == BODY:
                self.unreadable_in_totals = True  # its state may be the missing one
            else:
                self._blame_details(self.unread_at)
            self.unread_at = None
        if self.phase == START and self._first(n, code, s.header):
            return
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
