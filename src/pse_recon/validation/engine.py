"""The validator: the fast paths over good details, an exact slow path for
everything else, and the structure machine (:mod:`.machines`) behind both.

Lines come in blocks (:data:`~pse_recon.compile.bulk.BLOCK` of them): a block of
good details where details belong is checked at once by the bulk checker
(:mod:`pse_recon.compile.bulk`); any other block goes through the generated line
scanner (:mod:`pse_recon.compile.scanner`), which counts and sums good details
with no object made. Any other line (headers, controls, a bad detail, a line after
a short one) comes to :meth:`Validator.slow`, which checks it exactly: terminator,
width, record type, every field against its kind, constant, filler and catalog;
then hands the values the structure needs to the machine, and returns the scope
the next good details are counted in.

Which paths run is :mod:`.paths`' to say (all three, unless a test asks for fewer):
whatever runs, the report is the same.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from pse_recon.codec.lines import MAX_LINE, Edges, split_terminator
from pse_recon.compile.bulk import Bulk, bulk_plan
from pse_recon.compile.plan import FormatPlan, Learned, RecordPlan
from pse_recon.compile.scanner import scanner
from pse_recon.findings import Severity
from pse_recon.reporting import Emitter
from pse_recon.rules import RULES
from pse_recon.validation.gate import gate_for
from pse_recon.validation.machines import ONCE_CAP, Machine, Scope, Values, machine_for
from pse_recon.validation.paths import current_path
from pse_recon.validation.registry import implements
from pse_recon.validation.report import Report

#: The rule of each line ending other than LF (and none), reported once per file.
_ENDINGS = {b"\r\n": "PR006", b"\r": "PR014", b"\r\r\n": "PR015"}


class Validator:
    """One run over one file: the paths' state, the slow path and the report.

    ``controls`` are the characters (as latin-1 decodes their byte) that are control
    characters in ``encoding``; ``check_encoding`` says whether a line's bytes must
    be checked to be ``encoding`` (not every byte is a character of it).
    """

    def __init__(self, plan: FormatPlan, out: Emitter, *, encoding: str, check_encoding: bool,
                 controls: frozenset[str] = frozenset()) -> None:
        self.plan = plan
        self.fmt = plan.fmt
        self.out = out
        self.controls = controls
        self.encoding = encoding
        self.check_encoding = check_encoding
        self.ends_done: set[bytes] = set()
        self.trimmed_said = False
        self.padded_done = False
        self.tl = self.fmt.type_length
        self.pending: tuple[int, RecordPlan, int] | None = None
        self.once: set[tuple[str, str, str]] = set()
        self.m: Machine = machine_for(plan, out)
        self.learned = Learned(plan)
        path, self.block, self.counts = current_path()
        #: The profile checks the fast paths cannot make (.gate): blocks that break them go
        #: the exact way; without blocks, every detail does.
        self.gate = gate_for(plan) if path == "blocks" else None
        self.fast = path != "exact" and (self.gate is not None or not plan.detail.exact_only)
        bulk = bulk_plan(plan) if path == "blocks" else None
        self.bulk = Bulk(bulk, self.learned) if bulk is not None else None
        #: What good details are counted in now (None: every line goes slow).
        self.scope: Scope | None = None

    @implements("PR011")
    def run(self, lines: Iterable[bytes], edges: Edges | None = None) -> Report:
        """Validate ``lines`` (with their terminators); ``edges``: what
        :class:`~pse_recon.codec.lines.Lines` took out of them (read once they are
        exhausted)."""
        scan = scanner(self.plan).scan
        bulk = self.bulk
        counts = self.counts
        if edges is not None and edges.prefix:
            self.out.emit("PR011", 1, columns=(1, len(edges.prefix)))
        if bulk is None:
            last = scan(lines, 1, self.scope, self.slow, self.learned)
        else:
            last = 0
            stream = iter(lines)
            gate = self.gate
            while chunk := list(itertools.islice(stream, self.block)):
                if gate is not None and not gate.clean(chunk):
                    for raw in chunk:
                        last += 1
                        self.slow(last, raw)
                    continue
                scope = self.scope
                block = bulk.accepts(chunk, scope.sequence) if scope is not None else None
                if counts is not None and scope is not None:
                    counts.count_block(block is not None)
                if block is None:
                    last = scan(chunk, last + 1, scope, self.slow, self.learned)
                    continue
                assert scope is not None
                k = len(chunk)
                last += k
                if scope.keyed is not None:  # summed per state
                    for key, count, sums in bulk.by_state(block, chunk):
                        tally = scope.keyed[key]
                        tally[0] += count
                        for i, total in enumerate(sums, 1):
                            tally[i] += total
                    continue
                tally = scope.tally
                tally[0] += k
                scope.sequence += k
                for i, total in enumerate(bulk.sums(block), 1):
                    tally[i] += total
        if last == 0:
            self._empty()
        else:
            self._flush(last=True)
            self.m.end(last)
            if edges is not None:
                self._tail(last, edges)
        return Report(
            layout=self.fmt,
            format=self.fmt.name,
            width=self.fmt.width,
            strict=self.out.strict,
            findings=tuple(self.out.findings),
            summary=self.m.summary(),
            left_out=self.out.left_out,
            left_out_errors=self.out.left_out_errors,
            profile=self.out.rules.name,
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
    def slow(self, n: int, raw: bytes) -> Scope | None:
        """Check line ``n`` exactly; returns the scope the following good details are
        counted in by the fast paths (None: the next lines go slow too)."""
        if self.counts is not None:
            self.counts.exact += 1
        self._flush(last=False)
        body, term = split_terminator(raw)
        out = self.out
        if term in _ENDINGS and term not in self.ends_done:  # other than LF: once per file
            self.ends_done.add(term)
            out.emit(_ENDINGS[term], n, columns=(len(body) + 1, len(body) + len(term)))
        if not term and len(raw) > MAX_LINE:
            out.emit("PR003", n, columns=(MAX_LINE + 1, MAX_LINE + 1), cap=MAX_LINE)
            self._unreadable(n)
            return None
        if not term:
            out.emit("PR007", n, columns=(len(body) + 1, len(body) + 1))
        plan = self.plan.records.get(body[: self.tl])
        if plan is None:
            kind = body[: self.tl].decode("latin-1")
            out.emit("PR005", n, columns=(1, self.tl), text=kind, type=kind, format=self.fmt.name,
                     known=", ".join(self.fmt.records))
            self._unreadable(n)
            return None
        if self.check_encoding:
            self._encoding(n, plan, body)
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
        vals, silent = self._fields(n, plan, self.plan.wanted[body[: self.tl]], text, usable)
        self.m.record(n, plan, vals)
        if plan is self.plan.detail and size == width:
            self.learned.learn(raw, silent)
        fast = self.fast and self.pending is None
        self.scope = self.m.fast_scope() if fast else None
        return self.scope

    def _encoding(self, n: int, plan: RecordPlan, body: bytes) -> None:
        out = self.out
        try:
            decoded = body.decode(self.encoding)
        except UnicodeDecodeError as exc:
            out.emit("PR010", n, record=plan.code, columns=(exc.start + 1, exc.start + 1),
                     byte=f"{body[exc.start]:#04x}", column=exc.start + 1, encoding=self.encoding)
            return
        if len(decoded) != len(body):  # a character of several bytes: one byte a column
            from pse_recon.codec.reader import multibyte_column  # not the reader otherwise

            at = multibyte_column(body, self.encoding)
            out.emit("PR010", n, record=plan.code, columns=(at, at),
                     byte=f"{body[at - 1]:#04x}", column=at, encoding=self.encoding)

    def _unreadable(self, n: int) -> None:
        self.m.unreadable(n)
        self.scope = None

    @implements("PR008", "PR009")
    def _flush(self, last: bool) -> None:
        if self.pending is None:
            return
        n, plan, size = self.pending
        self.pending = None
        if not last:  # a trimmed record before the last: said once per file (ADR 0010)
            if self.trimmed_said:
                return
            self.trimmed_said = True
        self.out.emit("PR008" if last else "PR009", n, record=plan.code,
                      columns=(size + 1, plan.width), actual=size, width=plan.width)

    def _blank_fits(self, plan: RecordPlan, padded: str, size: int) -> bool:
        """Whether the columns after ``size`` are all in fields whose kind blanks
        satisfy: what reading accepts as a trimmed line (a catalog that refuses the
        blanks is the field's own finding, as a filler's present columns are, PR105)."""
        for fp in plan.fields:
            f = fp.field
            if f.end <= size or not f.is_attribute:
                continue
            if f.problem(padded[f.start - 1 : f.end]) is not None:
                return False
        return True

    @implements("PR101", "PR102", "PR103", "PR104", "PR105", "PR106", "PR107", "PR108",
                "PR109", "PR110", "PR111", "PR112", "PR113", "PR114", "PR115", "PR116",
                "PR117", "PR118")
    def _fields(self, n: int, plan: RecordPlan, wanted: frozenset[str], text: str,
                usable: int) -> tuple[Values, list[bool]]:
        """Check every field that lies within the first ``usable`` columns. Returns the
        values the structure wants (those named in ``wanted``; None when unusable) and,
        per field, whether the
        same text would pass silently next time (what the fast paths may learn).

        A field's kind says what is wrong with its text (:meth:`~pse_recon.declaration.
        kinds.Kind.problem`, then :meth:`~pse_recon.declaration.kinds.Kind.remark`);
        a text of its kind is then judged by its catalog."""
        out = self.out
        code = plan.code
        vals: Values = {}
        silent = [True] * len(plan.fields)
        for i, fp in enumerate(plan.fields):
            f = fp.field
            if i == 0:
                continue  # the record type: matched to get here
            want = f.name in wanted
            if f.end > usable:
                silent[i] = False
                if want:
                    vals[f.name] = None
                continue
            value = text[f.start - 1 : f.end]
            bad = False
            problem = f.problem(value) or f.kind.remark(f, value, self.controls)
            if problem is not None:
                out.emit(problem.code, n, record=code, field=f, text=value, **problem.params)
                silent[i] = False
                bad = not problem.usable
            elif fp.check is not None and value not in fp.accepted:
                verdict = fp.check.judge(f, value)
                if verdict is not None:
                    bad = RULES[verdict.code].severity is Severity.ERROR
                    # learned only when reported once (per value, per file), never
                    # when every line must say it (a warning like PR108 too)
                    silent[i] = not bad and verdict.once is not None
                    key = (verdict.code, f.name, value if verdict.once == "value" else "")
                    if verdict.once is None or key not in self.once:
                        extra: dict[str, Any] = dict(verdict.params)
                        out.emit(verdict.code, n, record=code, field=f, text=value, **extra)
                        if verdict.once is not None and len(self.once) < ONCE_CAP:
                            self.once.add(key)
            elif fp.pse is not None and value != fp.pse:  # a catalog code PSE does not write
                out.emit("PR115", n, record=code, field=f, text=value, expected=fp.pse)
                silent[i] = False
            if fp.profile and problem is None:
                remark = f.profile_problem(value, fp.profile)
                if remark is not None:
                    out.emit(remark.code, n, record=code, field=f, text=value, **remark.params)
                    silent[i] = False
            if want:
                vals[f.name] = None if bad else f.kind.tally(value)
        return vals, silent
