"""Compile a record layout, once, into a specialised decoder and encoder.

As attrs writes ``__init__`` and construct compiles a struct, this module turns a
:class:`~pse_recon.layouts.base.RecordLayout` into Python source with every slice,
conversion and check inlined, and ``exec``s it. The per-line cost is then one
function call: no loop over fields, no lookup of kinds. Adjacent digit fields are
checked with a single ``bytes.isdigit`` over their whole run (ASCII digits only,
unlike ``str.isdigit``).

The fast paths only say *whether* a line or record is good. When they fail, the
slow, per-field path (:meth:`pse_recon.fields.Field.problem` and
:meth:`~pse_recon.fields.Field.encode`) says exactly which field and why, so
diagnostics never slow down good input.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

import attrs

from pse_recon.errors import EncodeError
from pse_recon.fields import (
    Field,
    Kind,
    decode_date,
    decode_time,
    encode_amount,
    encode_date,
    encode_time,
)
from pse_recon.layouts.base import FileLayout, RecordLayout
from pse_recon.money import EXACT
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes, unfrozen_twin


class Decoder(Protocol):
    def __call__(
        self, b: bytes, s: str, line: int, raw: bytes | None = None, odd: bytes = ..., /
    ) -> Record: ...


Encoder = Callable[[Record], str]


@attrs.frozen
class CompiledRecord:
    """A record layout with its class and generated codec.

    ``decode(b, s, line, raw=None, odd=…)`` takes the line as bytes and as text:
    the record's columns, then nothing, LF or CRLF (or it raises ValueError); ``odd`` is
    :func:`odd_whitespace` of the line's encoding (latin-1 if not given). It raises
    ValueError if any field is not of its kind (constants included, fillers not:
    reading tolerates them). The record gets ``line`` and ``raw``.
    ``encode(record)`` returns the line's text, or raises EncodeError.
    """

    layout: RecordLayout
    cls: type[Record]
    decode: Decoder
    encode: Encoder
    source: str = attrs.field(repr=False)


@functools.cache
def compile_format(fmt: FileLayout) -> dict[str, CompiledRecord]:
    """Record type code → compiled record, for one layout (a format at one width).
    Cached on the layout, a value: a layout declared outside the package compiles
    like the built-in ones."""
    classes = record_classes(fmt)
    return {code: compile_record(rec, classes[code]) for code, rec in fmt.records.items()}


def compile_record(rec: RecordLayout, cls: type[Record]) -> CompiledRecord:
    source = _decoder_source(rec) + "\n" + _encoder_source(rec)
    dates: dict[str, dt.date] = {}
    times: dict[str, dt.time] = {}
    date_texts: dict[dt.date, str] = {}
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_twin": unfrozen_twin(cls),
        "_new": object.__new__,
        "_odd": odd_whitespace("latin-1"),
        "_ENDS": (b"", b"\n", b"\r\n"),
        "_D": Decimal,
        "_date": dt.date,
        "_dates": dates,
        "_to_date": _caching(dates, decode_date),
        "_times": times,
        "_to_time": _caching(
            times, decode_time, size=sum(TIME_VALUES[f.length] for f in rec.fields if f.kind is Kind.TIME)
        ),
        "_amount": encode_amount,
        "_X": EXACT,
        "_date_texts": date_texts,
        "_date_text": _caching(date_texts, encode_date),
        "_slow": functools.partial(_encode_slowly, rec),
    }
    for d in {f.decimals for f in rec.fields if f.kind is Kind.AMOUNT}:
        namespace[f"_zero{d}"] = Decimal(f"0E-{d}")  # what _D('000…0E-d') gives
    for n in {f.length for f in rec.fields if f.kind is Kind.TIME}:
        # Only naive times are kept: aware ones raise (their offset cannot be written).
        time_texts: dict[dt.time, str] = {}
        namespace[f"_time_texts{n}"] = time_texts
        namespace[f"_time_text{n}"] = _caching(
            time_texts, functools.partial(encode_time, length=n), size=TIME_VALUES[n]
        )
    exec(compile(source, f"<pse_recon {cls.format} {rec.record_type}>", "exec"), namespace)
    return CompiledRecord(rec, cls, namespace["decode"], namespace["encode"], source)


# -- decoding ---------------------------------------------------------------------
def _text_expr(f: Field) -> str:
    """The field's text; one character by index (a cached string, no new object)."""
    return f"s[{f.start - 1}]" if f.length == 1 else f"s[{f.start - 1}:{f.end}]"


def _value_expr(f: Field, guarded: bool) -> str:
    s = _text_expr(f)
    match f.kind:
        case Kind.CONSTANT:
            return repr(f.constant)
        case Kind.DIGITS:
            return s
        case Kind.TEXT:
            return f"{s}.rstrip(pad)" if guarded else f"{s}.rstrip(' ')"
        case Kind.CODE:
            return f"'' if (t := {s}) == {' ' * f.length!r} else t"
        case Kind.NUMERIC:
            return f"int({s})"
        case Kind.AMOUNT if f.decimals:
            # Exponent notation keeps the exact scale: '00000001800000E-2' is
            # Decimal('18000.00'), as '000000018000.00' is; one slice fewer. Zero
            # (VAT, mostly) is one shared Decimal('0.00'): Decimals are immutable.
            return f"_zero{f.decimals} if (t := {s}) == {'0' * f.length!r} else _D(t + 'E-{f.decimals}')"
        case Kind.AMOUNT:
            return f"_zero0 if (t := {s}) == {'0' * f.length!r} else _D(t)"
        case Kind.DATE:
            return f"_dates.get({s}) or _to_date({s})"
        case Kind.TIME:
            return f"_times.get({s}) or _to_time({s})"
    raise AssertionError(f.kind)


def _decoder_source(rec: RecordLayout) -> str:
    """``decode(b, s, line, raw=None, odd=…)``: one check of the line's shape and
    one per digit run, then one slot store per field on an instance of the record's
    unfrozen twin, which then becomes the record class (see
    :func:`~pse_recon.records.factory.unfrozen_twin`). That is several times
    cheaper than the frozen ``__init__`` and makes the same object.

    ``b`` and ``s`` are a whole line: the decoder refuses one that is not the
    record's columns followed by nothing, LF or CRLF. ``odd`` holds the bytes that
    are whitespace other than the blank in the line's encoding
    (:func:`odd_whitespace`); see :data:`GUARDED_TEXT` for why.
    """
    w = rec.width
    # The record's columns, then nothing, LF or CRLF. The last column is never a CR
    # or an LF: those end a shorter line (161 columns and LF, 160 and CRLF, 161 and
    # CRLF when only the LF follows the record's width), which the exact path reads
    # as the trimmed line it is.
    checks = [f"len(b) - {w} in (0, 1, 2)", f"b[{w}:] in _ENDS", f"b[{w - 1}] not in (10, 13)"]
    checks += [f"b[{a}:{b}].isdigit()" for a, b in rec.digit_runs()]
    checks += [
        f"(b[{f.start - 1}:{f.end}].isdigit() or b[{f.start - 1}:{f.end}] == {b' ' * f.length!r})"
        for f in rec.fields
        if f.kind is Kind.CODE
    ]
    # Every constant but the record type, which chose this decoder; digit runs
    # cover digit constants only as digits, not as their value.
    checks += [
        f"{_text_expr(f)} == {f.constant!r}"
        for f in rec.fields[1:]
        if f.kind is Kind.CONSTANT
    ]
    body = [f"if not ({' and '.join(checks)}):", "    raise ValueError"]
    guarded = sum(f.length for f in rec.fields if f.kind is Kind.TEXT) >= GUARDED_TEXT
    if guarded:  # the terminator is whitespace too: it is deleted with the rest
        body.append(f"pad = None if len(b.translate(None, odd)) == {w} else ' '")
    body += ["o = _new(_twin)", "o.line = line", "o.raw = raw"]
    body += [f"o.{f.name} = {_value_expr(f, guarded)}" for f in rec.attributes]
    body += ["o.__class__ = _cls", "return o"]
    return "def decode(b, s, line, raw=None, odd=_odd):\n" + "".join(f"    {x}\n" for x in body)


#: Text fields lose their padding blanks: ``rstrip(" ")``, which costs about 3 ns a
#: blank, for it looks each one up in its argument. ``rstrip()`` strips whitespace
#: with a table, several times faster, but strips tabs, no-break spaces and the
#: like too, which are data. So a record with this many columns of text or more
#: (the PSE transaction, 127) first deletes those bytes from its line
#: (``bytes.translate``, 190 ns for 235 columns): when nothing but the terminator
#: goes, the line's only whitespace is blanks, and its fields use ``rstrip()``.
#: Records with little text are not worth that pass.
GUARDED_TEXT = 64


@functools.cache
def odd_whitespace(encoding: str) -> bytes:
    """The bytes that decode alone, in ``encoding``, to whitespace other than the
    blank (``str.isspace``, what ``str.rstrip()`` strips)."""
    odd = []
    for byte in range(256):
        try:
            char = bytes([byte]).decode(encoding)
        except UnicodeDecodeError:
            continue
        if char.isspace() and char != " ":
            odd.append(byte)
    return bytes(odd)


#: Dates repeat in a file (a handful of distinct values over millions of lines), so
#: their decoded values are kept, up to this many.
CACHE_SIZE = 4096
#: Times are kept all: a file's times spread over the day (in a million PSE
#: transactions, nearly every second of it), and a cache smaller than the day,
#: emptied when full, would miss on most lines (read took 18 % longer with times
#: drawn over the whole day than with 3,540 distinct ones). There are only so many
#: valid times (texts that fail are not kept; written, only naive times without
#: microseconds are): at most 86,401 HHMMSS (240000 included) or 1,441 HHMM, about
#: 9 MiB for the longer, reached only by a file that has them all.
TIME_VALUES = {4: 24 * 60 + 1, 6: 24 * 60 * 60 + 1}


def _caching(
    cache: dict[Any, Any], convert: Callable[[Any], Any], size: int = CACHE_SIZE
) -> Callable[[Any], Any]:
    """``convert``, remembering its results in ``cache`` (at most ``size`` of them).
    Generated code looks ``cache`` up first and calls this on a miss."""

    def converting(key: Any) -> Any:
        value = convert(key)  # raises, and then nothing is cached
        if len(cache) >= size:
            cache.clear()
        cache[key] = value
        return value

    return converting


# -- encoding ---------------------------------------------------------------------
def _encoder_source(rec: RecordLayout) -> str:
    """An encoder whose fast path handles well-typed values; anything else goes slow.

    The fast path checks each value's type (and that text is printable: no line
    break or other control character), formats the whole line with one f-string
    (whose paddings never truncate), then checks the *line*: its width (any value
    too long makes it wider) and each run of digit columns (a negative number, a
    letter or a non-ASCII digit in a digits field breaks it). One check per run
    instead of one per field. Amounts are scaled in :data:`~pse_recon.money.EXACT`,
    so the caller's decimal context neither rounds them nor traps. The slow path
    either encodes what the fast one declined (an ``int`` amount, a ``date``
    subclass, a ``str`` subclass) or raises EncodeError naming the field.
    """
    assigns: list[str] = []
    bad: list[str] = []
    conversions: list[str] = []
    parts: list[str] = []
    for i, f in enumerate(rec.fields):
        v = f"v{i}"
        n = f.length
        if f.is_attribute:
            assigns.append(f"{v} = r.{f.name}")
        # Paddings by zfill/ljust: they return a full-width value as it is, and cost
        # a fraction of a format spec. Their results are checked on the line.
        match f.kind:
            case Kind.CONSTANT:
                bad.append(f"{v} != {f.constant!r}")
                parts.append(_literal(f.constant or ""))
            case Kind.FILLER:
                parts.append(" " * n)
            case Kind.DIGITS:
                # No type check: only str (and bytes, which render as "b'…'") have
                # zfill, and the line's digit check refuses anything but digits. An
                # empty string would pad to zeros: the slow path refuses it.
                bad.append(f"not {v}")
                parts.append(f"{{{v}.zfill({n})}}")
            case Kind.TEXT:
                # Only str has isprintable (not bytes: they would render as "b'…'"),
                # so this is the type check too. Printable text has no control
                # character; what str.isprintable refuses and is text all the same
                # (NBSP, soft hyphen) goes slow, and is written there.
                bad.append(f"not {v}.isprintable()")
                parts.append(f"{{{v}.ljust({n})}}")
            case Kind.CODE:
                bad.append(f"{v}.__class__ is not str or not ({v} == '' or "
                           f"({v}.isascii() and {v}.isdigit()))")
                parts.append(f"{{{v}.zfill({n}) if {v} else {' ' * n!r}}}")
            case Kind.NUMERIC:
                bad.append(f"{v}.__class__ is not int")
                parts.append(f"{{str({v}).zfill({n})}}")
            case Kind.AMOUNT:
                # Exact: a Decimal with exactly ``decimals`` places scales to an
                # integer written in plain digits; any other (more places, fewer,
                # negative, NaN) gives a sign, a point or an exponent, and is then
                # encoded by the exact, slower field encoder (which may refuse it).
                bad.append(f"{v}.__class__ is not _D")
                conversions.append(f"x{i} = str({v}.scaleb({f.decimals}, _X))")
                conversions.append(
                    f"if not x{i}.isdigit():\n            x{i} = _amount({v}, {n}, {f.decimals})"
                )
                parts.append(f"{{x{i}.zfill({n})}}")
            case Kind.DATE:
                bad.append(f"{v}.__class__ is not _date")
                conversions.append(f"x{i} = _date_texts.get({v}) or _date_text({v})")
                parts.append(f"{{x{i}}}")
            case Kind.TIME:
                conversions.append(f"x{i} = _time_texts{n}.get({v}) or _time_text{n}({v})")
                parts.append(f"{{x{i}}}")
    line_checks = [f"len(t) != {rec.width}"]
    # Digits are checked on bytes: bytes.isdigit is ASCII-only and several times
    # faster than str.isdigit, which consults the Unicode database per character.
    # A line that is not latin-1 raises here and goes the slow way.
    runs = rec.digit_runs()
    line_checks += [f"not e[{a}:{b}].isdigit()" for a, b in runs]
    body = [*assigns]
    if bad:
        body.append(f"if {' or '.join(f'({c})' for c in bad)}:\n            return _slow(r)")
    body += conversions
    body.append(f't = f"{"".join(parts)}"')
    if runs:
        body.append("e = t.encode('latin-1')")
    body.append(f"if {' or '.join(line_checks)}:\n            return _slow(r)")
    body.append("return t")
    lines = ["def encode(r):", "    try:", *(f"        {line}" for line in body)]
    lines += ["    except Exception:", "        return _slow(r)", ""]
    return "\n".join(lines)


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}").replace('"', '\\"')


def _encode_slowly(rec: RecordLayout, record: Record) -> str:
    """Field by field, with the exact reason: the path for anything unusual."""
    parts = []
    for f in rec.fields:
        value = getattr(record, f.name) if f.is_attribute else None
        parts.append(f.encode(value, rec.record_type))
    text = "".join(parts)
    if len(text) != rec.width:  # cannot happen: every field checks its own width
        raise EncodeError(rec.record_type, "*", record, "does not fill the record")
    return text
