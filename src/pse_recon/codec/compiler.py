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
from pse_recon.fields import END_OF_DAY, Field, Kind, encode_time
from pse_recon.layouts import layout as get_layout
from pse_recon.layouts.base import RecordLayout
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes, unfrozen_twin


class Decoder(Protocol):
    def __call__(self, b: bytes, s: str, line: int, raw: bytes | None = None, /) -> Record: ...


Encoder = Callable[[Record], str]


@attrs.frozen
class CompiledRecord:
    """A record layout with its class and generated codec.

    ``decode(b, s, line, raw=None)`` takes the line as bytes and as text, at least
    ``layout.width`` long (what follows, a terminator say, is not looked at), and
    raises ValueError if any field is not of its kind (constants included, fillers
    not: reading tolerates them). The record gets ``line`` and ``raw``.
    ``encode(record)`` returns the line's text, or raises EncodeError.
    """

    layout: RecordLayout
    cls: type[Record]
    decode: Decoder
    encode: Encoder
    source: str = attrs.field(repr=False)


@functools.cache
def compile_format(format_name: str, width: int | None = None) -> dict[str, CompiledRecord]:
    """Record type code → compiled record, for one format at one width. Cached."""
    fmt = get_layout(format_name, width)
    classes = record_classes(format_name)
    return {code: compile_record(rec, classes[code]) for code, rec in fmt.records.items()}


def compile_record(rec: RecordLayout, cls: type[Record]) -> CompiledRecord:
    source = _decoder_source(rec) + "\n" + _encoder_source(rec)
    dates: dict[str, dt.date] = {}
    times: dict[str, dt.time] = {}
    namespace: dict[str, Any] = {
        "_cls": cls,
        "_twin": unfrozen_twin(cls),
        "_new": object.__new__,
        "_D": Decimal,
        "_dates": dates,
        "_date": _caching(dates, _decode_date),
        "_times": times,
        "_time": _caching(times, _decode_time),
        "_enc_time": encode_time,
        "_slow": functools.partial(_encode_slowly, rec),
    }
    exec(compile(source, f"<pse_recon {cls.format} {rec.record_type}>", "exec"), namespace)
    return CompiledRecord(rec, cls, namespace["decode"], namespace["encode"], source)


# -- decoding ---------------------------------------------------------------------
def _digit_runs(rec: RecordLayout) -> list[tuple[int, int]]:
    """Maximal runs of adjacent fields that must hold digits, as 0-based slices."""
    runs: list[tuple[int, int]] = []
    for f in rec.fields:
        if not f.needs_digits:
            continue
        if runs and runs[-1][1] == f.start - 1:
            runs[-1] = (runs[-1][0], f.end)
        else:
            runs.append((f.start - 1, f.end))
    return runs


def _value_expr(f: Field) -> str:
    a, b = f.start - 1, f.end
    s = f"s[{a}:{b}]"
    match f.kind:
        case Kind.CONSTANT:
            return repr(f.constant)
        case Kind.DIGITS:
            return s
        case Kind.TEXT:
            return f"{s}.rstrip(' ')"
        case Kind.NUMERIC:
            return f"int({s})"
        case Kind.AMOUNT if f.decimals:
            # Exponent notation keeps the exact scale: '00000001800000E-2' is
            # Decimal('18000.00'), as '000000018000.00' is; one slice fewer.
            return f"_D({s} + 'E-{f.decimals}')"
        case Kind.AMOUNT:
            return f"_D({s})"
        case Kind.DATE:
            return f"_dates.get({s}) or _date({s})"
        case Kind.TIME:
            return f"_times.get({s}) or _time({s})"
    raise AssertionError(f.kind)


def _decoder_source(rec: RecordLayout) -> str:
    """``decode(b, s, line, raw=None)``: one check per digit run, then one slot store
    per field on an instance of the record's unfrozen twin, which then becomes the
    record class (see :func:`~pse_recon.records.factory.unfrozen_twin`). That is
    several times cheaper than the frozen ``__init__`` and makes the same object.

    ``b`` and ``s`` may run past the record's width (a line terminator, say): only
    columns ``1..width`` are looked at.
    """
    checks = [f"b[{a}:{b}].isdigit()" for a, b in _digit_runs(rec)]
    # Every constant but the record type, which chose this decoder; digit runs
    # cover digit constants only as digits, not as their value.
    checks += [
        f"s[{f.start - 1}:{f.end}] == {f.constant!r}"
        for f in rec.fields[1:]
        if f.kind is Kind.CONSTANT
    ]
    body = [f"if not ({' and '.join(checks)}):", "    raise ValueError"] if checks else []
    body += ["o = _new(_twin)", "o.line = line", "o.raw = raw"]
    body += [f"o.{f.name} = {_value_expr(f)}" for f in rec.attributes]
    body += ["o.__class__ = _cls", "return o"]
    return "def decode(b, s, line, raw=None):\n" + "".join(f"    {x}\n" for x in body)


#: Dates and times repeat in a file (a handful of distinct values over millions of
#: lines), so their decoded values are kept, up to this many of each.
CACHE_SIZE = 4096


def _caching(cache: dict[str, Any], convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def decode(text: str) -> Any:
        value = convert(text)  # raises ValueError, and then nothing is cached
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        cache[text] = value
        return value

    return decode


def _decode_date(text: str) -> dt.date:
    return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def _decode_time(text: str) -> dt.time:
    if text in ("2400", "240000"):
        return END_OF_DAY
    return dt.time(int(text[0:2]), int(text[2:4]), int(text[4:6]) if len(text) == 6 else 0)


# -- encoding ---------------------------------------------------------------------
def _encoder_source(rec: RecordLayout) -> str:
    """An encoder whose fast path handles well-typed values; anything else goes slow.

    The slow path either encodes what the fast one declined (an ``int`` amount, a
    ``date`` subclass) or raises EncodeError naming the field.
    """
    assigns: list[str] = []
    bad: list[str] = []
    arithmetic: list[str] = []
    parts: list[str] = []
    for i, f in enumerate(rec.fields):
        v = f"v{i}"
        n = f.length
        if f.is_attribute:
            assigns.append(f"{v} = r.{f.name}")
        match f.kind:
            case Kind.CONSTANT:
                bad.append(f"{v} != {f.constant!r}")
                parts.append(_literal(f.constant or ""))
            case Kind.FILLER:
                parts.append(" " * n)
            case Kind.DIGITS:
                bad.append(
                    f"{v}.__class__ is not str or len({v}) > {n} "
                    f"or not ({v}.isdigit() and {v}.isascii())"
                )
                parts.append(f"{{{v}:0>{n}}}")
            case Kind.TEXT:
                bad.append(
                    f"{v}.__class__ is not str or len({v}) > {n} or '\\n' in {v} or '\\r' in {v}"
                )
                parts.append(f"{{{v}:<{n}}}")
            case Kind.NUMERIC:
                bad.append(f"{v}.__class__ is not int or not 0 <= {v} < {10**n}")
                parts.append(f"{{{v}:0{n}d}}")
            case Kind.AMOUNT:
                # Exact: scaling by 10**decimals must leave an integer, else slow path.
                bad.append(f"{v}.__class__ is not _D")
                arithmetic.append(f"q{i} = {v}.scaleb({f.decimals})")
                arithmetic.append(f"{v} = int(q{i})")
                bad_after = f"{v} != q{i} or not 0 <= {v} < {10**n}"
                arithmetic.append(f"if {bad_after}:\n            return _slow(r)")
                parts.append(f"{{{v}:0{n}d}}")
            case Kind.DATE:
                bad.append(f"{v}.__class__ is not _date")
                parts.append(f"{{{v}.year:04d}}{{{v}.month:02d}}{{{v}.day:02d}}")
            case Kind.TIME:
                parts.append(f"{{_enc_time({v}, {n})}}")
    body = [*assigns]
    if bad:
        body.append(f"if {' or '.join(f'({c})' for c in bad)}:\n            return _slow(r)")
    body += arithmetic
    body.append(f'return f"{"".join(parts)}"')
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
