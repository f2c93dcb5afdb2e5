"""Building files from business content: the caller gives headers and details,
the builder computes what the layout declares as computed (counts, totals, lot
numbers, sequences, PSE state totals) and returns a file ready to write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, overload

import attrs

from pse_recon.codec.assemble import assemble
from pse_recon.codec.reader import DEFAULT_ENCODING, Decoding, gc_paused
from pse_recon.codec.writer import unencodable
from pse_recon.compile.codec import compile_format
from pse_recon.declaration import FileLayout, LotStructure, RecordLayout, StateStructure
from pse_recon.declaration.computed import Tally, evaluate, sequence_field, summed
from pse_recon.errors import EncodeError
from pse_recon.layouts import layout as get_layout
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File, LotFile

if TYPE_CHECKING:
    from pse_recon.records import andesco, asobancaria_1998, asobancaria_2001, pse_detail, pse_summary

AnyFile = TypeVar("AnyFile", bound=File)

LotContent = tuple[Record, Sequence[Record]]
Body = Iterable[LotContent] | Iterable[Record]


# A format named statically gives a file of that format's records (ADR 0014).
@overload
def build(format: Literal["asobancaria-1998"], header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> asobancaria_1998.File: ...


@overload
def build(format: Literal["asobancaria-2001"], header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> asobancaria_2001.File: ...


@overload
def build(format: Literal["andesco"], header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> andesco.File: ...


@overload
def build(format: Literal["pse-summary"], header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> pse_summary.File: ...


@overload
def build(format: Literal["pse-detail"], header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> pse_detail.File: ...


@overload
def build(format: str | FileLayout, header: Record, body: Body, *,
          width: int | None = ..., newline: str = ..., encoding: str = ...) -> File: ...


def build(
    format: str | FileLayout,
    header: Record,
    body: Iterable[LotContent] | Iterable[Record],
    *,
    width: int | None = None,
    newline: str = "\n",
    encoding: str = DEFAULT_ENCODING,
) -> File:
    """A complete file of ``format`` (a name, or a layout declared anywhere: the file
    keeps it) from its header and body.

    ``body`` is a list of ``(lot_header, details)`` pairs for the lot formats
    (Asobancaria 2001, Andesco), and the details (PSE: type-2 lines) otherwise.
    Computed fields given by the caller are ignored and recomputed. The result is
    exactly what reading its bytes gives (identifiers zero-filled, line numbers
    set), so ``read(dumps(build(...))) == build(...)``.

    Raises EncodeError naming the record type and field for what cannot be written:
    a total or count too large for its control field, a character of a text field
    outside ``encoding`` (values of the wrong type, too long and so on are refused
    when the records are made).
    """
    fmt = get_layout(format, width)
    with gc_paused():  # a million records pile up: see gc_paused
        lines = _built_lines(fmt, header, body, newline, encoding)
        decoded: list[Record] = []
        Decoding(fmt, encoding, newline.encode()).into(decoded, lines)
        return assemble(fmt, decoded)


def build_lines(format: str | FileLayout, header: Record, body: Body, *, width: int | None = None,
                newline: str = "\n", encoding: str = DEFAULT_ENCODING) -> list[bytes]:
    """The lines, each with its ending, of the file :func:`build` returns (what
    ``dumps`` of it gives), for a caller that only writes them (``pse-recon
    generate``): the same computed fields and errors, without typing the lines back
    into records."""
    fmt = get_layout(format, width)
    with gc_paused():
        return _built_lines(fmt, header, body, newline, encoding)


def _built_lines(fmt: FileLayout, header: Record, body: Body, newline: str, encoding: str) -> list[bytes]:
    s = fmt.structure
    check = _Check(fmt)
    if isinstance(s, LotStructure):
        records = _lot_records(fmt, s, check, header, list(body))  # type: ignore[arg-type]
    else:
        details = [check(d, s.detail) for d in body]  # type: ignore[arg-type]
        trailer = (
            _state_totals(fmt, s, details)
            if isinstance(s, StateStructure)
            else [_control(fmt, fmt.records[s.totals], details)]
        )
        records = [check(header, s.header), *details, *trailer]
    return _encode(fmt, records, _sequence_numbers(fmt, records), newline, encoding)


def rebuild(file: AnyFile) -> AnyFile:
    """``file`` with every computed field recomputed from its content (after edits): a
    file of the same class, made of records of the same classes."""
    body: Any
    body = [(lot.header, lot.details) for lot in file.lots] if isinstance(file, LotFile) else file.details
    return cast("AnyFile", build(file.layout, file.header, body, width=file.width, newline=file.newline))


class _Check:
    """``check(record, code)`` is ``record`` when it is a record ``code`` of the layout's:
    of its class, so a record of another layout of the same name is not; else TypeError."""

    def __init__(self, fmt: FileLayout) -> None:
        self.fmt = fmt
        self.classes = record_classes(fmt)

    def __call__(self, record: Record, code: str) -> Record:
        if isinstance(record, self.classes[code]):
            return record
        name = self.fmt.name
        if not isinstance(record, Record):
            raise TypeError(f"expected a {name} record {code}, got {type(record).__name__}")
        other = " (of another layout of that name)" if record.format == name else ""
        raise TypeError(
            f"expected a {name} record {code}, got {record.format} record {record.record_type}{other}"
        )


def _lot_records(
    fmt: FileLayout, s: LotStructure, check: _Check, header: Record, body: list[LotContent]
) -> list[Record]:
    records = [check(header, s.file_header)]
    header_layout = fmt.records[s.lot_header]
    all_details: list[Record] = []
    for number, (lot_header, details) in enumerate(body, 1):
        check(lot_header, s.lot_header)
        values = evaluate(header_layout.fields, (), number)
        lot_details = [check(d, s.detail) for d in details]
        records.append(attrs.evolve(lot_header, **values) if values else lot_header)
        records.extend(lot_details)
        records.append(_control(fmt, fmt.records[s.lot_control], lot_details, number))
        all_details.extend(lot_details)
    records.append(_control(fmt, fmt.records[s.file_control], all_details))
    return records


def _sequence_numbers(fmt: FileLayout, records: list[Record]) -> list[int | None]:
    """Each record's detail sequence number (None if it has none), restarting at
    each lot header when the rule says so."""
    seq = sequence_field(fmt.detail.fields)
    if seq is None:
        return [None] * len(records)
    _, rule = seq
    detail = fmt.structure.detail
    restart = getattr(fmt.structure, "lot_header", None) if rule.per_lot else None
    numbers: list[int | None] = []
    n = rule.start
    for r in records:
        t = r.record_type
        if t == detail:
            numbers.append(n)
            n += 1
        else:
            if t == restart:
                n = rule.start
            numbers.append(None)
    return numbers


def _encode(
    fmt: FileLayout, records: list[Record], numbers: list[int | None], newline: str, encoding: str
) -> list[bytes]:
    """The records' lines, each detail with its sequence number.

    A detail is encoded as it is and its number written into the sequence columns,
    which is what encoding it with the number in place gives, without making that
    copy of it. When it cannot be (the caller's own, ignored, sequence value does
    not encode; the number does not fit), the copy is made and encoded, so any
    error is the one that copy raises.
    """
    compiled = compile_format(fmt)
    end = newline.encode()
    seq = sequence_field(fmt.detail.fields)
    name = seq[0] if seq else ""
    f = fmt.detail.field(name) if seq else None
    lines = []
    for r, n in zip(records, numbers, strict=True):
        c = compiled[r.record_type]
        if n is None or f is None:
            text = c.encode(r)
        else:
            digits = str(n)
            try:
                if len(digits) > f.length:
                    raise EncodeError("does not fit", record_type=r.record_type, field=name, value=n)
                text = c.encode(r)
            except EncodeError:
                text = c.encode(attrs.evolve(r, **{name: n}))
            else:
                text = f"{text[: f.start - 1]}{digits.zfill(f.length)}{text[f.end :]}"
        try:
            lines.append(text.encode(encoding) + end)
        except UnicodeEncodeError:
            raise unencodable(r, encoding) from None
    return lines


def _control(
    fmt: FileLayout, rec: RecordLayout, details: Sequence[Record] | Tally, lot_number: int = 0
) -> Record:
    cls = record_classes(fmt)[rec.record_type]
    return cls(**evaluate(rec.fields, details, lot_number))


def _state_totals(fmt: FileLayout, s: StateStructure, lines: list[Record]) -> list[Record]:
    by_state: dict[str, list[Record]] = {state: [] for state in s.states}
    for x in lines:  # one pass, not one per state
        group = by_state.get(getattr(x, s.state_field))
        if group is not None:
            group.append(x)
    groups: list[tuple[str, Sequence[Record]]] = list(by_state.items())
    if s.grand_total is not None:
        groups.append((s.grand_total, lines))
    return _totals_lines(fmt, s, groups)


def _totals_lines(fmt: FileLayout, s: StateStructure,
                  scopes: Iterable[tuple[str, Sequence[Record] | Tally]]) -> list[Record]:
    """A PSE totals line for each (state, what it covers: details or their tally)."""
    rec = fmt.records[s.totals]
    cls = record_classes(fmt)[rec.record_type]
    return [cls(**{s.state_field: state, **evaluate(rec.fields, scope)}) for state, scope in scopes]


# -- details that are not held ----------------------------------------------------------
@attrs.frozen
class Run:
    """Details that are not held (``pse-recon generate`` streams a million): their
    lines (each encoded, its sequence number as the record had it, without line
    ending; see :func:`built_stream`), their :class:`Tally`, and the first of them."""

    lines: Callable[[], Iterable[bytes]]
    tally: Tally
    first: Record


def tally(fmt: FileLayout) -> Tally:
    """An empty tally of what ``fmt``'s controls count and add up of its details."""
    return Tally(summed(f for rec in fmt.records.values() for f in rec.fields))


def built_stream(fmt: FileLayout, header: Record, body: Sequence[tuple[Record, Run]] | Mapping[str, Run]
                 | Sequence[Run], *, newline: str = "\n") -> Iterator[bytes]:
    """The lines of the file :func:`build_lines` gives, the details as :class:`Run`:
    ``(lot_header, run)`` pairs for the lot formats, ``{state: run}`` for a
    :class:`StateStructure` (runs in file order) and ``[run]`` otherwise.

    Everything but the details' lines is made and encoded first, so every error
    :func:`build_lines` raises is raised here, in the same order, before the first
    line is given. Encoded in latin-1 (:data:`DEFAULT_ENCODING`), one byte a
    character: a sequence number is written into the columns of its line's bytes.
    """
    s = fmt.structure
    check = _Check(fmt)
    empty = tally(fmt)
    parts: list[Record | Run] = [check(header, s.header)]
    if isinstance(s, LotStructure):
        lots = cast("Sequence[tuple[Record, Run]]", body)
        header_layout = fmt.records[s.lot_header]
        for number, (lot_header, run) in enumerate(lots, 1):
            check(lot_header, s.lot_header)
            values = evaluate(header_layout.fields, (), number)
            parts += [attrs.evolve(lot_header, **values) if values else lot_header, run,
                      _control(fmt, fmt.records[s.lot_control], run.tally, number)]
        runs = [run for _, run in lots]
        parts.append(_control(fmt, fmt.records[s.file_control], empty.merged(r.tally for r in runs)))
    elif isinstance(s, StateStructure):
        states = cast("Mapping[str, Run]", body)
        runs = list(states.values())
        scopes = [(state, states[state].tally if state in states else empty) for state in s.states]
        if s.grand_total is not None:
            scopes.append((s.grand_total, empty.merged(r.tally for r in runs)))
        parts += runs
        parts += _totals_lines(fmt, s, scopes)
    else:
        runs = list(cast("Sequence[Run]", body))
        parts += [*runs, _control(fmt, fmt.records[s.totals], empty.merged(r.tally for r in runs))]
    return _stream_encoded(fmt, parts, newline.encode())


def _stream_encoded(fmt: FileLayout, parts: list[Record | Run], end: bytes) -> Iterator[bytes]:
    """:func:`_encode` of ``parts``, each run's lines numbered as it numbers details:
    the records and the numbers checked first, the lines given after."""
    compiled = compile_format(fmt)
    seq = sequence_field(fmt.detail.fields)
    restart = getattr(fmt.structure, "lot_header", None) if seq and seq[1].per_lot else None
    n = seq[1].start if seq else 0
    made: list[bytes | tuple[Run, int]] = []
    for part in parts:
        if isinstance(part, Run):
            made.append((part, n))
            n += part.tally.count
            if seq and part.tally.count and n > (limit := 10 ** fmt.detail.field(seq[0]).length):
                c = compiled[part.first.record_type]  # the first number that does not fit raises
                c.encode(attrs.evolve(part.first, **{seq[0]: max(limit, n - part.tally.count)}))
            continue
        if part.record_type == restart and seq:
            n = seq[1].start
        try:
            made.append(compiled[part.record_type].encode(part).encode(DEFAULT_ENCODING) + end)
        except UnicodeEncodeError:
            raise unencodable(part, DEFAULT_ENCODING) from None
    return _numbered(fmt, made, end)


def _numbered(fmt: FileLayout, made: list[bytes | tuple[Run, int]], end: bytes) -> Iterator[bytes]:
    seq = sequence_field(fmt.detail.fields)
    f = fmt.detail.field(seq[0]) if seq else None
    for part in made:
        if isinstance(part, bytes):
            yield part
        elif f is None:
            for line in part[0].lines():
                yield line + end
        else:
            run, n = part
            head, tail, width = f.start - 1, f.end, f.length
            for i, line in enumerate(run.lines(), n):
                yield b"%s%s%s%s" % (line[:head], str(i).zfill(width).encode(), line[tail:], end)
