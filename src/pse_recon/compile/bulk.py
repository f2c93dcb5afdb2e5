"""The bulk path: a block of good detail records checked with a few C-level operations.

Most lines of a large file are good details in a row. The scanner
(:mod:`.scanner`) checks them one by one; this module checks a whole
block of them (``BLOCK`` lines from :func:`~pse_recon.codec.lines.iter_lines`) at
once, and when the block is anything but good details where details belong (in a
lot; in the body of a flat or PSE file) it says no and the block goes through the
scanner, line by line, as before. So the bulk path decides nothing on its own: it
accepts a block only when every line of it would pass the scanner's fast path,
and then has exactly the scanner's effect on the counts, sums (per state, in PSE)
and sequence.

How a block is checked, all derived from the detail's plan (:mod:`.plan`):

* the lines joined are translated to character classes (digit, blank, line end,
  other); every line must have the class pattern of the first, and that pattern
  (checked once, then remembered) must have digits in every digit field, blanks
  in every filler and the file's line ending last. That also proves that every
  line is exactly one record wide. A detail with free text (PSE: accounts,
  authorization codes, references), whose class pattern changes from line to
  line, is checked column by column instead: the line ending at every line's
  last columns (``k`` line ends where ``k`` lines have at most one each: every
  line is one record wide), ``isdigit`` over each digit column, blanks in each
  filler column, and no control byte but the line endings (one memchr per
  control byte over an ASCII block of LF lines, else one deletion over the block);
* constants (the record type) are compared column by column, with strided slices;
* coded fields (catalogs) are collected into a set, which must be a subset of the
  values accepted (and learned) so far (a one-byte code: its column, with every
  accepted byte deleted, must be empty); dates likewise; times by their columns
  (minutes and seconds below 6, hours below 24: the lines whose first hour digit
  is 2 marked in one big integer, those whose second is 4 or more in another, and
  the two ANDed), else as a set of valid times;
* the sequence numbers are compared column by column with the columns of the
  expected consecutive numbers;
* sums are computed column by column: the digit counts of each column, weighted.
  Where details are summed per state (PSE), the state column gives each state's
  count; the lines of every state but the most frequent are picked out with
  ``itertools.compress`` (the state column translated to a 0/1 mask) and their
  fields summed with ``int``; the most frequent state gets the block's column sums
  minus the others'.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from itertools import compress
from operator import itemgetter
from typing import Final

import attrs

from pse_recon.compile.plan import FormatPlan, Learned
from pse_recon.declaration import Field, StateStructure

#: Lines per block.
BLOCK: Final = 1024
#: Class patterns remembered per run (each is one line long).
PATTERN_CAP: Final = 256

_DIGIT, _BLANK, _OTHER, _HIGH = ord("9"), ord(" "), ord("x"), ord("h")


def _class_table(ascii_only: bool) -> bytes:
    def cls(b: int) -> int:
        if 48 <= b <= 57:
            return _DIGIT
        if b in (32, 10, 13):
            return b
        return _HIGH if b >= 128 and ascii_only else _OTHER

    return bytes(cls(b) for b in range(256))


@attrs.frozen(eq=False)
class BulkPlan:
    """The columns of a block's checks, from a format plan's detail."""

    plan: FormatPlan
    table: bytes
    constants: tuple[tuple[int, bytes], ...]  # (column, one byte): exact, strided
    dates: tuple[tuple[int, int, int], ...]  # (start, end, field index)
    times: tuple[tuple[int, Field], ...]  # (start, field): its kind's block test
    sequence: tuple[int, int] | None
    sums: tuple[tuple[int, int], ...]
    #: Details summed per state: the state's column (a one-byte field) and the
    #: states, one byte each; None for details counted in scopes.
    state: int | None = None
    states: bytes = b""

    @property
    def width(self) -> int:
        return self.plan.detail.width

    @property
    def w1(self) -> int:
        return self.plan.w1


@functools.cache
def bulk_plan(plan: FormatPlan) -> BulkPlan | None:
    """The bulk plan of a format plan's details (None when they cannot be checked in
    blocks: a state field wider than one byte)."""
    structure = plan.fmt.structure
    state: int | None = None
    states = b""
    if plan.state_field is not None:
        assert isinstance(structure, StateStructure)
        keys = [st.encode("latin-1") for st in structure.states]
        if plan.state_field.length != 1 or any(len(key) != 1 for key in keys):
            return None
        state, states = plan.state_field.start - 1, b"".join(keys)
    detail = plan.detail
    fields = detail.layout.fields
    return BulkPlan(
        plan=plan,
        table=_class_table(plan.ascii_only),
        constants=tuple(
            (f.start - 1 + i, bytes([c]))
            for f in fields
            if f.constant is not None
            for i, c in enumerate(f.constant.encode("latin-1"))
        ),
        dates=tuple((fields[i].start - 1, fields[i].end, i) for i in detail.learned),
        times=tuple((fields[i].start - 1, fields[i]) for i in detail.ranged),
        sequence=(plan.sequence[0].start - 1, plan.sequence[0].end) if plan.sequence else None,
        sums=tuple((f.start - 1, f.end) for f in plan.summed),
        state=state,
        states=states,
    )


def expected_column(first: int, count: int, power: int) -> bytes:
    """The digits of weight ``10**power`` of ``first, first + 1, …`` (``count`` numbers)."""
    p = 10**power
    if p <= 100:
        cycle = b"".join(bytes([48 + d]) * p for d in range(10))
        offset = first % len(cycle)
        return (cycle * ((offset + count) // len(cycle) + 1))[offset : offset + count]
    out = []
    done, value = 0, first
    while done < count:
        run = min(p - value % p, count - done)
        out.append(bytes([48 + (value // p) % 10]) * run)
        done += run
        value += run
    return b"".join(out)


def column_sum(block: bytes, start: int, end: int, w1: int) -> int:
    """The sum of the numbers in columns ``[start:end]`` of every line of ``block``
    (digits only): per column, the count of each digit, weighted by its place."""
    total = 0
    lines = len(block) // w1
    for j in range(start, end):
        column = block[j::w1]
        if column.count(48) == lines:  # the leading zeros of amounts
            total *= 10
        else:
            total = total * 10 + sum([d * column.count(48 + d) for d in range(1, 10)])
    return total


def _table(accepted: bytes) -> bytes:
    """A ``bytes.translate`` table: 1 for the bytes of ``accepted``, 0 for the rest."""
    return bytes(b in accepted for b in range(256))


def uniform(block: bytes, start: int, end: int, w1: int, lines: int) -> bool:
    """Whether columns ``[start:end]`` hold the same bytes on every line of ``block``."""
    return all(block[j::w1] == block[j : j + 1] * lines for j in range(start, end))


class Bulk:
    """One run's bulk checker: its plan, the run's learned values (shared with the
    scanner) and the class patterns it has seen."""

    def __init__(self, plan: BulkPlan, learned: Learned) -> None:
        self.plan = plan
        detail = plan.plan.detail
        self.groups = detail.coded
        self.learned = learned
        self.patterns: dict[bytes, tuple[tuple[int, ...], tuple[int, ...]] | None] = {}
        self.tiled = b""  # the last block's class pattern, line after line (_shape)
        self.group_getters: list[Callable[[bytes], bytes]] = [
            itemgetter(slice(g.start, g.end)) for g in self.groups
        ]
        self.date_getters = [itemgetter(slice(a, b)) for a, b, _ in plan.dates]
        self.time_getters = [
            (a, f.kind.block_test(f), f, itemgetter(slice(a, f.end))) for a, f in plan.times
        ]
        w1 = plan.w1
        term = plan.plan.newline
        # Column checks (free-text details): the line ending, every digit column.
        self.ends = [(slice(plan.width + i, None, w1), term[i : i + 1]) for i in range(len(term))]
        self.digit_columns = [slice(j, None, w1) for a, b in detail.digit_runs for j in range(a, b)]
        self.filler_columns = [slice(j, None, w1) for a, b in detail.blanks for j in range(a, b)]
        self.sum_getters = [itemgetter(slice(a, b)) for a, b in plan.sums]
        self.masks = {key: _table(bytes([key])) for key in plan.states}
        # Free text (no catalog) may hold anything: no class pattern is common to
        # the lines of a block, so they are checked column by column.
        self.by_columns = detail.free_text
        self.controls = plan.plan.controls
        #: The control bytes of ASCII text, LF aside, one by one: with LF endings
        #: every LF of a block ends a line (the lines are split at them), so an ASCII
        #: block holding none of these holds no control but its line endings. One
        #: ``in`` a byte is a memchr, and makes nothing; deleting the controls with
        #: ``translate`` makes a copy of the block (240 KiB for PSE) to count it.
        self.ascii_controls = (
            [bytes([c]) for c in self.controls if c < 0x80 and c != 10] if term == b"\n" else None
        )

    def _pattern(self, pattern: bytes) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """Whether a line of this class pattern can be a good detail; if so, which
        groups need their values checked and which are blank in it."""
        p = self.plan
        detail = p.plan.detail
        if pattern[p.width :] != p.plan.newline or pattern.find(10) != p.w1 - 1:
            return None
        if p.plan.ascii_only and _HIGH in pattern:
            return None
        if any(pattern[a:b] != b"9" * (b - a) for a, b in detail.digit_runs):
            return None
        if any(pattern[a:b] != b" " * (b - a) for a, b in detail.blanks):
            return None
        blank = tuple(i for i, g in enumerate(self.groups) if pattern[g.start : g.end] == g.blank)
        check = tuple(i for i in range(len(self.groups)) if i not in blank)
        return check, blank

    def _shape(self, block: bytes, k: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """By class pattern: as :meth:`_pattern`, for the whole block."""
        p = self.plan
        classes = block.translate(p.table)
        pattern = classes[: p.w1]
        # The pattern repeated k times, kept from the block before (the same, mostly):
        # made anew for each block, its 160 KiB cost page faults (80 µs) on top of the
        # comparison (3 µs) when the allocator handed back fresh memory each time.
        tiled = self.tiled
        if tiled[: p.w1] != pattern or len(tiled) != len(classes):
            tiled = self.tiled = pattern * k
        if classes != tiled:
            return None
        if pattern in self.patterns:
            return self.patterns[pattern]
        info = self._pattern(pattern)
        if len(self.patterns) < PATTERN_CAP:
            self.patterns[pattern] = info
        return info

    def _columns(self, block: bytes, k: int) -> bool:
        """By columns: every line ends at its last columns (a line holds one line
        ending at most, so ``k`` of them at those places make every line one record
        wide), holds digits in every digit column and blanks in every filler column."""
        p = self.plan
        if any(block[column] != end * k for column, end in self.ends):
            return False
        ascii = block.isascii()
        if p.plan.ascii_only and not ascii:
            return False
        if ascii and self.ascii_controls is not None:  # free text: no controls (PR114)
            if any(map(block.__contains__, self.ascii_controls)):
                return False
        elif len(block.translate(None, self.controls)) != k * p.width:
            return False
        if not all(map(bytes.isdigit, map(block.__getitem__, self.digit_columns))):
            return False
        blanks = b" " * k
        return all(block[column] == blanks for column in self.filler_columns)

    def accepts(self, chunk: list[bytes], q: int) -> bytes | None:
        """The block joined when every line is a good detail numbered from ``q``
        (in a state structure: with a state of the structure)."""
        p = self.plan
        k = len(chunk)
        block = b"".join(chunk)
        if len(block) != k * p.w1:
            return None
        info: tuple[tuple[int, ...], tuple[int, ...]] | None
        if self.by_columns:
            info = (tuple(range(len(self.groups))), ()) if self._columns(block, k) else None
        else:
            info = self._shape(block, k)
        if info is None:
            return None
        w1 = p.w1
        for column, byte in p.constants:
            if block[column::w1] != byte * k:
                return None
        check, blank = info
        coded = self.learned.coded
        for i in blank:
            if self.groups[i].blank not in coded[i]:
                return None
        for i in check:
            g = self.groups[i]
            if g.end - g.start == 1:  # a one-byte code: its column, accepted bytes deleted
                if block[g.start :: w1].translate(None, b"".join(coded[i])):
                    return None
            elif uniform(block, g.start, g.end, w1, k):  # one value (PSE: 99 15): one lookup
                if block[g.start : g.end] not in coded[i]:
                    return None
            elif not coded[i].issuperset(map(self.group_getters[i], chunk)):
                return None
        dates = zip(p.dates, self.date_getters, self.learned.dates, strict=True)
        for (a, b, _), getter, accepted in dates:
            if uniform(block, a, b, w1, k):
                if block[a:b] not in accepted:
                    return None
            elif not accepted.issuperset(map(getter, chunk)):
                return None
        for a, in_range, f, getter in self.time_getters:
            # The set of every valid time (7 MiB for HHMMSS) is made only for a block
            # the range check declines: one with 2400 or a bad time.
            if not in_range(block, a, w1) and not f.kind.valid_values(f).issuperset(
                map(getter, chunk)
            ):
                return None
        if p.sequence is not None:
            a, b = p.sequence
            if q + k > 10 ** (b - a):
                return None
            for j in range(a, b):
                if block[j::w1] != expected_column(q, k, b - 1 - j):
                    return None
        if p.state is not None and block[p.state :: w1].translate(None, p.states):
            return None
        return block

    def sums(self, block: bytes) -> list[int]:
        return [column_sum(block, a, b, self.plan.w1) for a, b in self.plan.sums]

    def by_state(self, block: bytes, chunk: list[bytes]) -> list[tuple[bytes, int, list[int]]]:
        """``(state, count, sums)`` of an accepted block whose details are summed
        per state, for each state found in it."""
        p = self.plan
        assert p.state is not None
        column = block[p.state :: p.w1]
        counts = sorted((column.count(key), key) for key in p.states)
        *others, (most, key) = [(n, key) for n, key in counts if n]
        if not others:
            return [(bytes([key]), most, self.sums(block))]
        found = []
        rest = [0] * len(p.sums)
        for n, other in others:
            lines = list(compress(chunk, column.translate(self.masks[other])))
            sums = [sum(map(int, map(getter, lines))) for getter in self.sum_getters]
            rest = [a + b for a, b in zip(rest, sums, strict=True)]
            found.append((bytes([other]), n, sums))
        found.append((bytes([key]), most, [a - b for a, b in zip(self.sums(block), rest, strict=True)]))
        return found
