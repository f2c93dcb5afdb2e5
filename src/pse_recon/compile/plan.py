"""One plan per record: every fact the generated code needs, derived once.

A :class:`FormatPlan` is made once per (layout, encoding class, line ending): the
layout fixes the width, the encoding class says whether lines must be ASCII (a
multi-byte encoding) and the line ending what terminates a good line. It holds a
:class:`RecordPlan` per record type, and what the structure needs of the details
(the fields summed, the sequence, the state). Each record plan says, from its
fields' kinds and catalogs:

* the runs of adjacent digit columns (one ``bytes.isdigit`` each);
* the groups of adjacent fields whose accepted values are listed (catalog codes,
  constants, fillers: one set lookup each), and the groups of catalog-coded fields
  only (the bulk checker's);
* the columns whose good values the fast paths learn (dates) and those with a
  range test (times); whether free text needs the control-character guard;
* what the structure wants of the record (computed fields, sums, the state).

The decoder and encoder (:mod:`.codec`), the line scanner (:mod:`.scanner`) and the
bulk checker (:mod:`.bulk`) are all built from these plans, so none of them works
out a digit run, a group or a learning bound of its own.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Final

import attrs

from pse_recon.declaration import Count, Field, FileLayout, LotNumber, RecordLayout, StateStructure, Sum
from pse_recon.declaration import Sequence as SequenceRule
from pse_recon.declaration.catalogs import CatalogCheck, check_for
from pse_recon.declaration.kinds import BLANK
from pse_recon.declaration.structures import DETAIL, FILE_CONTROL

#: A group of adjacent coded fields is checked with one set lookup while the
#: product of their accepted values stays under this size.
GROUP_PRODUCT_CAP: Final = 4096
#: Values the fast paths learn per group or column in one run (memory stays flat).
LEARN_CAP: Final = 65536
#: The profile checks (off by default) a plan is made for: they change what the
#: fast paths accept (PR115), or are what the fast paths cannot test (PR116, PR117:
#: see ``RecordPlan.exact_only``).
PLAN_CHECKS: Final = ("PR115", "PR116", "PR117")

#: Text fields lose their padding blanks with ``rstrip(" ")``, about 3 ns a blank
#: (it looks each one up in its argument); ``rstrip()`` strips with a table,
#: several times faster, but strips tabs, no-break spaces and the like too, which
#: are data. So a record with this many columns of text or more (the PSE
#: transaction, 127) first deletes those bytes from its line (``bytes.translate``,
#: 190 ns for 235 columns): when nothing but the terminator goes, the line's only
#: whitespace is blanks, and its fields use ``rstrip()``. Records with little text
#: are not worth that pass.
GUARDED_TEXT: Final = 64


@attrs.frozen
class FieldPlan:
    """A field and its catalog check (None: no catalog), with the codes it accepts;
    ``pse``: the one value a profile accepts silently (PR115, None: off), ``profile``:
    the other profile checks on for it (:meth:`~pse_recon.declaration.Field.profile_checks`)."""

    field: Field
    check: CatalogCheck | None
    accepted: frozenset[str]
    pse: str | None = None
    profile: tuple[str, ...] = ()

    @property
    def accepted_bytes(self) -> frozenset[bytes] | None:
        """The only texts the field may hold silently, as bytes, if they can be listed:
        the value a profile fixes, its catalog's codes, or what its kind fixes
        (constants, fillers)."""
        if self.pse is not None:
            return frozenset({self.pse.encode("latin-1")})
        if self.check is not None:
            return frozenset(v.encode("latin-1") for v in self.accepted)
        return self.field.kind.accepted_bytes(self.field)


@attrs.frozen
class Group:
    """Adjacent fields checked as one slice ``[start:end]`` (0-based) of a line, whose
    accepted texts are ``initial`` (and, when ``learnable``, what a run learns). A
    group that ends the record may take the line ending with it (``end`` then
    reaches past the record), so the ending costs no test of its own."""

    start: int
    end: int
    fields: tuple[int, ...]  # indices into RecordPlan.fields
    initial: frozenset[bytes]
    learnable: bool

    @property
    def blank(self) -> bytes:
        return b" " * (self.end - self.start)

    def with_tail(self, tail: bytes) -> Group:
        return attrs.evolve(self, end=self.end + len(tail),
                            initial=frozenset(v + tail for v in self.initial))


@attrs.frozen(eq=False)
class RecordPlan:
    """What the generated code of one record type is built from (the record's own
    facts: the same in every file and format that uses the record)."""

    layout: RecordLayout
    fields: tuple[FieldPlan, ...]
    #: Runs of adjacent columns that hold digits only, 0-based ``[start, end)``.
    digit_runs: tuple[tuple[int, int], ...]
    #: Columns that hold blanks only (fillers).
    blanks: tuple[tuple[int, int], ...]
    #: Adjacent fields with listed values after the type code (catalog codes,
    #: constants, fillers): the scanner's set lookups.
    groups: tuple[Group, ...]
    #: Adjacent catalog-coded fields: the bulk checker's sets.
    coded: tuple[Group, ...]
    #: Fields whose good values the fast paths learn (indices into ``fields``).
    learned: tuple[int, ...]
    #: Fields with a range test of their own (indices into ``fields``).
    ranged: tuple[int, ...]
    #: Free text no catalog checks: where a control character passes every other
    #: check of the fast paths (PR114), so they delete the control bytes and count.
    free_text: bool
    #: The decoder checks the line's whitespace before stripping text (GUARDED_TEXT).
    guarded_text: bool
    #: Some field has a profile check the fast paths cannot make (PR116, PR117): the
    #: validator tests blocks of lines for it before the fast paths see them
    #: (:mod:`pse_recon.validation.gate`), or sends every line the exact way.
    exact_only: bool = False

    @property
    def code(self) -> str:
        return self.layout.record_type

    @property
    def width(self) -> int:
        return self.layout.width


@attrs.frozen(eq=False)
class FormatPlan:
    """The plans of a layout's records, for one encoding class and line ending (made
    once: compared and hashed by identity)."""

    fmt: FileLayout
    ascii_only: bool
    newline: bytes
    records: Mapping[bytes, RecordPlan]
    #: Names of the fields whose values the structure needs, by record type
    #: (computed fields; the detail's summed fields; the state).
    wanted: Mapping[bytes, frozenset[str]]
    detail: RecordPlan
    #: Detail fields added up by some control (the detail's amount field first).
    summed: tuple[Field, ...]
    sequence: tuple[Field, SequenceRule] | None
    state_field: Field | None
    #: The detail's groups, the one that ends the record taking the line ending.
    groups: tuple[Group, ...]

    @property
    def w1(self) -> int:
        """A good detail line's length, line ending included."""
        return self.detail.width + len(self.newline)

    @property
    def controls(self) -> bytes:
        """The control bytes (C0 and DEL; C1 too where every byte is a character, as
        in latin-1) a line's ending aside must not hold. In the other encodings the
        fast paths take ASCII lines only, and bytes from 0x80 go the slow way."""
        return bytes(range(32)) + b"\x7f" + (b"" if self.ascii_only else bytes(range(0x80, 0xA0)))


def _runs(fields: tuple[Field, ...], wanted: Callable[[Field], bool]) -> tuple[tuple[int, int], ...]:
    """Maximal runs of adjacent fields for which ``wanted`` holds, as 0-based slices."""
    runs: list[tuple[int, int]] = []
    for f in fields:
        if not wanted(f):
            continue
        if runs and runs[-1][1] == f.start - 1:
            runs[-1] = (runs[-1][0], f.end)
        else:
            runs.append((f.start - 1, f.end))
    return tuple(runs)


def _groups(plans: tuple[FieldPlan, ...], first: int,
            accepted: Callable[[FieldPlan], frozenset[bytes] | None]) -> tuple[Group, ...]:
    """Runs of adjacent fields from index ``first`` whose ``accepted`` texts are listed,
    cut where the product of their values would pass GROUP_PRODUCT_CAP."""
    groups: list[Group] = []
    run: list[tuple[int, frozenset[bytes]]] = []

    def close() -> None:
        if run:
            a, b = plans[run[0][0]].field, plans[run[-1][0]].field
            product = {b"".join(p) for p in itertools.product(*(sorted(s) for _, s in run))}
            learnable = any(check.learnable for i, _ in run if (check := plans[i].check) is not None)
            groups.append(Group(a.start - 1, b.end, tuple(i for i, _ in run), frozenset(product),
                                learnable))
            run.clear()

    size = 1
    for i in range(first, len(plans)):
        values = accepted(plans[i])
        if values is None:
            close()
            size = 1
            continue
        if run and size * len(values) > GROUP_PRODUCT_CAP:
            close()
            size = 1
        run.append((i, values))
        size *= len(values)
    close()
    return tuple(groups)


def checks_on(levels: Mapping[str, object]) -> frozenset[str]:
    """The :data:`PLAN_CHECKS` that ``levels`` (code → severity, None: off) turn on."""
    return frozenset(code for code in PLAN_CHECKS if levels[code] is not None)


@functools.cache
def record_plan(rec: RecordLayout, on: frozenset[str] = frozenset()) -> RecordPlan:
    """The plan of record ``rec`` with the profile checks ``on`` (cached on the record
    layout, a value)."""
    plans = []
    for f in rec.fields:
        check = check_for(f)
        plans.append(FieldPlan(f, check, check.accepted(f) if check else frozenset(),
                               f.pse if "PR115" in on else None, f.profile_checks(on)))
    fields = tuple(plans)
    return RecordPlan(
        layout=rec,
        fields=fields,
        digit_runs=_runs(rec.fields, lambda f: f.needs_digits),
        blanks=_runs(rec.fields, lambda f: f.kind.byte_class == BLANK),
        # The type code is matched by dispatch: the groups start after it.
        groups=_groups(fields, 1, lambda fp: fp.accepted_bytes),
        coded=_groups(fields, 0, lambda fp: fp.accepted_bytes if fp.check is not None else None),
        learned=tuple(i for i, f in enumerate(rec.fields) if f.kind.learns),
        ranged=tuple(i for i, f in enumerate(rec.fields) if f.kind.ranged),
        free_text=any(f.kind.holds_text and f.catalog is None for f in rec.fields),
        guarded_text=sum(f.length for f in rec.fields if f.kind.holds_text) >= GUARDED_TEXT,
        exact_only=any(fp.profile for fp in fields),
    )


def _summed(fmt: FileLayout) -> tuple[Field, ...]:
    names = [fmt.amount_field]
    for rec in fmt:
        for f in rec.fields:
            if isinstance(f.computed, Sum) and f.computed.field not in names:
                names.append(f.computed.field)
    return tuple(fmt.detail.field(n) for n in names)


@functools.cache
def format_plan(fmt: FileLayout, ascii_only: bool = False, newline: bytes = b"\n",
                on: frozenset[str] = frozenset()) -> FormatPlan:
    """The plan of layout ``fmt`` for files that must be ASCII (a multi-byte encoding)
    or not, whose lines end in ``newline``, with the profile checks ``on``
    (:data:`PLAN_CHECKS`); cached on the layout, a value."""
    s = fmt.structure
    summed = _summed(fmt)
    state = s.state_field if isinstance(s, StateStructure) else None
    records = {}
    wanted = {}
    for code, role in s.roles().items():
        rec = fmt.records[code]
        names = {f.name for f in rec.fields if f.computed is not None}
        if role == DETAIL:
            names |= {f.name for f in summed}
        if state is not None and role in (DETAIL, FILE_CONTROL):
            names.add(state)
        if role == DETAIL and isinstance(s, StateStructure):
            names |= {*s.one_line_per, *([s.line_count] if s.line_count else [])}
        records[code.encode("latin-1")] = record_plan(rec, on)
        wanted[code.encode("latin-1")] = frozenset(names)
    detail = records[s.detail.encode("latin-1")]
    sequence = next(
        ((f, f.computed) for f in detail.layout.fields if isinstance(f.computed, SequenceRule)), None
    )
    return FormatPlan(
        fmt=fmt,
        ascii_only=ascii_only,
        newline=newline,
        records=records,
        wanted=wanted,
        detail=detail,
        summed=summed,
        sequence=sequence,
        state_field=fmt.detail.field(state) if state else None,
        groups=tuple(g.with_tail(newline) if g.end == detail.width else g for g in detail.groups),
    )


class Learned:
    """What one run's fast paths accept beyond their plan's lists: the values the
    exact path found silent in full-width details, at most LEARN_CAP per group or
    column (the scanner's groups, the bulk checker's coded groups, the dates both
    look up). Made per run: a file's codes teach nothing about another's."""

    def __init__(self, plan: FormatPlan) -> None:
        self.plan = plan
        self.groups = [set(g.initial) for g in plan.groups]
        self.coded = [set(g.initial) for g in plan.detail.coded]
        self.dates: list[set[bytes]] = [set() for _ in plan.detail.learned]

    def learn(self, raw: bytes, silent: list[bool]) -> None:
        """Learn from ``raw``, a full-width detail line whose fields the exact path
        found silent or not (``silent``, by field index)."""
        for groups, sets in ((self.plan.groups, self.groups), (self.plan.detail.coded, self.coded)):
            for g, accepted in zip(groups, sets, strict=True):
                if g.learnable and len(accepted) < LEARN_CAP and all(silent[i] for i in g.fields):
                    accepted.add(raw[g.start : g.end])
        fields = self.plan.detail.layout.fields
        for i, accepted in zip(self.plan.detail.learned, self.dates, strict=True):
            if silent[i] and len(accepted) < LEARN_CAP:
                accepted.add(raw[fields[i].start - 1 : fields[i].end])


def computed_roles(rec: RecordLayout) -> Iterator[tuple[Field, Count | Sum | LotNumber]]:
    """The fields of a control or lot header whose value is computed from details."""
    for f in rec.fields:
        if isinstance(f.computed, Count | Sum | LotNumber):
            yield f, f.computed
