"""Field kinds: how one fixed-width field is declared, read and written.

A layout declares each field once as ``name + length + kind`` (plus a constant,
implied decimals, a computed role). Everything else (positions, record classes,
the compiled decoder and encoder, validation of kinds, documentation tables,
hypothesis strategies) is derived from these objects, so a kind knows:

* its Python type and how to convert the field's text to a value and back;
* the *source snippet* the layout compiler inlines for decoding, so no per-field
  interpretation is left in the per-line loop;
* the character class it requires (``digits`` or ``text`` or ``blank``), which the
  compiler merges over adjacent fields into one check per run.

Writing never truncates or rounds: a value that does not fit raises
:class:`~pse_recon.errors.EncodeError` naming the record type and field.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs

from pse_recon.computed import Computed
from pse_recon.money import units

#: ``2400`` ("hasta las 2400", spec decision 4) is read as the last instant of the
#: day, so that it stays distinct from ``0000`` and writes back as ``2400``.
END_OF_DAY = dt.time.max


class Kind(Enum):
    """What a field holds. The value is the short name used in docs and JSON."""

    NUMERIC = "numeric"  # digits, right-aligned, zero-filled; an int
    DIGITS = "digits"  # digits kept as text (identifiers, codes): leading zeros matter
    TEXT = "alphanumeric"  # left-aligned, space-filled; trailing spaces are padding
    AMOUNT = "amount"  # digits with implied decimals; a Decimal
    DATE = "date"  # AAAAMMDD
    TIME = "time"  # HHMM or HHMMSS
    CONSTANT = "constant"  # fixed text (record type indicators, fixed codes)
    CODE = "code"  # digits kept as text, or blank when there is none (a return cause)
    FILLER = "filler"  # blank, reserved


#: The character class each kind requires of its text.
DIGIT_KINDS = frozenset({Kind.NUMERIC, Kind.DIGITS, Kind.AMOUNT, Kind.DATE, Kind.TIME})


@attrs.frozen
class Field:
    """One field of a record: declared once, positions computed by its record.

    ``start`` and ``end`` are 1-based inclusive columns, filled in by
    :class:`~pse_recon.layouts.base.RecordLayout`; never write them by hand.
    """

    name: str
    length: int
    kind: Kind
    constant: str | None = None
    decimals: int = 0
    optional: bool = False
    computed: Computed | None = None
    #: Name of the code table in :mod:`pse_recon.catalogs` the value must come from
    #: (checked by validation, not by reading).
    catalog: str | None = None
    description: str = ""
    start: int = 0
    end: int = 0

    def __attrs_post_init__(self) -> None:
        if self.length < 1:
            raise ValueError(f"field {self.name}: length must be positive")
        if self.constant is not None and len(self.constant) != self.length:
            raise ValueError(f"field {self.name}: constant {self.constant!r} is not {self.length} wide")
        if self.kind is Kind.AMOUNT and not 0 <= self.decimals < self.length:
            raise ValueError(f"field {self.name}: bad decimals {self.decimals}")

    # -- derived facts --------------------------------------------------------
    @property
    def slice(self) -> slice:
        """The 0-based slice of a line holding this field."""
        return slice(self.start - 1, self.end)

    @property
    def is_attribute(self) -> bool:
        """Fillers are not attributes of a record: they carry nothing."""
        return self.kind is not Kind.FILLER

    @property
    def needs_digits(self) -> bool:
        if self.kind is Kind.CONSTANT:
            return bool(self.constant and self.constant.isdigit())
        return self.kind in DIGIT_KINDS

    @property
    def python_type(self) -> type:
        return _PYTHON_TYPES[self.kind]

    @property
    def default(self) -> Any:
        """The value a record gets when the caller does not give one.

        Constants take their constant, fillers are blank, computed fields start at
        zero until a builder fills them, optional digit fields are all zeros (the
        manual's "opcional"). Other fields are required.
        """
        if self.constant is not None:
            return self.constant
        if self.kind is Kind.FILLER:
            return ""
        if self.computed is not None:
            return Decimal(0) if self.kind is Kind.AMOUNT else 0
        if self.optional:
            return {Kind.DIGITS: "0" * self.length, Kind.TEXT: "", Kind.CODE: "", Kind.NUMERIC: 0}.get(
                self.kind, attrs.NOTHING
            )
        return attrs.NOTHING

    @property
    def time_format(self) -> str:
        return "%H%M%S" if self.length == 6 else "%H%M"

    # -- slow, exact conversions (used by diagnostics, tests, and as reference) --
    def decode(self, text: str) -> Any:
        """Convert the field's text to its value; raise ValueError saying why not."""
        problem = self.problem(text)
        if problem is not None:
            raise ValueError(problem)
        return _DECODERS[self.kind](self, text)

    def problem(self, text: str) -> str | None:
        """Why ``text`` is not a valid value of this field, or None."""
        if len(text) != self.length:
            return f"is {len(text)} characters wide, not {self.length}"
        if self.kind is Kind.CONSTANT:
            return None if text == self.constant else f"must be {self.constant!r}"
        if self.kind is Kind.FILLER:
            return None if text.strip(" ") == "" else "must be blank"
        if self.kind in DIGIT_KINDS and not (text.isascii() and text.isdigit()):
            return "must hold digits only"
        if self.kind is Kind.CODE and text.strip(" ") and not (text.isascii() and text.isdigit()):
            return "must be blank or digits"
        if self.kind is Kind.DATE:
            try:
                decode_date(text)
            except ValueError:
                return "is not a calendar date (AAAAMMDD)"
        if self.kind is Kind.TIME:
            try:
                decode_time(text)
            except ValueError:
                return f"is not a time ({'HHMMSS' if self.length == 6 else 'HHMM'})"
        return None

    def encode(self, value: Any, record_type: str = "?") -> str:
        """The field's text for ``value``; raise EncodeError rather than lose anything."""
        from pse_recon.errors import EncodeError

        try:
            text: str = _ENCODERS[self.kind](self, value)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise EncodeError(record_type, self.name, value, str(exc)) from None
        if len(text) != self.length:
            raise EncodeError(
                record_type, self.name, value, f"needs {len(text)} columns, the field has {self.length}"
            )
        return text


_PYTHON_TYPES: dict[Kind, type] = {
    Kind.NUMERIC: int,
    Kind.DIGITS: str,
    Kind.TEXT: str,
    Kind.AMOUNT: Decimal,
    Kind.DATE: dt.date,
    Kind.TIME: dt.time,
    Kind.CONSTANT: str,
    Kind.FILLER: str,
    Kind.CODE: str,
}


def decode_date(text: str) -> dt.date:
    """``AAAAMMDD`` → date; ValueError for an impossible one."""
    return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def decode_time(text: str) -> dt.time:
    """``HHMM`` or ``HHMMSS`` → time, ``2400`` being :data:`END_OF_DAY`."""
    if text in ("2400", "240000"):
        return END_OF_DAY
    seconds = int(text[4:6]) if len(text) == 6 else 0
    return dt.time(int(text[0:2]), int(text[2:4]), seconds)


def _decode_amount(field: Field, text: str) -> Decimal:
    if field.decimals == 0:
        return Decimal(text)
    return Decimal(f"{text[: -field.decimals]}.{text[-field.decimals :]}")


_DECODERS: dict[Kind, Any] = {
    Kind.NUMERIC: lambda f, t: int(t),
    Kind.DIGITS: lambda f, t: t,
    Kind.TEXT: lambda f, t: t.rstrip(" "),
    Kind.AMOUNT: _decode_amount,
    Kind.DATE: lambda f, t: decode_date(t),
    Kind.TIME: lambda f, t: decode_time(t),
    Kind.CONSTANT: lambda f, t: t,
    Kind.FILLER: lambda f, t: "",
    Kind.CODE: lambda f, t: t if t.strip(" ") else "",
}


def encode_numeric(value: Any, length: int) -> str:
    if type(value) is not int:
        raise TypeError(f"expects an int, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{value} is negative")
    text = str(value)
    if len(text) > length:
        raise ValueError(f"{value} needs {len(text)} digits, the field has {length}")
    return text.zfill(length)


def encode_digits(value: Any, length: int) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expects a str of digits, got {type(value).__name__}")
    if not (value.isascii() and value.isdigit()):
        raise ValueError(f"{value!r} is not all digits")
    if len(value) > length:
        raise ValueError(f"{value!r} is {len(value)} digits long, the field has {length}")
    return value.zfill(length)


def encode_code(value: Any, length: int) -> str:
    """A code of digits, zero-filled, or blanks for ``""`` (no code)."""
    if isinstance(value, str) and value == "":
        return " " * length
    return encode_digits(value, length)


def encode_text(value: Any, length: int) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expects a str, got {type(value).__name__}")
    if len(value) > length:
        raise ValueError(f"{value!r} is {len(value)} characters long, the field has {length}")
    at = first_control(value)
    if at is not None:
        raise ValueError(
            f"holds the control character {value[at]!r} at position {at + 1} "
            "(the fields are printable text)"
        )
    return value.ljust(length)


#: Control characters, Unicode category Cc: C0 (line breaks, tab, NUL, ESC …), DEL, C1.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def first_control(text: str) -> int | None:
    """The index of the first control character of ``text`` (C0, DEL or C1), or None.

    Text fields are printable: a control character written into one breaks lines,
    terminals (ESC) or the programs that read the file (NUL).
    """
    found = _CONTROL.search(text)
    return None if found is None else found.start()


def encode_amount(value: Any, length: int, decimals: int) -> str:
    """Exact in any decimal context (:func:`pse_recon.money.units`)."""
    return str(units(value, decimals, length)).zfill(length)


def encode_date(value: Any) -> str:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TypeError(f"expects a datetime.date, got {type(value).__name__}")
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


def encode_time(value: Any, length: int) -> str:
    if not isinstance(value, dt.time):
        raise TypeError(f"expects a datetime.time, got {type(value).__name__}")
    if value.tzinfo is not None:
        # Writing the wall-clock hour would drop the offset: which instant it was is lost.
        raise ValueError(f"{value} is timezone-aware; the files hold local times without an offset")
    if value == END_OF_DAY:
        return "2400" + "00" * (length == 6)
    if value.microsecond or (length == 4 and value.second):
        raise ValueError(f"{value} is more precise than the field ({length} digits)")
    text = f"{value.hour:02d}{value.minute:02d}"
    return text + f"{value.second:02d}" if length == 6 else text


def encode_constant(value: Any, constant: str) -> str:
    if value != constant:
        raise ValueError(f"must be {constant!r}")
    return constant


_ENCODERS: dict[Kind, Any] = {
    Kind.NUMERIC: lambda f, v: encode_numeric(v, f.length),
    Kind.DIGITS: lambda f, v: encode_digits(v, f.length),
    Kind.TEXT: lambda f, v: encode_text(v, f.length),
    Kind.AMOUNT: lambda f, v: encode_amount(v, f.length, f.decimals),
    Kind.DATE: lambda f, v: encode_date(v),
    Kind.TIME: lambda f, v: encode_time(v, f.length),
    Kind.CONSTANT: lambda f, v: encode_constant(v, f.constant),
    Kind.FILLER: lambda f, v: " " * f.length,
    Kind.CODE: lambda f, v: encode_code(v, f.length),
}


# -- declaration helpers: what layout files are written with -------------------
def numeric(name: str, length: int, **kw: Any) -> Field:
    """A number (count, lot number, sequence) read as ``int``."""
    return Field(name, length, Kind.NUMERIC, **kw)


def digits(name: str, length: int, **kw: Any) -> Field:
    """A numeric identifier (NIT, reference, code) kept as text, leading zeros and all."""
    return Field(name, length, Kind.DIGITS, **kw)


def code(name: str, length: int, **kw: Any) -> Field:
    """A numeric code kept as text, blank when there is none (read as ``""``)."""
    return Field(name, length, Kind.CODE, **kw)


def text(name: str, length: int, **kw: Any) -> Field:
    """Alphanumeric: left-aligned, space-filled, printable (writing refuses a control
    character: C0, DEL, C1)."""
    return Field(name, length, Kind.TEXT, **kw)


def amount(name: str, length: int, decimals: int, **kw: Any) -> Field:
    """Money with ``decimals`` implied decimal digits, read as ``Decimal``; written
    exactly whatever the decimal context (never rounded: more decimals are refused)."""
    return Field(name, length, Kind.AMOUNT, decimals=decimals, **kw)


def date(name: str, **kw: Any) -> Field:
    """A calendar date written AAAAMMDD."""
    return Field(name, 8, Kind.DATE, **kw)


def time(name: str, length: int = 4, **kw: Any) -> Field:
    """A time written HHMM (``2400`` legal) or HHMMSS; local, so writing refuses a
    timezone-aware time (its offset would be lost)."""
    if length not in (4, 6):
        raise ValueError(f"field {name}: a time is 4 or 6 digits")
    return Field(name, length, Kind.TIME, **kw)


def constant(name: str, value: str, **kw: Any) -> Field:
    """A field whose text is fixed by the format."""
    return Field(name, len(value), Kind.CONSTANT, constant=value, **kw)


def filler(name: str, length: int, **kw: Any) -> Field:
    """Blank, reserved columns."""
    return Field(name, length, Kind.FILLER, **kw)
