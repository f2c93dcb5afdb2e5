"""Mutation check of the validator: single mutations of valid files must be reported
where they are.

Each valid file (the golden files, the real bank files when the shared corpus is
there, and small generated files) gets every single mutation of each kind below, at
positions taken from ``pse_recon.layout(...)`` fields, never typed. For each
mutated file we know, from the construction (never from the validator), whether it
is still valid and which lines the mutation affected; the validator (lenient) must
then report an error at one of those lines, or no error at all when the file is
still valid.

Where each kind must be reported (``affected``), in the mutated file's numbering:

* ``amount_digit``: a digit of a detail field that controls add up (the amount; VAT;
  pse-summary's transaction counts) changed. The detail itself is still well formed;
  what is now wrong is every total that covers it, so an error is required at *each*
  covering control: the lot control and the file control (2001, Andesco), the totals
  (1998), the line of the detail's state and the grand total (PSE).
* ``control_off_by_one``: a computed field (a count, a total, a lot number, a
  sequence) one more (or one less when it is all nines): at that line.
* ``digit_to_letter``: one digit of a field that must hold digits becomes a letter:
  at that line.
* ``impossible_date`` / ``impossible_time``: a date field made 30 February, month 13
  or day 32; a time field made minute 60 or hour 25: at that line.
* ``filler_nonblank``, ``constant_changed`` (a fixed field other than the record
  type), ``type_changed`` (the record type made unknown), ``char_insert`` (a
  character inserted into a full-width line): at that line.
* ``line_swap`` of lines a < b: lines a to b (the part of the file whose order
  changed: a displaced record may be noticed at the first line it no longer fits
  before) and the controls covering either record (a record moved to another lot
  changes both lots' totals).
* ``line_delete`` of line a: lines a - 1 and a (where the hole is), the controls
  that covered the record (their counts and totals changed), and, for a closing
  record (a control, a PSE state line), the last line, where a missing closing
  record is noticed.
* ``line_duplicate`` of line a (the copy at a + 1): lines a and a + 1 and the
  controls covering the record.

Mutations that leave the file valid are checked to be reported as such (no error):
``reference_digit`` (a digit changed in an identifier no rule constrains), swaps of
two PSE type-2 lines (their order carries no meaning), of two PSE state lines
neither of which is the grand total, of two details that agree in every summed field
and sequence (different lots), and deletions or duplicates that change no count
(pse-summary lines adding up to nothing, a state line of a state with no
transactions). Swapping two identical lines changes no byte and is not a mutation.

The share caught per kind is printed by ``test_catch_rates`` (``pytest -s``) and
recorded in docs/fuzzing.md.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon
from golden_files import GOLDEN, GOLDEN_FILES
from pse_recon.declaration import (
    Constant,
    Count,
    Date,
    DigitKind,
    Digits,
    Field,
    FileLayout,
    Filler,
    FlatStructure,
    LotNumber,
    LotStructure,
    RecordLayout,
    Sequence,
    StateStructure,
    Sum,
    Time,
)
from pse_recon.testing import file_bytes

TESTS = Path(__file__).parent
REAL = TESTS.parent.parent / "shared" / "corpus" / "real"

#: The real files that are valid (lenient); davivienda's controls are wrong on purpose.
REAL_FILES = {
    "asobancaria2001-agrario-11julio.txt": ("asobancaria-2001", 162),
    "asobancaria2001-bogota-24julio.txt": ("asobancaria-2001", 162),
    "asobancaria2001-occidente-valid.txt": ("asobancaria-2001", 162),
}

#: Kinds that make the file invalid every time, by construction: caught 100%.
ALWAYS_INVALID = (
    "amount_digit", "control_off_by_one", "digit_to_letter", "impossible_date",
    "impossible_time", "filler_nonblank", "constant_changed", "type_changed", "char_insert",
    "line_duplicate",
)
#: Kinds whose mutations may or may not leave the file valid (decided per mutation).
SOMETIMES_INVALID = ("line_swap", "line_delete")
#: Kinds that never make the file invalid.
NEVER_INVALID = ("reference_digit",)
KINDS = (*ALWAYS_INVALID, *SOMETIMES_INVALID, *NEVER_INVALID)


@dataclass(frozen=True)
class Mutation:
    kind: str
    what: str
    data: bytes
    #: Lines at which an error is required (any of them); empty: the file stays valid.
    any_of: frozenset[int]
    #: Lines at each of which an error is required (amount_digit).
    each_of: frozenset[int] = frozenset()

    @property
    def invalid(self) -> bool:
        return bool(self.any_of or self.each_of)


# -- the valid file, as records at places ------------------------------------------------
class Model:
    """A valid file split into lines, each with its record layout, and which control
    lines cover which records: worked out from the structure and the layouts'
    computed roles, not by the validator."""

    def __init__(self, data: bytes, format: str, width: int | None) -> None:
        self.data = data
        self.fmt: FileLayout = pse_recon.layout(format, width)
        self.lines = data.splitlines(keepends=True)
        self.bodies = [ln.rstrip(b"\r\n") for ln in self.lines]
        self.terms = [ln[len(b) :] for ln, b in zip(self.lines, self.bodies, strict=True)]
        tl = self.fmt.type_length
        self.recs: list[RecordLayout] = [self.fmt[b[:tl].decode()] for b in self.bodies]
        self.covering: dict[int, set[int]] = {n: set() for n in range(1, len(self.lines) + 1)}
        self.state_lines: dict[str, int] = {}
        self._scopes()

    def code(self, n: int) -> str:
        return self.recs[n - 1].record_type

    def text(self, n: int, f: Field) -> str:
        return self.bodies[n - 1][f.start - 1 : f.end].decode("latin-1")

    def _scopes(self) -> None:
        s = self.fmt.structure
        n_lines = len(self.lines)
        if isinstance(s, LotStructure):
            file_control = next(n for n in range(n_lines, 0, -1) if self.code(n) == s.file_control)
            members: list[int] = []
            for n in range(1, n_lines + 1):
                code = self.code(n)
                if code == s.lot_header:
                    members = [n]
                elif code == s.detail:
                    members.append(n)
                    self.covering[n].add(file_control)
                elif code == s.lot_control:
                    for m in members:  # the lot's header (lot number) and details
                        self.covering[m].add(n)
        elif isinstance(s, FlatStructure):
            totals = next(n for n in range(n_lines, 0, -1) if self.code(n) == s.totals)
            for n in range(1, n_lines + 1):
                if self.code(n) == s.detail:
                    self.covering[n].add(totals)
        else:
            assert isinstance(s, StateStructure)
            for n in range(1, n_lines + 1):
                if self.code(n) == s.totals:
                    self.state_lines[self.state(n)] = n
            for n in range(1, n_lines + 1):
                if self.code(n) == s.detail:
                    self.covering[n].add(self.state_lines[self.state(n)])
                    if s.grand_total is not None:
                        self.covering[n].add(self.state_lines[s.grand_total])

    def state(self, n: int) -> str:
        s = self.fmt.structure
        assert isinstance(s, StateStructure)
        return self.text(n, self.recs[n - 1].field(s.state_field))

    def summed_fields(self) -> list[Field]:
        """Detail fields that some control adds up."""
        names = {f.computed.field for rec in self.fmt for f in rec.fields if isinstance(f.computed, Sum)}
        return [f for f in self.fmt.detail.fields if f.name in names]

    def sums_zero(self, n: int) -> bool:
        return all(int(self.text(n, f)) == 0 for f in self.summed_fields())

    def closing(self, n: int) -> bool:
        """Whether line ``n`` is a closing record: one with computed counts or totals."""
        return any(isinstance(f.computed, Count | Sum) for f in self.recs[n - 1].fields)

    def with_line(self, n: int, body: bytes) -> bytes:
        lines = self.lines.copy()
        lines[n - 1] = body + self.terms[n - 1]
        return b"".join(lines)

    def with_field(self, n: int, f: Field, text: str) -> bytes:
        assert len(text) == f.length, (f.name, text)
        body = self.bodies[n - 1]
        return self.with_line(n, body[: f.start - 1] + text.encode("latin-1") + body[f.end :])

    def present(self, n: int) -> list[Field]:
        """The fields of line ``n`` wholly present (a real last line may be short)."""
        return [f for f in self.recs[n - 1].fields if f.end <= len(self.bodies[n - 1])]


# -- the mutations ---------------------------------------------------------------------------
def _other_digit(c: str) -> str:
    return str((int(c) + 5) % 10)


def _plus_one(text: str) -> str:
    value = int(text)
    value = value + 1 if value + 1 < 10 ** len(text) else value - 1
    return str(value).zfill(len(text))


def field_mutations(m: Model) -> Iterator[Mutation]:
    summed = {f.name for f in m.summed_fields()}
    detail = m.fmt.structure.detail
    for n in range(1, len(m.lines) + 1):
        rec = m.recs[n - 1]
        for f in m.present(n):
            text = m.text(n, f)
            where = f"line {n} {rec.record_type}.{f.name}"
            if rec.record_type == detail and f.name in summed:
                for i in range(f.length):
                    new = text[:i] + _other_digit(text[i]) + text[i + 1 :]
                    yield Mutation("amount_digit", f"{where} digit {i + 1}", m.with_field(n, f, new),
                                   frozenset(), frozenset(m.covering[n]))
            if isinstance(f.computed, Count | Sum | LotNumber | Sequence):
                yield Mutation("control_off_by_one", where, m.with_field(n, f, _plus_one(text)),
                               frozenset({n}))
            if isinstance(f.kind, DigitKind):
                for i in {0, f.length - 1}:
                    new = text[:i] + "A" + text[i + 1 :]
                    yield Mutation("digit_to_letter", f"{where} column {f.start + i}",
                                   m.with_field(n, f, new), frozenset({n}))
            if isinstance(f.kind, Date):
                year, month = text[:4], text[4:6]
                for new in (f"{year}0230", f"{year}13{text[6:]}", f"{year}{month}32"):
                    yield Mutation("impossible_date", f"{where} = {new}", m.with_field(n, f, new),
                                   frozenset({n}))
            if isinstance(f.kind, Time):
                for new in (text[:2] + "60" + text[4:], "25" + text[2:]):
                    yield Mutation("impossible_time", f"{where} = {new}", m.with_field(n, f, new),
                                   frozenset({n}))
            if isinstance(f.kind, Filler):
                for i in {0, f.length - 1}:
                    new = text[:i] + "X" + text[i + 1 :]
                    yield Mutation("filler_nonblank", f"{where} column {f.start + i}",
                                   m.with_field(n, f, new), frozenset({n}))
            if isinstance(f.kind, Constant):
                assert f.constant is not None
                new = ("X" if f.constant[0] != "X" else "Y") + f.constant[1:]
                kind = "type_changed" if f.start == 1 else "constant_changed"
                yield Mutation(kind, f"{where} = {new!r}", m.with_field(n, f, new), frozenset({n}))
            if (isinstance(f.kind, Digits) and f.catalog is None and f.computed is None
                    and f.name not in summed):
                new = text[:-1] + _other_digit(text[-1])
                yield Mutation("reference_digit", where, m.with_field(n, f, new), frozenset())
        body = m.bodies[n - 1]
        if len(body) == rec.width:
            for column in sorted({1, 3, rec.width // 2, rec.width}):
                new_body = body[: column - 1] + b"0" + body[column - 1 :]
                yield Mutation("char_insert", f"line {n} column {column}", m.with_line(n, new_body),
                               frozenset({n}))


def _join(lines: list[bytes]) -> bytes:
    # A line moved from the end keeps no terminator: give it the file's, so only
    # the order changes (a last line without one is the real files' habit, not ours).
    fixed = [ln if ln.endswith(b"\n") or i == len(lines) - 1 else ln + b"\n" for i, ln in enumerate(lines)]
    return b"".join(fixed)


def swap_valid(m: Model, a: int, b: int) -> bool:
    """Whether swapping two different lines a < b leaves the file valid."""
    ra, rb = m.recs[a - 1], m.recs[b - 1]
    if ra.record_type != rb.record_type:
        return False  # the sequence of record types is no longer the format's
    s = m.fmt.structure
    if isinstance(s, StateStructure):
        if ra.record_type == s.detail:
            return True  # type-2 lines carry their state; their order means nothing
        if ra.record_type == s.totals:
            return s.grand_total not in (m.state(a), m.state(b))  # the grand total is last
        return False
    if ra.record_type != s.detail:
        return False  # lot headers and controls carry their lot numbers
    sequence = [f for f in ra.fields if isinstance(f.computed, Sequence)]
    if any(m.text(a, f) != m.text(b, f) for f in sequence):
        return False  # numbered 2, 3 … in file order (per lot, or over the file)
    summed = m.summed_fields()
    # Same sequence number: details of two lots. Moved between lots, they change both
    # lots' totals unless they add the same.
    return all(m.text(a, f) == m.text(b, f) for f in summed)


def line_mutations(m: Model, rng: random.Random, max_pairs: int = 300) -> Iterator[Mutation]:
    count = len(m.lines)
    last = count
    pairs = [(a, b) for a in range(1, count + 1) for b in range(a + 1, count + 1)]
    if len(pairs) > max_pairs:
        adjacent = [(a, a + 1) for a in range(1, count)]
        pairs = sorted(set(adjacent) | set(rng.sample(pairs, max_pairs)))
    for a, b in pairs:
        if m.bodies[a - 1] == m.bodies[b - 1]:
            continue
        lines = m.lines.copy()
        lines[a - 1], lines[b - 1] = lines[b - 1], lines[a - 1]
        if swap_valid(m, a, b):
            affected: frozenset[int] = frozenset()
        else:
            affected = frozenset(range(a, b + 1)) | m.covering[a] | m.covering[b]
        yield Mutation("line_swap", f"lines {a} and {b}", _join(lines), affected)
    s = m.fmt.structure
    for a in range(1, count + 1):
        lines = m.lines.copy()
        del lines[a - 1]
        if not lines:
            continue
        code = m.code(a)
        keeps = isinstance(s, StateStructure) and s.grand_total is None and (
            (code == s.detail and m.sums_zero(a))
            or (code == s.totals and not any(m.code(n) == s.detail and m.state(n) == m.state(a)
                                             for n in range(1, count + 1)))
        )
        affected = frozenset()
        if not keeps:
            affected = frozenset({a - 1, a}) | {c - 1 for c in m.covering[a] if c > a} | (
                {c for c in m.covering[a] if c < a})
            if m.closing(a):
                affected |= {last - 1}
        yield Mutation("line_delete", f"line {a} ({code})", _join(lines), affected)
    for a in range(1, count + 1):
        lines = m.lines.copy()
        copy = lines[a - 1] if lines[a - 1].endswith(b"\n") else lines[a - 1] + m.terms[0]
        lines.insert(a, copy)
        lines[a - 1] = copy
        code = m.code(a)
        keeps = isinstance(s, StateStructure) and s.grand_total is None and (
            code == s.detail and m.sums_zero(a))
        affected = frozenset()
        if not keeps:
            affected = frozenset({a, a + 1}) | {c + 1 for c in m.covering[a] if c > a} | (
                {c for c in m.covering[a] if c < a})
        yield Mutation("line_duplicate", f"line {a} ({code})", _join(lines), affected)


def all_mutations(m: Model, rng: random.Random) -> Iterator[Mutation]:
    yield from field_mutations(m)
    yield from line_mutations(m, rng)


# -- judging -----------------------------------------------------------------------------
@dataclass
class Outcome:
    mutation: Mutation
    caught: bool  # reported where required (or, for a valid result, not reported)
    errors: list[tuple[str, int, str | None]]


def judge(mutation: Mutation, format: str, width: int | None) -> Outcome:
    report = pse_recon.validate(mutation.data, format, width=width)
    errors = [(f.code, f.line, f.field) for f in report.errors]
    lines = {line for _, line, _ in errors}
    if not mutation.invalid:
        caught = not errors
    elif mutation.each_of:
        caught = mutation.each_of <= lines
    else:
        caught = bool(lines & mutation.any_of)
    return Outcome(mutation, caught, errors)


def seed_files() -> dict[str, tuple[bytes, str, int | None]]:
    out = {}
    for name, (fmt, width) in GOLDEN_FILES.items():
        out[f"golden/{name}"] = ((GOLDEN / name).read_bytes(), fmt, width)
    if REAL.is_dir():
        for name, (fmt, width) in REAL_FILES.items():
            if (REAL / name).is_file():
                out[f"real/{name}"] = ((REAL / name).read_bytes(), fmt, width)
    return out


@pytest.fixture(scope="module")
def outcomes() -> dict[str, list[Outcome]]:
    """Every mutation of every golden and real file, judged: kind → outcomes."""
    by_kind: dict[str, list[Outcome]] = {kind: [] for kind in KINDS}
    rng = random.Random(20261120)
    for _name, (data, fmt, width) in sorted(seed_files().items()):
        assert pse_recon.validate(data, fmt, width=width).valid, _name
        for mutation in all_mutations(Model(data, fmt, width), rng):
            by_kind[mutation.kind].append(judge(mutation, fmt, width))
    return by_kind


def _misses(results: list[Outcome]) -> str:
    return "\n".join(
        f"{o.mutation.what}: needed an error at {sorted(o.mutation.each_of or o.mutation.any_of)}, "
        f"got {o.errors}"
        for o in results if not o.caught
    )[:4000]


@pytest.mark.parametrize("kind", ALWAYS_INVALID)
def test_mutations_that_always_break_the_file_are_reported_where_they_are(
    outcomes: dict[str, list[Outcome]], kind: str
) -> None:
    results = outcomes[kind]
    assert results, f"no {kind} mutation was made"
    assert all(o.mutation.invalid for o in results)
    assert all(o.caught for o in results), _misses(results)


@pytest.mark.parametrize("kind", SOMETIMES_INVALID)
def test_moves_are_reported_where_they_break_the_file(outcomes: dict[str, list[Outcome]], kind: str) -> None:
    results = outcomes[kind]
    breaking = [o for o in results if o.mutation.invalid]
    harmless = [o for o in results if not o.mutation.invalid]
    assert breaking and harmless
    assert all(o.caught for o in breaking), _misses(breaking)
    assert all(o.caught for o in harmless), _misses(harmless)  # not reported


def test_mutations_that_keep_the_file_valid_are_not_reported(outcomes: dict[str, list[Outcome]]) -> None:
    results = outcomes["reference_digit"]
    assert results and not any(o.mutation.invalid for o in results)
    assert all(o.caught for o in results), _misses(results)


def test_catch_rates(outcomes: dict[str, list[Outcome]]) -> None:
    """The share of breaking mutations reported at an affected line, per kind and
    overall; printed with ``pytest -s``."""
    rows = []
    totals = Counter[str]()
    for kind in KINDS:
        breaking = [o for o in outcomes[kind] if o.mutation.invalid]
        harmless = [o for o in outcomes[kind] if not o.mutation.invalid]
        caught = sum(o.caught for o in breaking)
        silent = sum(o.caught for o in harmless)
        totals.update(breaking=len(breaking), caught=caught, harmless=len(harmless), silent=silent)
        share = f"{100 * caught / len(breaking):.1f}%" if breaking else "-"
        rows.append(f"| {kind} | {len(breaking)} | {caught} | {share} | {len(harmless)} | {silent} |")
    overall = 100 * totals["caught"] / totals["breaking"]
    print("\n| kind | breaking | caught at an affected line | share | valid after | not reported |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"| overall | {totals['breaking']} | {totals['caught']} | {overall:.1f}% | "
          f"{totals['harmless']} | {totals['silent']} |")
    assert totals["caught"] == totals["breaking"]
    assert totals["silent"] == totals["harmless"]


# -- generated files ------------------------------------------------------------------------
FORMAT_WIDTHS = [
    (name, w) for name, fmt in sorted(pse_recon.FORMATS.items()) for w in (fmt.widths or (None,))
]


@pytest.mark.parametrize(("format", "width"), FORMAT_WIDTHS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutations_of_generated_files(format: str, width: int | None, data: st.DataObject) -> None:
    source = data.draw(file_bytes(format, width, max_details=4, max_lots=2), label="file")
    m = Model(source, format, width)
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1), label="seed"))
    mutations: dict[str, list[Mutation]] = {}
    for mutation in all_mutations(m, rng):
        mutations.setdefault(mutation.kind, []).append(mutation)
    for kind in sorted(mutations):  # a few of each kind, drawn
        for mutation in rng.sample(mutations[kind], min(3, len(mutations[kind]))):
            outcome = judge(mutation, format, width)
            assert outcome.caught, (
                f"{kind} {mutation.what}: needed "
                f"{sorted(mutation.each_of or mutation.any_of) or 'no error'}, got {outcome.errors}"
            )
