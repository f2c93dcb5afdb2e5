"""The bulk path: a block of good detail records checked with a few C-level operations.

Most lines of a large file are good details in a row. The scanner of
:mod:`pse_recon.validation.plan` checks them one by one; this module checks a whole
block of them (``BLOCK`` lines from :func:`~pse_recon.codec.lines.iter_lines`) at
once, and when the block is anything but good details where details belong (in a
lot; in the body of a flat or PSE file) it says no and the block goes through the
scanner, line by line, as before. So the bulk path decides nothing on its own: it
accepts a block only when every line of it would pass the scanner's fast path,
and then has exactly the scanner's effect on the counts, sums (per state, in PSE)
and sequence.

How a block is checked, all derived from the detail's layout:

* the lines joined are translated to character classes (digit, blank, line end,
  other); every line must have the class pattern of the first, and that pattern
  (checked once, then remembered) must have digits in every digit field, blanks
  in every filler and the file's line ending last. That also proves that every
  line is exactly one record wide. A detail with free text (PSE: accounts,
  authorization codes, references), whose class pattern changes from line to
  line, is checked column by column instead: the line ending at every line's
  last columns (``k`` line ends where ``k`` lines have at most one each: every
  line is one record wide), ``isdigit`` over each digit column, blanks in each
  filler column, and no control byte but the line endings (one deletion over the
  block);
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
import itertools
from collections.abc import Callable
from itertools import compress
from operator import itemgetter
from typing import Final

import attrs

from pse_recon.fields import Kind
from pse_recon.layouts.base import FileLayout, StateStructure
from pse_recon.validation.plan import (
    GROUP_PRODUCT_CAP,
    FormatPlan,
    control_bytes,
    format_plan,
    has_free_text,
)

#: Lines per block.
BLOCK: Final = 1024
#: Class patterns remembered per run (each is one line long).
PATTERN_CAP: Final = 256
#: Values learned per field group, as in the scanner.
LEARN_CAP: Final = 65536

_DIGIT, _BLANK, _OTHER, _HIGH = ord("9"), ord(" "), ord("x"), ord("h")


def _class_table(ascii_only: bool) -> bytes:
    def cls(b: int) -> int:
        if 48 <= b <= 57:
            return _DIGIT
        if b in (32, 10, 13):
            return b
        return _HIGH if b >= 128 and ascii_only else _OTHER

    return bytes(cls(b) for b in range(256))


@attrs.frozen
class BulkGroup:
    """Adjacent catalog-coded fields, checked together as the slice ``[start:end]``."""

    start: int
    end: int
    fields: tuple[int, ...]  # indices into RecordPlan.fields
    initial: frozenset[bytes]

    @property
    def blank(self) -> bytes:
        return b" " * (self.end - self.start)


@attrs.frozen
class BulkPlan:
    width: int
    w1: int
    term: bytes
    table: bytes
    ascii_only: bool
    digit_runs: tuple[tuple[int, int], ...]
    fillers: tuple[tuple[int, int], ...]
    constants: tuple[tuple[int, bytes], ...]  # (column, one byte): exact, strided
    groups: tuple[BulkGroup, ...]
    dates: tuple[tuple[int, int, int], ...]  # (start, end, field index)
    times: tuple[tuple[int, int], ...]
    sequence: tuple[int, int] | None
    sums: tuple[tuple[int, int], ...]
    #: Checked column by column (the detail has free text), not by class pattern.
    by_columns: bool = False
    #: Details summed per state: the state's column (a one-byte field) and the
    #: states, one byte each; None for details counted in scopes.
    state: int | None = None
    states: bytes = b""
    #: Control bytes free text must not hold (PR114), checked by one deletion over
    #: the block in column mode.
    controls: bytes = b""


@functools.cache
def bulk_plan(fmt: FileLayout, ascii_only: bool, crlf: bool) -> BulkPlan | None:
    """The bulk plan of a layout's details (None when they cannot be checked in
    blocks: a state field wider than one byte). Cached on the layout."""
    return _bulk_plan(format_plan(fmt, ascii_only, crlf), ascii_only, crlf)


def _bulk_plan(plan: FormatPlan, ascii_only: bool, crlf: bool) -> BulkPlan | None:
    structure = plan.fmt.structure
    state: int | None = None
    states = b""
    if plan.state_field is not None:
        assert isinstance(structure, StateStructure)
        keys = [st.encode("latin-1") for st in structure.states]
        if plan.state_field.length != 1 or any(len(key) != 1 for key in keys):
            return None
        state, states = plan.state_field.start - 1, b"".join(keys)
    rec = plan.detail
    fields = rec.layout.fields
    runs: list[tuple[int, int]] = []
    for f in fields:
        if f.needs_digits:
            if runs and runs[-1][1] == f.start - 1:
                runs[-1] = (runs[-1][0], f.end)
            else:
                runs.append((f.start - 1, f.end))
    constants = tuple(
        (f.start - 1 + i, bytes([c]))
        for f in fields
        if f.kind is Kind.CONSTANT
        for i, c in enumerate((f.constant or "").encode("latin-1"))
    )
    groups: list[BulkGroup] = []
    current: list[int] = []
    size = 1

    def close() -> None:
        if current:
            first, last = fields[current[0]], fields[current[-1]]
            values = [sorted(v.encode("latin-1") for v in rec.fields[i].accepted) for i in current]
            groups.append(BulkGroup(first.start - 1, last.end, tuple(current),
                                    frozenset(b"".join(p) for p in itertools.product(*values))))
            current.clear()

    for i, fp in enumerate(rec.fields):
        if fp.check is None:
            close()
            size = 1
            continue
        if current and size * len(fp.accepted) > GROUP_PRODUCT_CAP:
            close()
            size = 1
        current.append(i)
        size *= len(fp.accepted)
    close()
    w = rec.width
    return BulkPlan(
        width=w,
        w1=w + (2 if crlf else 1),
        term=b"\r\n" if crlf else b"\n",
        table=_class_table(ascii_only),
        ascii_only=ascii_only,
        digit_runs=tuple(runs),
        fillers=tuple((f.start - 1, f.end) for f in fields if f.kind is Kind.FILLER),
        constants=constants,
        groups=tuple(groups),
        dates=tuple((f.start - 1, f.end, i) for i, f in enumerate(fields) if f.kind is Kind.DATE),
        times=tuple((f.start - 1, f.end) for f in fields if f.kind is Kind.TIME),
        sequence=(plan.sequence[0].start - 1, plan.sequence[0].end) if plan.sequence else None,
        sums=tuple((f.start - 1, f.end) for f in plan.summed),
        # Free text (no catalog) may hold anything: no class pattern is common to
        # the lines of a block.
        by_columns=has_free_text(rec.layout),
        state=state,
        states=states,
        controls=control_bytes(ascii_only),
    )


@functools.cache
def valid_times(length: int) -> frozenset[bytes]:
    """Every valid HHMM (0001 to 2400) or HHMMSS (000000 to 235959, and 240000)."""
    if length == 4:
        values = [f"{h:02d}{m:02d}" for h in range(24) for m in range(60) if h or m]
        values.append("2400")
    else:
        values = [f"{h:02d}{m:02d}{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
        values.append("240000")
    return frozenset(v.encode() for v in values)


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


_IS_2, _FROM_4, _IS_0 = _table(b"2"), _table(b"456789"), _table(b"0")


def times_in_range(block: bytes, start: int, length: int, w1: int) -> bool:
    """Whether the ``HHMM`` or ``HHMMSS`` at column ``start`` of every line of
    ``block`` lies in ``0001``-``2359`` (``000000``-``235959``), its digits checked
    apart: by columns, the lines whose hour starts with 2 marked in one integer and
    those whose hour ends in 4 or more in another, ANDed. False says only that some
    time needs looking at (``2400``, ``240000`` are in range but not seen here)."""
    if block[start + 2 :: w1].translate(None, b"012345"):
        return False
    if length == 6 and block[start + 4 :: w1].translate(None, b"012345"):
        return False
    first = block[start::w1]
    if first.translate(None, b"01"):
        if first.translate(None, b"012"):
            return False
        late = int.from_bytes(first.translate(_IS_2), "big")
        if late & int.from_bytes(block[start + 1 :: w1].translate(_FROM_4), "big"):
            return False
    if length == 4:  # 0000 is out of range (PR109)
        zero = -1
        for j in range(start, start + 4):
            zero &= int.from_bytes(block[j::w1].translate(_IS_0), "big")
        if zero:
            return False
    return True


def uniform(block: bytes, start: int, end: int, w1: int, lines: int) -> bool:
    """Whether columns ``[start:end]`` hold the same bytes on every line of ``block``."""
    return all(block[j::w1] == block[j : j + 1] * lines for j in range(start, end))


class Bulk:
    """One run's bulk checker: the learned sets and remembered patterns."""

    def __init__(self, plan: BulkPlan) -> None:
        self.plan = plan
        self.groups = [set(g.initial) for g in plan.groups]
        self.dates: list[set[bytes]] = [set() for _ in plan.dates]
        self.patterns: dict[bytes, tuple[tuple[int, ...], tuple[int, ...]] | None] = {}
        self.group_getters: list[Callable[[bytes], bytes]] = [
            itemgetter(slice(g.start, g.end)) for g in plan.groups
        ]
        self.date_getters = [itemgetter(slice(a, b)) for a, b, _ in plan.dates]
        self.time_getters = [(a, b - a, itemgetter(slice(a, b))) for a, b in plan.times]
        w1 = plan.w1
        # Column checks (free-text details): the line ending, every digit column.
        self.ends = [(slice(plan.width + i, None, w1), plan.term[i : i + 1]) for i in range(len(plan.term))]
        self.digit_columns = [slice(j, None, w1) for a, b in plan.digit_runs for j in range(a, b)]
        self.filler_columns = [slice(j, None, w1) for a, b in plan.fillers for j in range(a, b)]
        self.sum_getters = [itemgetter(slice(a, b)) for a, b in plan.sums]
        self.masks = {key: _table(bytes([key])) for key in plan.states}

    def learn(self, raw: bytes, silent: list[bool]) -> None:
        """What the slow path found silent in a full-width detail is accepted from
        now on (within LEARN_CAP values per field group)."""
        for g, accepted in zip(self.plan.groups, self.groups, strict=True):
            if len(accepted) < LEARN_CAP and all(silent[i] for i in g.fields):
                accepted.add(raw[g.start : g.end])
        for (a, b, i), accepted in zip(self.plan.dates, self.dates, strict=True):
            if len(accepted) < LEARN_CAP and silent[i]:
                accepted.add(raw[a:b])

    def _pattern(self, pattern: bytes) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """Whether a line of this class pattern can be a good detail; if so, which
        groups need their values checked and which are blank in it."""
        p = self.plan
        if pattern[p.width :] != p.term or pattern.find(10) != p.w1 - 1:
            return None
        if p.ascii_only and _HIGH in pattern:
            return None
        if any(pattern[a:b] != b"9" * (b - a) for a, b in p.digit_runs):
            return None
        if any(pattern[a:b] != b" " * (b - a) for a, b in p.fillers):
            return None
        blank = tuple(i for i, g in enumerate(p.groups) if pattern[g.start : g.end] == g.blank)
        check = tuple(i for i in range(len(p.groups)) if i not in blank)
        return check, blank

    def _shape(self, block: bytes, k: int) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """By class pattern: as :meth:`_pattern`, for the whole block."""
        p = self.plan
        classes = block.translate(p.table)
        pattern = classes[: p.w1]
        if classes != pattern * k:
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
        if p.ascii_only and not block.isascii():
            return False
        if len(block.translate(None, p.controls)) != k * p.width:  # free text: no controls
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
        if p.by_columns:
            info = (tuple(range(len(p.groups))), ()) if self._columns(block, k) else None
        else:
            info = self._shape(block, k)
        if info is None:
            return None
        w1 = p.w1
        for column, byte in p.constants:
            if block[column::w1] != byte * k:
                return None
        check, blank = info
        for i in blank:
            if p.groups[i].blank not in self.groups[i]:
                return None
        for i in check:
            g = p.groups[i]
            if g.end - g.start == 1:  # a one-byte code: its column, accepted bytes deleted
                if block[g.start :: w1].translate(None, b"".join(self.groups[i])):
                    return None
            elif uniform(block, g.start, g.end, w1, k):  # one value (PSE: 99 15): one lookup
                if block[g.start : g.end] not in self.groups[i]:
                    return None
            elif not self.groups[i].issuperset(map(self.group_getters[i], chunk)):
                return None
        for (a, b, _), getter, accepted in zip(p.dates, self.date_getters, self.dates, strict=True):
            if uniform(block, a, b, w1, k):
                if block[a:b] not in accepted:
                    return None
            elif not accepted.issuperset(map(getter, chunk)):
                return None
        for a, length, getter in self.time_getters:
            # The set of every valid time (7 MiB for HHMMSS) is made only for a block
            # the range check declines: one with 2400 or a bad time.
            if not times_in_range(block, a, length, w1) and not valid_times(length).issuperset(
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
