"""Reading: bytes in, typed records and file objects out.

Reading is tolerant of what real producers do (the quirks of docs/quirks.md: CRLF,
CR or CR CR LF line ends, a last line without terminator or padding, trimmed or
padded records, a byte-order mark, trailing empty lines, a DOS end-of-file byte,
non-blank fillers): it accepts such files, keeps every record's raw bytes and the
file's edges, so writing them back gives the same bytes, and lists what it
tolerated in ``File.findings``. What cannot be typed or structured raises
:class:`~pse_recon.errors.ReadError`.

One verdict (ADR 0008): the hot loop decodes lines with the compiled decoders of
the file's line ending (a line with another ending, or any other quirk, takes the
exact path, so the hot loop pays nothing to look for them); the records are then
put in their structure (:mod:`.assemble`). Whenever a line or the structure is
refused, the lines read so far and the rest of the input are replayed through the
validator's engine, which stops at its first error that stops reading, and that
finding is raised: the same code, place and words as ``validate``'s. Files with
quirks (or read ``strict``) are replayed the same way once read, for the findings
of what was tolerated (or the strict error).

The module is longer than most because ``read`` carries one typed overload per
built-in format (ADR 0014).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO, Literal, overload

from pse_recon.codec.assemble import assemble
from pse_recon.codec.detect import DETECT_LINES, Undetected, detect, resolve
from pse_recon.codec.lines import (
    MAX_LINE,
    Edges,
    Lines,
    Source,
    newline_of,
    open_source,
    split_terminator,
)
from pse_recon.codec.options import check_arguments
from pse_recon.compile.codec import CompiledRecord, compile_format, odd_whitespace
from pse_recon.declaration import FileLayout, RecordLayout
from pse_recon.errors import ReadError
from pse_recon.findings import Finding
from pse_recon.profiles import Rules, as_rules
from pse_recon.records.base import Record
from pse_recon.records.files import File
from pse_recon.reporting import Emitter, finding

if TYPE_CHECKING:
    from pse_recon.records import andesco, asobancaria_1998, asobancaria_2001, pse_detail, pse_summary

__all__ = ["DEFAULT_ENCODING", "DETECT_LINES", "assemble", "detect", "finding", "iter_records", "read"]

DEFAULT_ENCODING = "latin-1"


def diagnose(rec: RecordLayout, text: str, line: int, *, fillers: bool = True) -> list[Finding]:
    """Every field of ``text`` (a full-width line) that is not of its kind (fillers
    too, when ``fillers``)."""
    found = []
    for f in rec.fields:
        if not (f.is_attribute or fillers):
            continue
        value = text[f.start - 1 : f.end]
        problem = f.problem(value)
        if problem is not None:
            found.append(finding(problem.code, line, f"{f.name} {problem}: {value!r}",
                                 record=rec.record_type, field=f, text=value))
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


def _layout(head: Sequence[bytes], format: FileLayout | None, width: int | None, lang: str,
            rules: Rules | bool) -> FileLayout:
    found = resolve(head, format, width)
    if isinstance(found, Undetected):
        raise found.error(lang, rules)
    return found


#: Lines :func:`decode_lines` decodes at a time (records held while they are yielded).
STREAM_LINES = 64


class Decoding:
    """The compiled decoders of a layout for lines of one ending, in one encoding."""

    def __init__(self, fmt: FileLayout, encoding: str = DEFAULT_ENCODING, newline: bytes = b"\n") -> None:
        self.fmt = fmt
        self.encoding = encoding
        compiled = compile_format(fmt, newline)
        self.by_code = {code.encode("latin-1"): c for code, c in compiled.items()}
        self.fast = {code: c.decode for code, c in self.by_code.items()}

    def into(self, records: list[Record], lines: Iterable[bytes], start: int = 1,
             slow: list[int] | None = None) -> None:
        """Append the typed records of ``lines`` (numbered from ``start``) to
        ``records``; :class:`Refused` at the first line that cannot be typed. The
        numbers of lines taken by the exact path (quirks) are appended to ``slow``,
        when given.

        The loop is the reading hot path: a line of a known type goes, terminator
        and all, straight to its compiled decoder, which takes it if it is the
        record's columns and its line ending. Anything else takes
        :func:`_decode_line`, the exact path.
        """
        fmt, encoding = self.fmt, self.encoding
        fast = self.fast.get
        tl = fmt.type_length
        # Decoders slice the text at the byte columns: in another encoding than
        # latin-1 a character may take several bytes, and the exact path refuses the line.
        one_byte = codecs.lookup(encoding).name == "iso8859-1"
        odd = odd_whitespace(encoding)
        append = records.append
        for number, raw in enumerate(lines, start):
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
                record = _decode_line(fmt, self.by_code, raw, number, encoding)
                if slow is not None:
                    slow.append(number)
            append(record)


def decode_lines(fmt: FileLayout, lines: Iterable[bytes], encoding: str = DEFAULT_ENCODING,
                 newline: bytes = b"\n") -> Iterator[Record]:
    """Typed records for ``lines`` of format ``fmt``, one at a time (decoded
    :data:`STREAM_LINES` at a time); :class:`Refused` at the first line that cannot
    be typed, after the records before it."""
    decoding = Decoding(fmt, encoding, newline)
    stream = iter(lines)
    start = 1
    records: list[Record] = []
    while chunk := list(itertools.islice(stream, STREAM_LINES)):
        refused = None
        try:
            decoding.into(records, chunk, start)
        except Refused as exc:
            refused = exc
        yield from records
        if refused is not None:
            raise refused
        records.clear()
        start += len(chunk)


def _decode_line(
    fmt: FileLayout, by_code: Mapping[bytes, CompiledRecord], raw: bytes, number: int, encoding: str
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
    if len(body) == width and body[-1:] == b"\r" and not c.layout.fields[-1].is_attribute:
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
    format: str | FileLayout | None = None,
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
    fmt, _ = check_arguments(format, width, encoding, lang)
    return _iter_records(source, fmt, width, encoding, lang)


def _iter_records(
    source: Source, format: FileLayout | None, width: int | None, encoding: str, lang: str
) -> Iterator[Record]:
    with open_source(source) as stream:
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        fmt = _layout(head, format, width, lang, False)
        newline = newline_of(head[0]) if head else b"\n"
        try:
            yield from decode_lines(fmt, itertools.chain(head, lines), encoding, newline)
        except Refused as exc:
            from pse_recon.validation import line_stop

            stop = line_stop(fmt, exc.number, exc.raw, encoding=encoding, lang=lang)
            raise (ReadError([stop]) if stop is not None else exc) from None


# A format named statically gives a file of that format's records (ADR 0014).
@overload
def read(source: Source, format: Literal["asobancaria-1998"], *, width: int | None = ..., encoding: str = ...,
         strict: bool = ..., rules: Rules | str | None = ..., lang: str = ...) -> asobancaria_1998.File: ...


@overload
def read(source: Source, format: Literal["asobancaria-2001"], *, width: int | None = ..., encoding: str = ...,
         strict: bool = ..., rules: Rules | str | None = ..., lang: str = ...) -> asobancaria_2001.File: ...


@overload
def read(source: Source, format: Literal["andesco"], *, width: int | None = ..., encoding: str = ...,
         strict: bool = ..., rules: Rules | str | None = ..., lang: str = ...) -> andesco.File: ...


@overload
def read(source: Source, format: Literal["pse-summary"], *, width: int | None = ..., encoding: str = ...,
         strict: bool = ..., rules: Rules | str | None = ..., lang: str = ...) -> pse_summary.File: ...


@overload
def read(source: Source, format: Literal["pse-detail"], *, width: int | None = ..., encoding: str = ...,
         strict: bool = ..., rules: Rules | str | None = ..., lang: str = ...) -> pse_detail.File: ...


@overload
def read(source: Source, format: str | FileLayout | None = ..., *, width: int | None = ...,
         encoding: str = ..., strict: bool = ..., rules: Rules | str | None = ...,
         lang: str = ...) -> File: ...


def read(
    source: Source,
    format: str | FileLayout | None = None,
    *,
    width: int | None = None,
    encoding: str = DEFAULT_ENCODING,
    strict: bool = False,
    rules: Rules | str | None = None,
    lang: str = "en",
) -> File:
    """The whole file, typed and structured; the format (a name, or a layout declared
    anywhere) is detected among the built-in ones when not given. The file keeps the
    layout it was read with (``File.layout``).

    Raises ReadError with the first error ``validate`` (same ``strict`` or ``rules``)
    reports that stops reading (ADR 0008), in ``lang``: an error of a rule that stops
    reading (``Rule.stops``), or one the rules raise above the catalog's default.
    ``File.findings`` lists the producer's quirks reading tolerated (ADR 0010; never
    any in strict mode, where they stop reading), with validate's words and places.
    """
    given, _ = check_arguments(format, width, encoding, lang)
    with open_source(source) as stream:
        return read_stream(stream, given, width, encoding, as_rules(rules, strict), lang)


def read_stream(stream: BinaryIO, format: FileLayout | None, width: int | None, encoding: str,
                rules: Rules, lang: str) -> File:
    """:func:`read` of an open, unpacked binary stream (arguments already checked): for
    readers that opened the input themselves (the columnar reader's row path)."""
    with gc_paused():
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        fmt = _layout(head, format, width, lang, rules)
        newline = newline_of(head[0]) if head else b"\n"
        rest = itertools.chain(head, lines)
        records: list[Record] = []
        slow: list[int] = []
        args = (fmt, lines.edges, encoding, rules, lang)
        try:
            Decoding(fmt, encoding, newline).into(records, rest, 1, slow)
        except Refused as exc:
            raise _stopped(exc, itertools.chain(_raws(records), [exc.raw], rest), *args) from None
        if rules.stops_more or slow or not lines.edges.plain or not records:
            from pse_recon.validation import reading_check

            tolerated = reading_check(_raws(records), *args)  # raises at a stopping error
        else:
            tolerated = _line_ends(records, newline, rules, lang)
        try:
            return assemble(fmt, records, lines.edges, tolerated)
        except ReadError as exc:
            raise _stopped(exc, _raws(records), *args) from None


def check_readable(source: Source, format: str | FileLayout | None = None, *,
                   width: int | None = None, encoding: str = DEFAULT_ENCODING,
                   strict: bool = False, rules: Rules | str | None = None, lang: str = "en"
                   ) -> tuple[FileLayout, tuple[Finding, ...]]:
    """:func:`read`'s verdict without holding the records: ReadError with the same
    finding (the validator's first stopping error, which is what ``read`` raises: ADR
    0008), or the layout and the ``File.findings`` it would have. One streaming pass
    of the validator's engine: flat memory, whatever the size."""
    from pse_recon.validation import reading_check

    given, _ = check_arguments(format, width, encoding, lang)
    chosen = as_rules(rules, strict)
    with open_source(source) as stream:
        lines = Lines(stream)
        head = list(itertools.islice(lines, DETECT_LINES))
        fmt = _layout(head, given, width, lang, chosen)
        return fmt, reading_check(itertools.chain(head, lines), fmt, lines.edges, encoding, chosen,
                                  lang)


def _raws(records: list[Record]) -> Iterator[bytes]:
    return (r.raw or b"" for r in records)


def _stopped(exc: ReadError, lines: Iterator[bytes], fmt: FileLayout, edges: Edges,
             encoding: str, rules: Rules, lang: str) -> ReadError:
    """The error validate's engine stops at on ``lines``: what reading raises. (Reading's
    own ``exc`` if the engine found none: a disagreement the property tests look for.)"""
    from pse_recon.validation import reading_check

    try:
        reading_check(lines, fmt, edges, encoding, rules, lang)
    except ReadError as stop:
        return stop
    return exc


def _line_ends(records: list[Record], newline: bytes, rules: Rules, lang: str) -> tuple[Finding, ...]:
    """The quirks a file read on the hot path alone may have, as validate reports
    them: CRLF endings (every line but maybe the last has the first's: the others
    went the exact way), no line ending at the end."""
    out = Emitter(rules, lang, None)
    first = records[0].raw or b""
    if newline == b"\r\n" and first.endswith(newline):
        out.emit("PR006", records[0].line, columns=(len(first) - 1, len(first)))
    last = records[-1].raw or b""
    if not last.endswith(b"\n"):
        out.emit("PR007", records[-1].line, columns=(len(last) + 1, len(last) + 1))
    return tuple(out.findings)
