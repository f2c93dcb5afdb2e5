"""Compile a record layout, once, into a specialised decoder and encoder.

As attrs writes ``__init__`` and construct compiles a struct, this module turns a
record's plan (:mod:`.plan`) into Python source with every slice, conversion and
check inlined, and runs it (:mod:`.codegen`: the source is in :mod:`linecache`).
The per-line cost is then one function call: no loop over fields, no lookup of
kinds. Each field's piece of the source is its kind's
(:meth:`~pse_recon.declaration.kinds.Kind.decoder_value`,
:meth:`~pse_recon.declaration.kinds.Kind.encoder_part`); adjacent digit fields are
checked with a single ``bytes.isdigit`` over their run (ASCII digits only, unlike
``str.isdigit``).

The fast paths only say *whether* a line or record is good. When they fail, the
slow, per-field path (:meth:`~pse_recon.declaration.fields.Field.problem` and
:meth:`~pse_recon.declaration.fields.Field.encode`) says exactly which field and
why, so diagnostics never slow down good input.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from pse_recon.compile.codegen import indent, run, unfrozen_twin
from pse_recon.compile.plan import RecordPlan, record_plan
from pse_recon.declaration import FileLayout, RecordLayout
from pse_recon.errors import EncodeError
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes


class Decoder(Protocol):
    def __call__(
        self, b: bytes, s: str, line: int, raw: bytes | None = None, odd: bytes = ..., /
    ) -> Record: ...


Encoder = Callable[[Record], str]


@attrs.frozen
class CompiledRecord:
    """A record layout with its class and generated codec.

    ``decode(b, s, line, raw=None, odd=…)`` takes the line as bytes and as text:
    the record's columns, then nothing or the line ending it was compiled for (or
    it raises ValueError); ``odd`` is :func:`odd_whitespace` of the line's encoding
    (latin-1 if not given). It raises ValueError if any field is not of its kind
    (constants included, fillers not: reading tolerates them). The record gets
    ``line`` and ``raw``. ``encode(record)`` returns the line's text, or raises
    EncodeError. ``decoder_source`` and ``encoder_source`` are what was generated
    (also in :mod:`linecache`, :mod:`.codegen`).
    """

    layout: RecordLayout
    cls: type[Record]
    decode: Decoder
    encode: Encoder
    decoder_source: str = attrs.field(repr=False)
    encoder_source: str = attrs.field(repr=False)


@functools.cache
def compile_format(fmt: FileLayout, newline: bytes = b"\n") -> Mapping[str, CompiledRecord]:
    """Record type code → compiled record, for one layout (a format at one width),
    its decoders taking lines that end in ``newline`` (LF, or CRLF for files whose
    lines end so). Cached on the layout, a value: a layout declared outside the
    package compiles like the built-in ones."""
    return {code: compile_record(fmt, code, newline) for code in fmt.records}


def compile_record(fmt: FileLayout, record_type: str, newline: bytes = b"\n", *,
                   exact: Encoder | None = None) -> CompiledRecord:
    """Record ``record_type`` of ``fmt`` compiled anew (:func:`compile_format` keeps
    them). ``exact`` is what the encoder hands a record its fast path declines
    (default: the exact, field by field encoder, which says why); a test passes one
    that fails, to know the fast path takes every record it should."""
    rec = fmt.records[record_type]
    plan = record_plan(rec)
    cls = record_classes(fmt)[record_type]
    where = f"{fmt.name} {rec.width} {rec.record_type}"
    namespace = _names(plan)
    namespace.update(_cls=cls, _twin=unfrozen_twin(cls), _new=object.__new__,
                     _odd=odd_whitespace("latin-1"),
                     _slow=exact if exact is not None else functools.partial(_encode_slowly, rec))
    ending = "crlf" if newline == b"\r\n" else "lf"
    decoder, encoder = _decoder_source(plan, newline), _encoder_source(plan)
    decode = run(decoder, f"decoder {where} {ending}", namespace)["decode"]
    encode = run(encoder, f"encoder {where}", namespace)["encode"]
    return CompiledRecord(rec, cls, decode, encode, decoder, encoder)


def _names(plan: RecordPlan) -> dict[str, Any]:
    """What the kinds of the record's fields have their code refer to; fields of one
    kind share it (their caches too)."""
    namespace: dict[str, Any] = {}
    for f in plan.layout.fields:
        for name, value in f.kind.names().items():
            namespace.setdefault(name, value)
    return namespace


# -- decoding ---------------------------------------------------------------------
def _text_expr(a: int, b: int) -> str:
    """The text of columns ``[a:b]``; one character by index (a cached string)."""
    return f"s[{a}]" if b - a == 1 else f"s[{a}:{b}]"


def _decoder_source(plan: RecordPlan, newline: bytes) -> str:
    """``decode(b, s, line, raw=None, odd=…)``: one check of the line's shape and
    one per digit run, then one slot store per field on an instance of the record's
    unfrozen twin, which then becomes the record class (see
    :func:`~pse_recon.compile.codegen.unfrozen_twin`). That is several times
    cheaper than the frozen ``__init__`` and makes the same object.

    ``b`` and ``s`` are a whole line: the decoder refuses one that is not the
    record's columns followed by nothing or ``newline`` (a line with another ending
    takes the exact path, which reports its ending: reading pays nothing to look
    for it). ``odd`` holds the bytes that are whitespace other than the blank in
    the line's encoding (:func:`odd_whitespace`); see
    :data:`~pse_recon.compile.plan.GUARDED_TEXT` for why.
    """
    rec = plan.layout
    w = rec.width
    end = f"b[{w}] == 10" if newline == b"\n" else f"b[{w}:] == {newline!r}"
    # The record's columns, then nothing or the line ending. The last column is
    # never a CR or an LF: those end a shorter line (161 columns and LF, 160 and
    # CRLF), which the exact path reads as the trimmed line it is.
    checks = [f"(len(b) == {w + len(newline)} and {end} or len(b) == {w})",
              f"b[{w - 1}] not in (10, 13)"]
    checks += [f"b[{a}:{b}].isdigit()" for a, b in plan.digit_runs]
    # Every field's own test but the record type's, which chose this decoder.
    for f in rec.fields[1:]:
        test = f.kind.decoder_test(f, f"b[{f.start - 1}:{f.end}]", _text_expr(f.start - 1, f.end))
        if test is not None:
            checks.append(test)
    body = [f"if not ({' and '.join(checks)}):", "    raise ValueError"]
    if plan.guarded_text:  # the line ending is whitespace too: it is deleted with the rest
        body.append(f"pad = None if len(b.translate(None, odd)) == {w} else ' '")
    body += ["o = _new(_twin)", "o.line = line", "o.raw = raw"]
    body += [
        f"o.{f.name} = {f.kind.decoder_value(f, _text_expr(f.start - 1, f.end), plan.guarded_text)}"
        for f in rec.attributes
    ]
    body += ["o.__class__ = _cls", "return o"]
    return "\n".join(["def decode(b, s, line, raw=None, odd=_odd):", *indent(body, 1), ""])


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


# -- encoding ---------------------------------------------------------------------
def _encoder_source(plan: RecordPlan) -> str:
    """An encoder whose fast path handles well-typed values; anything else goes slow.

    The fast path checks each value's type (and that text is printable: no line
    break or other control character) with its kind's guard, formats the whole
    line with one f-string (whose paddings never truncate), then checks the *line*:
    its width (any value too long makes it wider) and each run of digit columns (a
    negative number, a letter or a non-ASCII digit in a digits field breaks it). One
    check per run instead of one per field. The slow path either encodes what the
    fast one declined (an ``int`` amount, a ``date`` subclass, a ``str`` subclass)
    or raises EncodeError naming the field.

    Only what the kinds' parts say they may raise for a value their guards let
    through is caught (and a line that is not latin-1, UnicodeEncodeError): that
    value goes to the exact encoder, which says why. Anything else is a bug and
    propagates.
    """
    rec = plan.layout
    assigns: list[str] = []
    guards: list[str] = []
    conversions: list[str] = []
    parts: list[str] = []
    raises: set[type[Exception]] = set()
    for i, f in enumerate(rec.fields):
        v = f"v{i}"
        if f.is_attribute:
            assigns.append(f"{v} = r.{f.name}")
        part = f.kind.encoder_part(f, v, f"x{i}")
        if part.guard is not None:
            guards.append(f"({part.guard})")
        conversions += part.conversions
        parts.append(part.part)
        raises.update(part.raises)
    line_checks = [f"len(t) != {rec.width}"]
    # Digits are checked on bytes: bytes.isdigit is ASCII-only and several times
    # faster than str.isdigit, which consults the Unicode database per character.
    line_checks += [f"not e[{a}:{b}].isdigit()" for a, b in plan.digit_runs]
    fast = [*conversions, f't = f"{"".join(parts)}"']
    if plan.digit_runs:
        fast.append("e = t.encode('latin-1')")
        raises.add(UnicodeEncodeError)
    if guards:
        fast = [f"if {' or '.join(guards)}:", "    t = None  # not of its field's type", "else:",
                *indent(fast, 1)]
    if raises:
        names = ", ".join(sorted(exc.__name__ for exc in raises))
        fast = ["try:", *indent(fast, 1), f"except ({names}):",
                "    t = None  # a value the fast path cannot format"]
    if guards or raises:
        line_checks.insert(0, "t is None")
    # The exact encoder says why (outside the try: its EncodeError is a ValueError).
    body = [*assigns, *fast, f"if {' or '.join(line_checks)}:", "    return _slow(r)", "return t"]
    return "\n".join(["def encode(r):", *indent(body, 1), ""])


def _encode_slowly(rec: RecordLayout, record: Record) -> str:
    """Field by field, with the exact reason: the path for anything unusual."""
    parts = []
    for f in rec.fields:
        value = getattr(record, f.name) if f.is_attribute else None
        parts.append(f.encode(value, rec.record_type))
    text = "".join(parts)
    if len(text) != rec.width:  # cannot happen: every field checks its own width
        raise EncodeError("does not fill the record", record_type=rec.record_type, field=None, value=record)
    return text
