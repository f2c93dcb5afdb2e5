"""The columnar fast path: a file's detail records checked and decoded column by
column over its bytes seen as a matrix, in blocks of :data:`CHUNK` rows.

It accepts a file only when ``read``'s hot path would take every line of it and
then assemble it without a finding but those of the line ends it reports itself
(CRLF, no ending after the last record): each detail line is its record's columns
and the file's line ending (the last line may have none), every check the detail's
compiled decoder makes holds column by column (its plan's digit runs by the
minimum and maximum of their bytes, constants, codes blank or digits, calendar
dates, times in range, the last column no CR), and the structure holds
(:func:`~pse_recon.codec.assemble.assemble` on the other records and one detail
per run, per state in PSE, which is all it looks at). The other records (headers
and controls: a few lines) go through the compiled decoders themselves. Anything
else returns None and the caller reads the file the exact way, so the fast path
never decides a verdict: it only says yes.

Each field's column is built by its kind's builder (:data:`BUILDERS`, keyed by the
kind's class); a layout with a kind that has none takes the row path.

The module is long because every check here must match one of the compiled
decoder's, and they are easier to compare kept together.
"""

from __future__ import annotations

import functools
import itertools
import mmap
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Final

from pse_recon.codec.assemble import assemble
from pse_recon.codec.reader import Decoding, Refused, _line_ends
from pse_recon.columnar.rows import INT64_DIGITS, arrow_type, in_lots, schema, table
from pse_recon.compile.plan import record_plan
from pse_recon.declaration import Field, FileLayout, LotStructure, StateStructure
from pse_recon.errors import ReadError
from pse_recon.findings import Finding
from pse_recon.profiles import DEFAULT as DEFAULT_RULES
from pse_recon.records.base import Record

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

#: Detail rows checked and decoded at a time: 4,096 lines of 2001 are 650 KB, which
#: stay in the processor's cache across a block's checks and columns (16,384 lines
#: were 20 % slower on this project's Xeon machine).
CHUNK: Final = 1 << 12
_ZERO, _NINE, _BLANK, _CR, _LF = 48, 57, 32, 13, 10


class Declined(Exception):
    """A check of the fast path failed: the row path decides."""


# -- columns --------------------------------------------------------------------------
def _number(m: np.ndarray) -> np.ndarray:
    """The digits of each row of ``m`` (checked digits, at most 18) as int64: the rows
    left-padded with zeros to whole 8-byte words, each word parsed in three steps
    (pairs, quads, octets: the SIMD-within-a-register way), the words combined."""
    import numpy as np

    k, length = m.shape
    words = -(-length // 8)
    padded = np.full((k, 8 * words), _ZERO, dtype=np.uint8)
    padded[:, 8 * words - length :] = m
    v = padded.view("<u8") - np.uint64(0x3030303030303030)
    v = (v * np.uint64(10) + (v >> np.uint64(8))) & np.uint64(0x00FF00FF00FF00FF)
    v = (v * np.uint64(100) + (v >> np.uint64(16))) & np.uint64(0x0000FFFF0000FFFF)
    v = (v * np.uint64(10000) + (v >> np.uint64(32))) & np.uint64(0x00000000FFFFFFFF)
    out = v[:, 0].astype(np.int64)
    for j in range(1, words):
        out = out * 100_000_000 + v[:, j].astype(np.int64)
    return out


def _strings(n: int, data: np.ndarray, lengths: np.ndarray | None, width: int,
             ascii: bool = False) -> pa.Array:
    """A string array of ``n`` values: ``data`` the values' latin-1 bytes end to end,
    each ``width`` long or ``lengths`` long; transcoded to UTF-8 when any is past ASCII
    (not looked for when the caller checked the bytes are ``ascii``: digits)."""
    import numpy as np
    import pyarrow as pa

    if lengths is None:
        offsets = _offsets(n, width)
    else:
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
    high = None if ascii else data >= 0x80
    if high is not None and high.any():  # latin-1 to UTF-8: each byte from 0x80 becomes two
        shift = np.concatenate(([0], np.cumsum(high, dtype=np.int64)))
        at = np.arange(len(data), dtype=np.int64) + shift[:-1]
        out = np.empty(len(data) + int(shift[-1]), dtype=np.uint8)
        out[at] = np.where(high, 0xC0 | (data >> 6), data)
        out[at[high] + 1] = 0x80 | (data[high] & 0x3F)
        offsets = offsets + shift[offsets]
        data = out
    if offsets[-1] >= 2**31:
        raise Declined  # a chunk is far smaller; never reached with CHUNK rows
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets.astype(np.int32, copy=False)),
                                       pa.py_buffer(np.ascontiguousarray(data)))


@functools.lru_cache(maxsize=64)
def _offsets(n: int, width: int) -> np.ndarray:
    """The offsets of ``n`` values of ``width`` bytes each: the same for every full
    block of a column, made once (Arrow's buffers never change what they view)."""
    import numpy as np

    return np.arange(0, (n + 1) * width, width, dtype=np.int32 if (n + 1) * width < 2**31 else np.int64)


def _copied(m: np.ndarray) -> np.ndarray:
    """The bytes of ``m``'s rows end to end. Always a copy: the values must not point
    into the input (a mapped file)."""
    import numpy as np

    return np.array(m, order="C", copy=True).reshape(-1)


def _fixed(f: Field, m: np.ndarray) -> pa.Array:
    """Digits: the columns as they are (checked digits, so ASCII)."""
    return _strings(len(m), _copied(m), None, f.length, ascii=True)


def _text(f: Field, m: np.ndarray) -> pa.Array:
    """Text without its trailing blanks (``str.rstrip(" ")``, as ``read``; Arrow's
    trim, over the values made UTF-8)."""
    import pyarrow.compute as pc

    return pc.utf8_rtrim(_strings(len(m), _copied(m), None, f.length), characters=" ")


def _code(f: Field, m: np.ndarray) -> pa.Array:
    """A code: its digits, or ``""`` when blank (the check: one or the other)."""
    import numpy as np

    blanks = m == _BLANK
    if blanks.all():  # a block all blank (no return) or all digits: one test
        return _strings(len(m), m[:0].reshape(-1), np.zeros(len(m), dtype=np.int64), f.length,
                        ascii=True)
    digit = m - _ZERO <= 9  # uint8: bytes below "0" wrap past 9
    if digit.all():
        return _fixed(f, m)
    blank: Any = blanks.all(axis=1)
    digits: Any = digit.all(axis=1)
    if not np.all(blank | digits):
        raise Declined
    lengths = np.where(blank, 0, f.length)
    return _strings(len(m), m[~blank].reshape(-1), lengths, f.length, ascii=True)


def _constant(f: Field, m: np.ndarray) -> pa.Array:
    """The fixed text, checked (but for the type code, which dispatch matched)."""
    import numpy as np

    value = (f.constant or "").encode("latin-1")
    if f.start != 1 and not np.all(m == np.frombuffer(value, dtype=np.uint8)):
        raise Declined
    return _strings(len(m), np.frombuffer(value * len(m), dtype=np.uint8), None, f.length)


def _from_buffer(type_: pa.DataType, values: np.ndarray) -> pa.Array:
    import pyarrow as pa

    return pa.Array.from_buffers(type_, len(values), [None, pa.py_buffer(values)])


def _integer(f: Field, m: np.ndarray) -> pa.Array:
    import pyarrow as pa

    if f.length > INT64_DIGITS:
        raise Declined
    return pa.array(_number(m), type=pa.int64())


def _amount(f: Field, m: np.ndarray) -> pa.Array:
    """decimal128 from its 16 bytes a value: the unscaled int64 low, zero high (the
    digits are never negative)."""
    import numpy as np

    if f.length > INT64_DIGITS:
        raise Declined
    words = np.zeros((len(m), 2), dtype=np.int64)
    words[:, 0] = _number(m)
    return _from_buffer(arrow_type(f), words)


def _date(f: Field, m: np.ndarray) -> pa.Array:
    """AAAAMMDD → days since 1970-01-01; a row that is no calendar date declines."""
    import numpy as np

    y, mo, d = _number(m[:, 0:4]), _number(m[:, 4:6]), _number(m[:, 6:8])
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    month_days = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
    good = (y >= 1) & (mo >= 1) & (mo <= 12)
    if not good.all():
        raise Declined
    if not np.all((d >= 1) & (d <= month_days[mo] + (leap & (mo == 2)))):
        raise Declined
    # Days from the civil date (H. Hinnant's algorithm), years from 1 on.
    y = y - (mo <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (mo + np.where(mo > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return _from_buffer(arrow_type(f), (era * 146097 + doe - 719468).astype(np.int32))


#: 23:59:59.999999 in microseconds: END_OF_DAY, what ``2400`` reads as (ADR 0007).
END_OF_DAY_US: Final = 86_400_000_000 - 1


def _time(f: Field, m: np.ndarray) -> pa.Array:
    """HHMM[SS] → microseconds since midnight; 24:00 is END_OF_DAY, out of range declines."""
    import numpy as np

    hh, mm = _number(m[:, 0:2]), _number(m[:, 2:4])
    ss = _number(m[:, 4:6]) if f.length == 6 else np.zeros_like(hh)
    end = (hh == 24) & (mm == 0) & (ss == 0)
    if not np.all(((hh < 24) & (mm < 60) & (ss < 60)) | end):
        raise Declined
    us = ((hh * 60 + mm) * 60 + ss) * 1_000_000
    return _from_buffer(arrow_type(f), np.where(end, END_OF_DAY_US, us))


Builder = Callable[[Field, "np.ndarray"], "pa.Array"]

#: A kind's ``column`` → the builder of its columns (which declines what the decoder
#: refuses beyond the digit runs, checked for the whole record first).
BUILDERS: Final[dict[str, Builder]] = {
    "digits": _fixed, "integer": _integer, "amount": _amount, "date": _date, "time": _time,
    "code": _code, "text": _text, "constant": _constant,
}


def supported(fmt: FileLayout) -> bool:
    """Whether every value of ``fmt``'s detail has a builder (fillers need none)."""
    return all(f.kind.column in BUILDERS or not f.is_attribute for f in fmt.detail.fields)


# -- lines ----------------------------------------------------------------------------
def _lines(buf: np.ndarray, fmt: FileLayout, newline: bytes) -> tuple[np.ndarray, np.ndarray, bool]:
    """Every line's start and body length (terminator excluded), and whether a body
    may still hold a line feed (the caller then checks the detail's unchecked
    columns); Declined unless every line but an unterminated last one ends in
    ``newline``. A format of one width is taken as lines of that width, its line
    ends checked where they must be; any other is scanned for its line feeds."""
    import numpy as np

    n, nl = len(buf), len(newline)
    terminated = n > 0 and buf[-1] == _LF
    if fmt.width is not None:
        w1 = fmt.width + nl
        count, rest = divmod(n + (0 if terminated else nl), w1)
        if rest == 0 and count > 0:
            starts = np.arange(0, count * w1, w1, dtype=np.int64)
            ends = starts[: count if terminated else count - 1] + w1 - 1
            if not np.all(buf[ends] == _LF) or (nl == 2 and not np.all(buf[ends - 1] == _CR)):
                raise Declined
            return starts, np.full(count, fmt.width, dtype=np.int64), True
    else:
        walked = _walk(buf, fmt, newline, terminated)
        if walked is not None:
            return walked
    ends = np.flatnonzero(buf == _LF)
    starts = np.concatenate(([0], ends[:-1] + 1)) if terminated else np.concatenate(([0], ends + 1))
    lengths = np.empty(len(starts), dtype=np.int64)
    body_ends = ends - (nl - 1)
    if nl == 2 and len(ends) and not np.all(buf[ends - 1] == _CR):
        raise Declined
    if terminated:
        lengths[:] = body_ends - starts
    else:
        lengths[:-1] = body_ends - starts[:-1]
        lengths[-1] = n - starts[-1]
    return starts, lengths, False


#: Runs of lines of one record type :func:`_walk` follows before it gives way to a scan.
WALK_RUNS: Final = 4096


def _walk(buf: np.ndarray, fmt: FileLayout, newline: bytes, terminated: bool
          ) -> tuple[np.ndarray, np.ndarray, bool] | None:
    """The lines of a format whose record types differ in width (PSE), taken run by run:
    from a line's type code its width, and as many lines of that type and width as
    follow (their type codes and line ends checked at that stride over a view); None
    past :data:`WALK_RUNS` runs. Declined where a line is of no type or width."""
    import numpy as np

    n, nl = len(buf), len(newline)
    tl = fmt.type_length
    types = {code.encode("latin-1"): rec.width for code, rec in fmt.records.items()}
    starts: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    pos = 0
    for _ in range(WALK_RUNS):
        if pos >= n:
            return np.concatenate(starts), np.concatenate(lengths), True
        code = bytes(buf[pos : pos + tl])
        width = types.get(code)
        if width is None:
            raise Declined
        w1 = width + nl
        count = (n - pos) // w1
        run = 0
        if count:
            view = buf[pos : pos + count * w1].reshape(count, w1)
            good = view[:, w1 - 1] == _LF
            for i, byte in enumerate(code):
                good &= view[:, i] == byte
            if nl == 2:
                good &= view[:, w1 - 2] == _CR
            run = count if good.all() else int(np.argmin(good))
        if run == 0:
            if terminated or pos + width != n:
                raise Declined  # neither a line of its width nor the unterminated last
            run, w1 = 1, width
        starts.append(np.arange(pos, pos + run * w1, w1, dtype=np.int64))
        lengths.append(np.full(run, width, dtype=np.int64))
        pos += run * w1
    return None


def _runs(rows: np.ndarray) -> Iterator[tuple[int, int]]:
    """Runs of consecutive numbers in sorted ``rows`` as (first index, end index)."""
    import numpy as np

    cuts = np.flatnonzero(np.diff(rows) != 1) + 1
    bounds = np.concatenate(([0], cuts, [len(rows)]))
    return ((int(a), int(b)) for a, b in itertools.pairwise(bounds))


class FastRead:
    """The tables of a file read on the fast path (:func:`fast_tables`)."""

    def __init__(self, tables: dict[str, pa.Table], findings: tuple[Finding, ...]) -> None:
        self.tables = tables
        self.findings = findings


def fast_tables(data: bytes | mmap.mmap, fmt: FileLayout, newline: bytes, lang: str) -> FastRead | None:
    """``data``'s tables (a latin-1 file of layout ``fmt`` whose first line ends in
    ``newline``, read lenient), or None where the row path must decide."""
    if newline not in (b"\n", b"\r\n") or not data or not supported(fmt):
        return None
    try:
        return _fast(data, fmt, newline, lang)
    except (Declined, ReadError):
        return None


def _fast(data: bytes | mmap.mmap, fmt: FileLayout, newline: bytes, lang: str) -> FastRead:
    import numpy as np

    buf = np.frombuffer(data, dtype=np.uint8)
    starts, lengths, unsplit = _lines(buf, fmt, newline)
    codes = list(fmt.records)
    tl = fmt.type_length
    if tl not in (1, 2) or np.any(lengths < tl):
        raise Declined
    key = buf[starts].astype(np.int64)
    if tl == 2:
        key = key * 256 + buf[starts + 1]
    lut = np.full(256**tl, -1, dtype=np.int64)
    for i, code in enumerate(codes):
        raw = code.encode("latin-1")
        lut[raw[0] * (256 if tl == 2 else 1) + (raw[1] if tl == 2 else 0)] = i
    kinds = lut[key]
    widths = np.array([fmt.records[c].width for c in codes], dtype=np.int64)
    if np.any(kinds < 0) or np.any(lengths != widths[kinds]):
        raise Declined
    s = fmt.structure
    di = codes.index(s.detail)
    is_detail = kinds == di
    drows = np.flatnonzero(is_detail)
    orows = np.flatnonzero(~is_detail)
    terminated = data[-1:] == b"\n"
    if not terminated and is_detail[-1]:
        raise Declined  # a detail last: the structure refuses it anyway
    decoding = Decoding(fmt, "latin-1", newline)

    def decode(row: int) -> Record:
        a = int(starts[row])
        end = a + int(lengths[row]) + (len(newline) if terminated or row < len(starts) - 1 else 0)
        raw = data[a:end]
        if unsplit and raw.count(b"\n") != (raw[-1:] == b"\n"):
            raise Declined  # a line feed inside: not one line
        out: list[Record] = []
        slow: list[int] = []
        try:
            decoding.into(out, [raw], row + 1, slow)
        except Refused:
            raise Declined from None
        if slow:
            raise Declined
        return out[0]

    others = {int(r): decode(int(r)) for r in orows}
    w1 = fmt.detail.width + len(newline)
    runs = list(_runs(drows)) if len(drows) else []
    views = [buf[starts[drows[a]] : starts[drows[a]] + (b - a) * w1].reshape(b - a, w1)
             for a, b in runs]
    _check_structure(fmt, others, drows, runs, views, decode)

    detail = fmt.detail
    plan = record_plan(detail)
    fields = [f for f in detail.fields if f.is_attribute]
    builders = [BUILDERS[f.kind.column or ""] for f in fields]  # all there: supported()
    # Columns no check below proves free of line feeds (text, fillers), when the
    # lines were taken by their width rather than split at their line feeds.
    free = [(f.start - 1, f.end) for f in detail.fields
            if unsplit and (f.kind.holds_text or not f.is_attribute)]
    columns: list[list[pa.Array]] = [[] for _ in fields]
    for view in views:
        for c in range(0, len(view), CHUNK):
            m = view[c : c + CHUNK]
            if np.any(m[:, detail.width - 1] == _CR):
                raise Declined
            for a, b in plan.digit_runs:
                run = m[:, a:b]
                if run.min() < _ZERO or run.max() > _NINE:
                    raise Declined
            for a, b in free:
                if np.any(m[:, a:b] == _LF):
                    raise Declined
            for f, build, out in zip(fields, builders, columns, strict=True):
                out.append(build(f, m[:, f.start - 1 : f.end]))

    lots = np.cumsum(kinds == codes.index(s.lot_header)) if isinstance(s, LotStructure) else None
    tables = {code: table(fmt, fmt.records[code],
                          ((r, int(lots[row]) if lots is not None else 0)
                           for row, r in others.items() if r.record_type == code))
              for code in codes if code != s.detail}
    tables[s.detail] = _detail_table(fmt, drows, lots, fields, columns)
    ordered = [others[int(orows[0])], others[int(orows[-1])]]
    return FastRead({code: tables[code] for code in codes}, _line_ends(ordered, newline, DEFAULT_RULES, lang))


def _check_structure(fmt: FileLayout, others: dict[int, Record], drows: np.ndarray,
                     runs: list[tuple[int, int]], views: list[np.ndarray],
                     decode: Callable[[int], Record]) -> None:
    """ReadError unless the structure holds: assembled from the other records and,
    for each run of details, its first (and, per state, the first of each state)."""
    import numpy as np

    s = fmt.structure
    chosen = dict(others)
    for (a, _), view in zip(runs, views, strict=True):
        picks = [0]
        if isinstance(s, StateStructure):
            state = fmt.detail.field(s.state_field)
            column = np.ascontiguousarray(view[:, state.start - 1 : state.end]).view(f"S{state.length}")
            picks = [int(i) for i in np.unique(column.reshape(-1), return_index=True)[1]]
        for i in picks:
            row = int(drows[a + i])
            chosen[row] = decode(row)
    assemble(fmt, [chosen[row] for row in sorted(chosen)])


def _detail_table(fmt: FileLayout, drows: np.ndarray, lots: np.ndarray | None,
                  fields: list[Field], columns: list[list[pa.Array]]) -> pa.Table:
    import pyarrow as pa

    s = schema(fmt, fmt.detail)
    head: list[Any] = [pa.array(drows + 1, type=pa.int64())]
    if in_lots(fmt, fmt.detail):
        assert lots is not None
        head.append(pa.array(lots[drows], type=pa.int64()))
    body = [pa.chunked_array(chunks, type=arrow_type(f)) for f, chunks in zip(fields, columns, strict=True)]
    return pa.Table.from_arrays(head + body, schema=s)
