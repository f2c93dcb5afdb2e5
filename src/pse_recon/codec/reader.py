"""Reading: bytes in, typed records and file objects out.

Reading is tolerant of what real banks do (CRLF, a last line without terminator
or padding, trimmed trailing blanks, non-blank fillers): it accepts such files and
keeps every record's raw bytes, so writing them back gives the same bytes. What
cannot be typed (a letter in an amount, an impossible date, an unknown record
type, a broken structure) raises :class:`~pse_recon.errors.ReadError` with the
finding. To list *every* problem of a file, use :func:`pse_recon.validate`.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator

from pse_recon.codec.compiler import CompiledRecord, compile_format, odd_whitespace
from pse_recon.codec.lines import MAX_LINE, Source, iter_lines, open_source, split_terminator
from pse_recon.errors import ReadError
from pse_recon.fields import Field, Kind
from pse_recon.findings import Finding
from pse_recon.layouts import FORMATS
from pse_recon.layouts import layout as get_layout
from pse_recon.layouts.base import FileLayout, FlatStructure, LotStructure, RecordLayout
from pse_recon.records.base import Record
from pse_recon.records.files import File, FlatFile, Lot, LotFile, PseFile
from pse_recon.rules import RULES

#: How many leading lines detection may look at.
DETECT_LINES = 50
DEFAULT_ENCODING = "latin-1"


def finding(
    code: str,
    line: int,
    message: str,
    *,
    record: str | None = None,
    field: Field | None = None,
    columns: tuple[int, int] = (0, 0),
    text: str = "",
    strict: bool = False,
) -> Finding:
    """A finding of catalog rule ``code``, its severity taken from the catalog."""
    if field is not None:
        columns = (field.start, field.end)
    return Finding(
        line=line,
        column=columns[0],
        end_column=columns[1],
        record=record,
        field=field.name if field else None,
        code=code,
        severity=RULES[code].severity_for(strict),
        message=message,
        text=text,
    )


def field_code(f: Field, text: str) -> str:
    """The catalog code of a field whose text is not of its kind."""
    if f.kind is Kind.CONSTANT:
        return "PR104"
    if f.kind is Kind.FILLER:
        return "PR105"
    if not (text.isascii() and text.isdigit()):
        return "PR101"
    return "PR102" if f.kind is Kind.DATE else "PR103"


def diagnose(rec: RecordLayout, text: str, line: int, *, fillers: bool = True) -> list[Finding]:
    """Every field of ``text`` (a full-width line) that is not of its kind."""
    found = []
    for f in rec.fields:
        if f.kind is Kind.FILLER and not fillers:
            continue
        value = text[f.start - 1 : f.end]
        problem = f.problem(value)
        if problem is not None:
            found.append(
                finding(
                    field_code(f, value),
                    line,
                    f"{f.name} {problem}: {value!r}",
                    record=rec.record_type,
                    field=f,
                    text=value,
                )
            )
    return found


# -- format detection -------------------------------------------------------------
def _shapes(fmt: FileLayout) -> set[tuple[bytes, int]]:
    return {(code.encode(), rec.width) for code, rec in fmt.records.items()}


def _candidates() -> list[FileLayout]:
    return [
        FORMATS[name].with_width(w) for name in FORMATS for w in (FORMATS[name].widths or (None,))
    ]


def _fits_trimmed(fmt: FileLayout, bodies: list[bytes]) -> bool:
    """Whether every line is one of ``fmt``'s records with trailing blanks trimmed:
    no wider than its record and decodable once padded (what reading accepts)."""
    compiled = compile_format(fmt.name, fmt.width)
    tl = fmt.type_length
    if bodies[0][:tl] != fmt.structure.header.encode():
        return False
    for number, body in enumerate(bodies, 1):
        c = compiled.get(body[:tl].decode("latin-1"))
        width = 0 if c is None else c.layout.width
        if c is None or len(body) > width:
            return False
        try:
            c.decode(body.ljust(width), body.decode("latin-1").ljust(width), number)
        except ValueError:
            return False
    return True


def _shape_count(fmt: FileLayout, bodies: list[bytes]) -> int:
    """How many of ``bodies`` are one of ``fmt``'s records at full width."""
    shapes = _shapes(fmt)
    return sum((b[: fmt.type_length], len(b)) in shapes for b in bodies)


def detect(lines: Iterable[bytes]) -> FileLayout:
    """The format (at its width) whose record shapes the leading ``lines`` fit.

    A format fits when the first line is its header at full width and every other
    line is one of its record types at full width (the last line may be shorter:
    real banks leave it unpadded). When no format fits so, a full-width header
    decides (with the most full-width lines of its format among formats sharing that
    header), so that reading reports the line that is wrong, not the whole file;
    without one, a format fits whose records every line is once its trimmed trailing
    blanks are restored (at the standard width if its variants fit too). Raises
    ReadError saying what was seen.
    """
    bodies = [split_terminator(raw)[0] for raw in itertools.islice(lines, DETECT_LINES)]
    if not bodies:
        raise ReadError([finding("PR001", 1, "the file is empty")])
    fits = []
    by_header = []
    for fmt in _candidates():
        shapes = _shapes(fmt)
        header = fmt.structure.header
        tl = fmt.type_length
        first = bodies[0]
        if (first[:tl], len(first)) != (header.encode(), fmt.records[header].width):
            continue
        by_header.append(fmt)
        *middle, last = bodies[1:] or [first]
        if all((b[:tl], len(b)) in shapes for b in middle) and any(
            last[:tl] == code and len(last) <= width for code, width in shapes
        ):
            fits.append(fmt)
    if not fits and by_header:
        best = max(_shape_count(fmt, bodies) for fmt in by_header)
        fits = [fmt for fmt in by_header if _shape_count(fmt, bodies) == best]
    elif not fits:
        trimmed = [fmt for fmt in _candidates() if _fits_trimmed(fmt, bodies)]
        standard = {f.name for f in trimmed if f.width == FORMATS[f.name].width}
        fits = [f for f in trimmed if f.name not in standard or f.width == FORMATS[f.name].width]
    if len(fits) == 1:
        return fits[0]
    first = bodies[0]
    seen = f"first line {first[:24].decode('latin-1')!r}… of {len(first)} columns"
    if fits:
        names = " or ".join(f.name for f in fits)
        message = f"cannot tell the format: {seen} could be {names}; give the format"
    else:
        expected = "; ".join(
            f"{f.name}{'' if f.width is None else f' ({f.width})'}" for f in _candidates()
        )
        message = f"cannot detect the format: {seen}, none of {expected} fits"
    raise ReadError([finding("PR002", 1, message, text=first[:80].decode("latin-1"))])


# -- records ----------------------------------------------------------------------
#: Tracked objects made under :func:`gc_paused` from which they are moved to the
#: oldest generation at once (about a record each: files of 100,000 records and more).
FREEZE_AT = 100_000


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a million records pile up.

    Every record is a GC-tracked object, so building a whole file triggers ever
    longer full collections that find nothing (records hold strings, Decimals and
    dates: they cannot form cycles); on a 1,000,000-record file they were half of
    ``read``'s time. The collector is re-enabled afterwards, if it was enabled.
    Not thread-safe in the sense that another thread's ``gc.disable()`` made
    meanwhile is undone; nothing here can create a cycle.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0 and gc.get_count()[0] >= FREEZE_AT:
            # What was made meanwhile is long-lived (it is the file): move it to the
            # oldest generation at once instead of letting the next young
            # collections traverse a million records to find nothing. (Skipped when
            # the program keeps objects frozen itself: unfreeze would release them.)
            # Only for a big file: the move takes every young object along, the
            # caller's garbage too, out of the young collections' reach, and resets
            # their trigger; done on every call, a loop of reads never collected
            # its cycles again.
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def _resolve(
    stream_lines: Iterator[bytes], format: str | None, width: int | None
) -> tuple[FileLayout, Iterator[bytes]]:
    if format is not None:
        return get_layout(format, width), stream_lines
    head = list(itertools.islice(stream_lines, DETECT_LINES))
    fmt = detect(head)
    if width is not None:  # the caller knows the width: trimmed lines cannot tell it
        fmt = get_layout(fmt.name, width)
    return fmt, itertools.chain(head, stream_lines)


def decode_lines(
    fmt: FileLayout, lines: Iterable[bytes], encoding: str = DEFAULT_ENCODING
) -> Iterator[Record]:
    """Typed records for ``lines`` of format ``fmt``; ReadError at the first bad one.

    The loop is the reading hot path: a line of a known type goes, terminator and
    all, straight to its compiled decoder, which takes it if it is the record's
    columns and its terminator. Anything else takes :func:`_decode_line`, the
    exact path.
    """
    compiled = compile_format(fmt.name, fmt.width)
    by_code = {code.encode(): c for code, c in compiled.items()}
    fast = {code: c.decode for code, c in by_code.items()}.get
    tl = fmt.type_length
    # Decoders slice the text at the byte columns: in another encoding than latin-1 a
    # character may take several bytes, and the exact path refuses the line.
    one_byte = codecs.lookup(encoding).name == "iso8859-1"
    odd = odd_whitespace(encoding)
    for number, raw in enumerate(lines, 1):
        decode = fast(raw[:tl])
        record = None
        if decode is not None:
            try:
                text = raw.decode(encoding)
                if one_byte or len(text) == len(raw):
                    record = decode(raw, text, number, raw, odd)
            except ValueError:  # UnicodeDecodeError too: the exact path says why
                pass
        yield record if record is not None else _decode_line(fmt, by_code, raw, number, encoding)


def _decode_line(
    fmt: FileLayout, by_code: dict[bytes, CompiledRecord], raw: bytes, number: int, encoding: str
) -> Record:
    """One line, any shape: its record, or ReadError with the exact finding."""
    body = split_terminator(raw)[0]
    c = by_code.get(body[: fmt.type_length])
    if c is None:
        raise ReadError([_unknown_type(fmt, body, number)])
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            [finding("PR010", number, f"byte {body[exc.start]:#04x} is not {encoding}",
                     columns=(exc.start + 1, exc.start + 1))]
        ) from None
    if len(text) != len(body):
        column = multibyte_column(body, encoding)
        raise ReadError(
            [finding("PR010", number, f"byte {body[column - 1]:#04x} is not one character of "
                     f"{encoding} (one byte a column)", columns=(column, column))]
        )
    if len(body) == c.layout.width:
        try:
            return c.decode(body, text, number, raw, odd_whitespace(encoding))
        except ValueError:
            raise ReadError(diagnose(c.layout, text, number, fillers=False)) from None
    return _decode_short(c, body, text, number, raw, encoding)


def multibyte_column(body: bytes, encoding: str) -> int:
    """The 1-based column of the first byte of ``body`` (which decodes in ``encoding``
    to fewer characters than bytes) that is not a character of its own."""
    decoder = codecs.getincrementaldecoder(encoding)()
    for i in range(len(body)):
        if len(decoder.decode(body[i : i + 1])) != 1:
            return i + 1
    return len(body)


def _decode_short(
    c: CompiledRecord, body: bytes, text: str, number: int, raw: bytes, encoding: str
) -> Record:
    """A line narrower or wider than its record: accepted only when it is short and
    what is missing is blank (real banks trim or leave the last line unpadded)."""
    width = c.layout.width
    if len(body) < width:
        try:
            return c.decode(body.ljust(width), text.ljust(width), number, raw,
                            odd_whitespace(encoding))
        except ValueError:
            pass
    column = min(len(body), width) + 1
    raise ReadError(
        [
            finding(
                "PR004" if len(body) <= MAX_LINE else "PR003",
                number,
                f"record {c.layout.record_type} is {len(body)} columns wide, not {width}",
                record=c.layout.record_type,
                columns=(column, max(len(body), width)),
            )
        ]
    )


def _unknown_type(fmt: FileLayout, body: bytes, number: int) -> Finding:
    code = body[: fmt.type_length].decode("latin-1")
    known = ", ".join(fmt.records)
    return finding(
        "PR005",
        number,
        f"unknown record type {code!r} for {fmt.name} (expected one of {known})",
        columns=(1, fmt.type_length),
        text=code,
    )


def iter_records(
    source: Source,
    format: str | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> Iterator[Record]:
    """Every record of ``source`` in file order, one at a time, in constant memory."""
    with open_source(source) as stream:
        fmt, lines = _resolve(iter_lines(stream), format, width)
        yield from decode_lines(fmt, lines, encoding)


def read(
    source: Source,
    format: str | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> File:
    """The whole file, typed and structured; the format is detected when not given."""
    with open_source(source) as stream, gc_paused():
        fmt, lines = _resolve(iter_lines(stream), format, width)
        records = list(decode_lines(fmt, lines, encoding))
        if not records:
            raise ReadError([finding("PR001", 1, "the file is empty")])
        return assemble(fmt, records)


# -- structure --------------------------------------------------------------------
def _out_of_place(code: str, r: Record, why: str) -> ReadError:
    return ReadError(
        [finding(code, r.line, f"record {r.record_type} {why}", record=r.record_type)]
    )


def _newline(records: list[Record]) -> str:
    raw = records[0].raw or b"\n"
    return "\r\n" if raw.endswith(b"\r\n") else "\n"


def assemble(fmt: FileLayout, records: list[Record]) -> File:
    """Put records in their format's structure, or raise ReadError saying where not."""
    s = fmt.structure
    head, *rest = records
    header_code = s.header
    if head.record_type != header_code:
        raise _out_of_place("PR201", head, f"comes first; the file must open with {header_code}")
    newline = _newline(records)
    if isinstance(s, LotStructure):
        lots, control = _assemble_lots(s, head, rest)
        return LotFile(
            format=fmt.name, width=fmt.width, newline=newline, header=head, lots=lots,
            control=control,
        )
    # Flat and PSE files: header, details, then the totals (one, or one per state).
    many = not isinstance(s, FlatStructure)
    details: list[Record] = []
    totals: list[Record] = []
    for r in rest:
        t = r.record_type
        if t == s.detail and not totals:
            details.append(r)
        elif t == s.totals and (many or not totals):
            totals.append(r)
        elif totals:
            raise _out_of_place("PR204", r, "follows the file's totals")
        else:
            raise _out_of_place("PR202", r, "is out of place")
    if not totals:
        last = records[-1]
        raise _out_of_place("PR203", last, f"is last; the file must close with {s.totals}")
    if isinstance(s, FlatStructure):
        return FlatFile(
            format=fmt.name, width=fmt.width, newline=newline, header=head, details=details,
            totals=totals[0],
        )
    return PseFile(
        format=fmt.name, width=fmt.width, newline=newline, header=head, lines=details,
        totals=totals,
    )


def _assemble_lots(
    s: LotStructure, head: Record, rest: list[Record]
) -> tuple[list[Lot], Record]:
    lots: list[Lot] = []
    lot_header: Record | None = None
    details: list[Record] = []
    control: Record | None = None
    for r in rest:
        t = r.record_type
        if control is not None:
            raise _out_of_place("PR204", r, "follows the file control")
        if t == s.lot_header and lot_header is None:
            lot_header, details = r, []
        elif t == s.detail and lot_header is not None:
            details.append(r)
        elif t == s.lot_control and lot_header is not None:
            lots.append(Lot(lot_header, details, r))
            lot_header = None
        elif t == s.file_control and lot_header is None:
            control = r
        elif lot_header is not None:
            raise _out_of_place("PR203", r, f"comes while lot {len(lots) + 1} is open")
        else:
            raise _out_of_place("PR202", r, "is outside a lot")
    if control is None:
        last = rest[-1] if rest else head
        raise _out_of_place("PR203", last, f"is last; the file must close with {s.file_control}")
    return lots, control
