"""The machine of a header, details in scopes (lots, or the whole file) and control
records: Asobancaria 2001 and Andesco (lots), Asobancaria 1998 (flat)."""

from __future__ import annotations

from pse_recon.compile.plan import FormatPlan, RecordPlan, computed_roles
from pse_recon.declaration import LotNumber, LotStructure, StateStructure
from pse_recon.reporting import Emitter
from pse_recon.validation.machines.base import (
    BODY,
    END,
    LOT,
    START,
    Machine,
    Scope,
    Values,
    advance,
    money,
)
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Summary


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
        self.opened = 0
        self.closed = 0
        self.after_end = False
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
    @implements("PR202", "PR203", "PR204", "PR207")
    def record(self, n: int, plan: RecordPlan, vals: Values) -> None:
        code = plan.code
        if self.unread_at is not None:
            if code in (self.detail, self.lot_control) and self.phase == BODY:
                self._open_unread()  # no cascade: the unreadable line was this lot's header
            else:
                self.file.blame(self.unread_at)
            self.unread_at = None
        if self.phase == START and self._first(n, code, self.header):
            return
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
