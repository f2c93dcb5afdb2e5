"""Reading: bytes in, typed records and file objects out.

Reading is tolerant of what real producers do (the quirks of docs/quirks.md: CRLF,
CR or CR CR LF line ends, a last line without terminator or padding, trimmed or
padded records, a byte-order mark, trailing empty lines, a DOS end-of-file byte,
non-blank fillers): it accepts such files, keeps every record's raw bytes and the
file's edges, so writing them back gives the same bytes, and lists what it
tolerated in ``File.findings``. What cannot be typed or structured raises
:class:`~pse_recon.errors.ReadError`.

One verdict (ADR 0008): the hot loop decodes lines with the compiled decoders;
whenever a line or the structure is refused, the lines read so far and the rest
of the input are replayed through the validator's engine, which stops at its first
error that stops reading, and that finding is raised: the same code, place and
words as ``validate``'s. Files with quirks (or read ``strict``) are replayed the
same way once read, for the findings of what was tolerated (or the strict error).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from pse_recon.codec.compiler import CompiledRecord, compile_format, odd_whitespace
from pse_recon.codec.detect import DETECT_LINES, Undetected, detect, resolve
from pse_recon.codec.lines import MAX_LINE, Edges, Lines, Source, open_source, split_terminator
from pse_recon.codec.options import check_arguments
from pse_recon.errors import ReadError
from pse_recon.fields import Field, Kind
from pse_recon.findings import Finding
from pse_recon.layouts.base import (
    FileLayout,
    FlatStructure,
    LotStructure,
    RecordLayout,
    StateStructure,
)
from pse_recon.records.base import Record
from pse_recon.records.files import File, FlatFile, Lot, LotFile, PseFile
from pse_recon.reporting import Emitter, finding

__all__ = ["DEFAULT_ENCODING", "DETECT_LINES", "detect", "finding", "iter_records", "read"]

DEFAULT_ENCODING = "latin-1"


def field_code(f: Field, text: str) -> str:
    """The catalog code of a field whose text is not of its kind."""
    if f.kind is Kind.CONSTANT:
        return "PR104"
    if f.kind is Kind.FILLER:
        return "PR105"
    if f.kind is Kind.CODE:
        return "PR112"
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


class Refused(ReadError):
    """A line reading cannot type: its number and bytes, and reading's own finding (what
    the validator's replay says instead, :func:`_stopped`)."""

    def __init__(self, findings: list[Finding], number: int, raw: bytes) -> None:
        super().__init__(findings)
        self.number = number
        self.raw = raw


def _layout(head: Sequence[bytes], format: str | None, width: int | None, lang: str,
            strict: bool) -> FileLayout:
    found = resolve(head, format, width)
    if isinstance(found, Undetected):
        raise found.error(lang, strict)
    return found


def decode_lines(
    fmt: FileLayout, lines: Iterable[bytes], encoding: str = DEFAULT_ENCODING,
    slow: list[int] | None = None,
) -> Iterator[Record]:
    """Typed records for ``lines`` of format ``fmt``; :class:`Refused` at the first line
    that cannot be typed. The numbers of lines taken by the exact path (quirks) are
    appended to ``slow``, when given.

    The loop is the reading hot path: a line of a known type goes, terminator and
    all, straight to its compiled decoder, which takes it if it is the record's
    columns and its terminator. Anything else takes :func:`_decode_line`, the
    exact path.
    """
    compiled = compile_format(fmt)
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
        if record is None:
            record = _decode_line(fmt, by_code, raw, number, encoding)
            if slow is not None:
                slow.append(number)
        yield record


def _decode_line(
    fmt: FileLayout, by_code: dict[bytes, CompiledRecord], raw: bytes, number: int, encoding: str
) -> Record:
    """One line, any shape: its record, or Refused with reading's own finding."""
    body, term = split_terminator(raw)
    c = by_code.get(body[: fmt.type_length])
    if not term and len(raw) > MAX_LINE:
        raise Refused([finding("PR003", number, f"the line is longer than {MAX_LINE} bytes",
                               columns=(MAX_LINE + 1, MAX_LINE + 1))], number, raw)
    if c is None:
        raise Refused([_unknown_type(fmt, body, number)], number, raw)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Refused(
            [finding("PR010", number, f"byte {body[exc.start]:#04x} is not {encoding}",
                     columns=(exc.start + 1, exc.start + 1))], number, raw
        ) from None
    if len(text) != len(body):
        column = multibyte_column(body, encoding)
        raise Refused(
            [finding("PR010", number, f"byte {body[column - 1]:#04x} is not one character of "
                     f"{encoding} (one byte a column)", columns=(column, column))], number, raw
        )
    width = c.layout.width
    if len(body) > width and not body[width:].strip(b" "):  # padded past its width
        body, text = body[:width], text[:width]
    if len(body) == width and body[-1:] == b"\r" and c.layout.fields[-1].kind is Kind.FILLER:
        # A CR in the trailing filler (the decoders take it for a line end): what a
        # filler holds is not read (validation reports it, PR105).
        body, text = body[:-1] + b" ", text[:-1] + " "
    if len(body) <= width:  # a short line: accepted when what is missing is blank
        try:
            return c.decode(body.ljust(width), text.ljust(width), number, raw,
                            odd_whitespace(encoding))
        except ValueError:
            if len(body) == width:
                found = diagnose(c.layout, text, number, fillers=False)
                if found:
                    raise Refused(found, number, raw) from None
    column = min(len(body), width) + 1
    raise Refused(
        [
            finding(
                "PR004",
                number,
                f"record {c.layout.record_type} is {len(body)} columns wide, not {width}",
                record=c.layout.record_type,
                columns=(column, max(len(body), width)),
            )
        ],
        number,
        raw,
    )


def multibyte_column(body: bytes, encoding: str) -> int:
    """The 1-based column of the first byte of ``body`` (which decodes in ``encoding``
    to fewer characters than bytes) that is not a character of its own."""
    decoder = codecs.getincrementaldecoder(encoding)()
    for i in range(len(body)):
        if len(decoder.decode(body[i : i + 1])) != 1:
            return i + 1
    return len(body)


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
    lang: str = "en",
) -> Iterator[Record]:
    """Every record of ``source`` in file order, one at a time, in constant memory.

    Raises ReadError at the first record that cannot be typed, with the finding
    ``validate`` gives for that line; the file's structure is not checked (it needs
    the whole file: use :func:`read` or :func:`pse_recon.validate`). Bad arguments
    raise at the call, as :func:`read`'s do."""
    check_arguments(format, width, encoding, lang)
    return _iter_records(source, format, width, encoding, lang)


def _iter_records(
    source: Source, format: str | None, width: int | None, encoding: str, lang: str
) -> Iterator[Record]:
    with open_source(source) as stream:
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        fmt = _layout(head, format, width, lang, False)
        try:
            yield from decode_lines(fmt, itertools.chain(head, lines), encoding)
        except Refused as exc:
            from pse_recon.validation import line_stop

            stop = line_stop(fmt, exc.number, exc.raw, encoding=encoding, lang=lang)
            raise (ReadError([stop]) if stop is not None else exc) from None


def read(
    source: Source,
    format: str | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
    strict: bool = False,
    lang: str = "en",
) -> File:
    """The whole file, typed and structured; the format is detected when not given.

    Raises ReadError with the first error ``validate`` (same ``strict``) reports that
    stops reading (ADR 0008), in ``lang``. ``File.findings`` lists the producer's
    quirks reading tolerated (ADR 0010; never any in strict mode, where they stop
    reading), with validate's words and places.
    """
    check_arguments(format, width, encoding, lang)
    with open_source(source) as stream, gc_paused():
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        fmt = _layout(head, format, width, lang, strict)
        rest = itertools.chain(head, lines)
        records: list[Record] = []
        slow: list[int] = []
        args = (fmt, lines.edges, encoding, strict, lang)
        try:
            records.extend(decode_lines(fmt, rest, encoding, slow))
        except Refused as exc:
            raise _stopped(exc, itertools.chain((r.raw or b"" for r in records), [exc.raw], rest),
                           *args) from None
        raws = [r.raw or b"" for r in records]
        if strict or slow or not lines.edges.plain or not records:
            from pse_recon.validation import reading_check

            tolerated = reading_check(raws, *args)  # raises at a stopping error
        else:
            tolerated = _line_ends(records, lang)
        try:
            return assemble(fmt, records, lines.edges, tolerated)
        except ReadError as exc:
            raise _stopped(exc, iter(raws), *args) from None


def _stopped(exc: ReadError, lines: Iterator[bytes], fmt: FileLayout, edges: Edges,
             encoding: str, strict: bool, lang: str) -> ReadError:
    """The error validate's engine stops at on ``lines``: what reading raises. (Reading's
    own ``exc`` if the engine found none: a disagreement the property tests look for.)"""
    from pse_recon.validation import reading_check

    try:
        reading_check(lines, fmt, edges, encoding, strict, lang)
    except ReadError as stop:
        return stop
    return exc


def _line_ends(records: list[Record], lang: str) -> tuple[Finding, ...]:
    """The quirks a file read on the hot path alone may have, as validate reports
    them: CRLF endings (from the first such line), no line ending at the end."""
    out = Emitter(False, lang, None)
    for r in records:
        raw = r.raw or b""
        if raw.endswith(b"\r\n"):
            out.emit("PR006", r.line, columns=(len(raw) - 1, len(raw)))
            break
    last = records[-1].raw or b""
    if not last.endswith(b"\n"):
        out.emit("PR007", records[-1].line, columns=(len(last) + 1, len(last) + 1))
    return tuple(out.findings)


# -- structure --------------------------------------------------------------------
def _out_of_place(code: str, r: Record, why: str) -> ReadError:
    return ReadError(
        [finding(code, r.line, f"record {r.record_type} {why}", record=r.record_type)]
    )


def _newline(records: list[Record]) -> str:
    raw = records[0].raw or b"\n"
    return split_terminator(raw)[1].decode("ascii") or "\n"


def assemble(
    fmt: FileLayout, records: list[Record], edges: Edges | None = None,
    findings: tuple[Finding, ...] = (),
) -> File:
    """Put records in their format's structure, or raise ReadError saying where not.
    The file keeps ``edges`` (what is not a record) and the ``findings`` of what
    reading tolerated."""
    if not records:
        raise ReadError([finding("PR001", 1, "the file is empty")])
    s = fmt.structure
    head, *rest = records
    header_code = s.header
    if head.record_type != header_code:
        raise _out_of_place("PR201", head, f"comes first; the file must open with {header_code}")
    kept: dict[str, Any] = {
        "format": fmt.name, "width": fmt.width, "newline": _newline(records), "header": head,
        "prefix": edges.prefix if edges else b"", "tail": edges.tail if edges else b"",
        "findings": findings,
    }
    if isinstance(s, LotStructure):
        lots, control = _assemble_lots(s, head, rest)
        return LotFile(lots=lots, control=control, **kept)
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
        return FlatFile(details=details, totals=totals[0], **kept)
    _check_states(fmt, s, details, totals)
    return PseFile(lines=details, totals=totals, **kept)


def _check_states(fmt: FileLayout, s: StateStructure, details: list[Record],
                  totals: list[Record]) -> None:
    """The PSE totals lines, as validation's state machine wants them: one per state
    (PR206), the grand total last (PR204), no state the format has no line for
    (PR202), none missing (PR205). A state its catalog refuses (PR106, which does not
    stop reading) may be the missing one: then none is reported missing."""
    from pse_recon.validation.catalogs import accepted

    known = accepted(fmt[s.totals].field(s.state_field))
    seen: set[str] = set()
    unreadable = False
    closed = False
    for r in totals:
        state = getattr(r, s.state_field)
        if closed:
            raise _out_of_place("PR204", r, "follows the grand total")
        if state not in known:
            unreadable = True
        elif state in seen:
            raise _out_of_place("PR206", r, f"repeats state {state}")
        elif state == s.grand_total:
            closed = True
        elif state not in s.states:
            raise _out_of_place("PR202", r, f"has state {state}, which has no totals line")
        seen.add(state)
    if unreadable:
        return
    if s.grand_total is not None:
        required = [*s.states, s.grand_total]
    else:  # pse-summary: a state without transactions may go without a line
        present = {getattr(d, s.state_field) for d in details}
        required = [st for st in s.states if st in present]
    missing = [st for st in required if st not in seen]
    if missing:
        raise _out_of_place("PR205", totals[-1], f"is last; state {missing[0]} has no totals line")


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
