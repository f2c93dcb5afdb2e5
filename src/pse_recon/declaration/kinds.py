"""Field kinds: one class per kind of field, owning everything about it.

A layout declares each field as a name, a length and a kind (``Amount(2)``,
``Time(4)``, ``Constant("06")`` …: frozen values, compared by content). Whatever
the library does with a field goes through its kind, so a kind is the one place
that knows, for its fields:

* **text**: whether a field's text is of the kind (:meth:`Kind.problem`, the
  catalog rule and message parameters of a text reading refuses) and what a
  readable text breaks of the manual all the same (:meth:`Kind.remark`: a control
  character in text, PR114; an HHMM ``0000``, PR109);
* **values**: the Python type, the default, exact decoding and encoding, the value
  the structure counts or adds (:meth:`Kind.tally`), how JSON, CSV and ``show``
  render it (:meth:`Kind.render`), how a total of it adds up;
* **generated code**: the expression a decoder stores (:meth:`Kind.decoder_value`)
  and the test it adds (:meth:`Kind.decoder_test`), the encoder's part, type guard
  and the exceptions the part may raise (:meth:`Kind.encoder_part`), and the names
  both need (:meth:`Kind.names`);
* **fast paths**: the byte class of its columns (digit runs, blank fillers), the
  bytes it accepts (constants, fillers), the range test of the line scanner and
  the block test of the bulk checker, its valid values (times), whether the fast
  paths learn its values (dates);
* **columns**: the name of the columnar reader's builder of its columns
  (:attr:`Kind.column`);
* **docs and tests**: its name and label (docs, ``describe``, JSON), and its
  hypothesis strategy (hypothesis imported only then: it is not a dependency).

A new kind is one class here. Nothing outside this module asks which kind a field
is (``tests/test_kinds.py`` scans ``src/`` for it). The module is longer than most
for that reason: each class is short, and they are all here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from pse_recon.money import EXACT, from_units, total, units

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from pse_recon.declaration.fields import Field

#: ``2400`` ("hasta las 2400", spec decision 4) is read as the last instant of the
#: day, so that it stays distinct from ``0000`` and writes back as ``2400``.
END_OF_DAY: Final = dt.time.max

#: The byte classes of a field's columns (:attr:`Kind.byte_class`): what one
#: ``bytes.isdigit`` per run of digit columns, or the blank columns of a class
#: pattern, check on the fast paths.
DIGITS: Final = "digits"
BLANK: Final = "blank"
ANY: Final = "any"

#: Strategies draw dates from these years (inclusive): real dates AAAAMMDD holds.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2999
#: The characters of generated text: printable latin-1, one byte a column (no
#: controls, no line breaks, no NBSP or soft hyphen).
TEXT_ALPHABET: Final = "".join(chr(i) for i in range(0x20, 0x100) if chr(i).isprintable())

#: Decoded dates are kept (a handful of distinct values over millions of lines), up
#: to this many; so are the texts of encoded ones.
CACHE_SIZE: Final = 4096


@attrs.frozen
class Problem:
    """What is wrong with a field's text: the catalog ``code``, reading's own words
    (``reason``, as in "valor must hold digits only"), the parameters of the rule's
    message, and whether the value is still ``usable`` (a readable text the manual
    does not allow, such as an HHMM ``0000``)."""

    code: str
    reason: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    usable: bool = False

    def __str__(self) -> str:
        return self.reason


@attrs.frozen
class EncoderPart:
    """One field's part of a generated encoder: ``guard`` is true of a value the fast
    path must not format (it goes to the exact encoder, which says why), the
    ``conversions`` run before the line is formatted, ``part`` is the field's piece
    of the line's f-string, and ``raises`` what the part may raise for a value the
    guard let through: the encoder catches exactly those and encodes exactly."""

    part: str
    guard: str | None = None
    conversions: tuple[str, ...] = ()
    raises: tuple[type[Exception], ...] = ()


def caching(
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


def _literal(text: str) -> str:
    """``text`` as literal characters of a generated f-string."""
    return text.replace("{", "{{").replace("}", "}}").replace('"', '\\"')


def _digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


_NOT_DIGITS = "must hold digits only"



@attrs.frozen
class Kind:
    """What a field holds. Subclasses are the kinds; this base says what each offers,
    and what most of them share."""

    #: The short name of the kind in docs, ``describe`` and JSON.
    name: ClassVar[str]
    #: The label of the kind in the docs' table of kinds (its parameters generic).
    doc_label: ClassVar[str]
    python_type: ClassVar[type]
    #: Whether a field of the kind is an attribute of its record (fillers are not).
    carries_value: ClassVar[bool] = True
    #: Whether the field holds free text (any printable character).
    holds_text: ClassVar[bool] = False
    #: Whether the field holds money (what totals of the file add up).
    money: ClassVar[bool] = False
    #: Whether a catalog of the kind may list values shorter than the field (they
    #: are padded when written).
    short_values: ClassVar[bool] = False
    #: Whether the fast paths accept the values the exact path found good (valid
    #: values too many to list: every date of a thousand years).
    learns: ClassVar[bool] = False
    #: Whether the kind's digits have a range the fast paths test (times):
    #: :meth:`range_test`, :meth:`block_test` and :meth:`valid_values`.
    ranged: ClassVar[bool] = False
    #: How the columnar reader builds its columns (:mod:`pse_recon.columnar`'s builders
    #: by this name); None: it builds none (fillers), and a new kind without one sends
    #: its files the row way.
    column: ClassVar[str | None] = None

    # -- the declaration --------------------------------------------------------
    @property
    def byte_class(self) -> str:
        """What its columns hold: :data:`DIGITS`, :data:`BLANK` or :data:`ANY` bytes."""
        return ANY

    @property
    def decimals(self) -> int:
        """Implied decimal digits (money only)."""
        return 0

    @property
    def width(self) -> int | None:
        """The length a field of this kind must have, when the kind fixes it."""
        return None

    @property
    def fixed(self) -> str | None:
        """The text every field of this kind holds, when the kind fixes it."""
        return None

    @property
    def label(self) -> str:
        """``amount(2)``, ``time(HHMM)``: the kind with its parameters, for tables."""
        return self.name

    def check(self, f: Field) -> None:
        """Raise ValueError if ``f`` cannot be of this kind."""
        if self.width is not None and f.length != self.width:
            raise ValueError(f"field {f.name}: a {self.label} field is {self.width} wide, not {f.length}")

    # -- text -------------------------------------------------------------------
    def problem(self, f: Field, text: str) -> Problem | None:
        """Why ``text`` (as wide as ``f``) is not a value of this kind, or None."""
        return None

    def remark(self, f: Field, text: str, controls: frozenset[str]) -> Problem | None:
        """What a readable ``text`` breaks of the manual (None: nothing); ``controls``
        are the characters that are control characters in the file's encoding."""
        return None

    # -- values -----------------------------------------------------------------
    def decode(self, f: Field, text: str) -> Any:
        """The value of a text that has no :meth:`problem`."""
        return text

    def encode(self, f: Field, value: Any) -> str:
        """The field's text for ``value``; TypeError, ValueError or ArithmeticError
        saying why not (:meth:`~pse_recon.declaration.fields.Field.encode` names the
        field)."""
        raise NotImplementedError

    def default(self, f: Field) -> Any:
        """The value of a field the caller does not give: computed fields start at
        :meth:`zero`, optional ones are :meth:`empty`; others are required."""
        if f.computed is not None:
            return self.zero
        return self.empty(f) if f.optional else attrs.NOTHING

    @property
    def zero(self) -> Any:
        return 0

    def empty(self, f: Field) -> Any:
        """The value of an optional field left out (the manual's "opcional")."""
        return attrs.NOTHING

    def tally(self, text: str) -> Any:
        """The value the structure counts, adds or compares, from a good text: an
        int for numbers (money in units of its last decimal place), else the text."""
        return text

    def total(self, values: Iterable[Any]) -> Any:
        """The sum of ``values`` for a field of this kind that adds them up."""
        return sum(values)

    def add(self, a: Any, b: Any) -> Any:
        """``total((a, b))``, for a sum kept as values come (:class:`~.computed.Tally`)."""
        return self.total((a, b))

    def render(self, value: Any) -> Any:
        """The value as JSON, CSV and ``show`` have it."""
        return value

    # -- generated code -----------------------------------------------------------
    def names(self) -> dict[str, Any]:
        """What the generated code of this kind refers to, by name (caches made anew:
        one set per compiled record, shared by its fields of the kind)."""
        return {}

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        """The expression of the value, given ``text``, the expression of the field's
        text. ``guarded``: the line holds no whitespace but blanks (``pad`` is None)."""
        return text

    def decoder_test(self, f: Field, b: str, text: str) -> str | None:
        """A test the decoder adds for the field beyond its byte class (``b`` the
        expression of its bytes, ``text`` of its text)."""
        return None

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        """The field's part of the encoder, its value in variable ``v``; ``x`` is free
        for a conversion."""
        raise NotImplementedError

    # -- fast paths ---------------------------------------------------------------
    def accepted_bytes(self, f: Field) -> frozenset[bytes] | None:
        """The only texts the field holds, as bytes, when the kind alone says so."""
        return None

    def range_test(self, f: Field, line: str) -> str:
        """The line scanner's test of the field's columns in ``line`` (the line's
        bytes), digits already checked (:attr:`ranged` kinds)."""
        raise NotImplementedError

    def block_test(self, f: Field) -> Callable[[bytes, int, int], bool]:
        """``test(block, start, w1)``: whether the field at column ``start`` of every
        line (``w1`` bytes each) of ``block`` is surely good; False only says look
        closer (:attr:`ranged` kinds)."""
        raise NotImplementedError

    def valid_values(self, f: Field) -> frozenset[bytes]:
        """Every good text of the field as bytes (:attr:`ranged` kinds)."""
        raise NotImplementedError

    # -- tests --------------------------------------------------------------------
    def strategy(self, f: Field) -> SearchStrategy[Any]:
        """Valid values of the field (hypothesis, imported now)."""
        raise NotImplementedError

    def bounded(self, f: Field, low: int, most: int) -> SearchStrategy[Any]:
        """Values of a field that others add up, from ``low`` to ``most`` units."""
        from hypothesis import strategies as st
        return st.integers(low, min(most, 10**f.length - 1))


@attrs.frozen
class DigitKind(Kind):
    """The kinds written in digits only: numbers, identifiers, dates, times."""

    @property
    def byte_class(self) -> str:
        return DIGITS

    def problem(self, f: Field, text: str) -> Problem | None:
        return None if _digits(text) else Problem("PR101", _NOT_DIGITS)


@attrs.frozen
class Numeric(DigitKind):
    """A number (count, lot number, sequence) read as ``int``."""

    name = "numeric"
    column = "integer"
    doc_label = "numeric"
    python_type = int

    def decode(self, f: Field, text: str) -> int:
        return int(text)

    def encode(self, f: Field, value: Any) -> str:
        if type(value) is not int:
            raise TypeError(f"expects an int, got {type(value).__name__}")
        if value < 0:
            raise ValueError(f"{value} is negative")
        text = str(value)
        if len(text) > f.length:
            raise ValueError(f"{value} needs {len(text)} digits, the field has {f.length}")
        return text.zfill(f.length)

    def empty(self, f: Field) -> int:
        return 0

    def tally(self, text: str) -> int:
        return int(text)

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        return f"int({text})"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        return EncoderPart(f"{{str({v}).zfill({f.length})}}", guard=f"{v}.__class__ is not int")

    def strategy(self, f: Field) -> SearchStrategy[int]:
        from hypothesis import strategies as st
        return st.integers(0, 10**f.length - 1)


@attrs.frozen
class Digits(DigitKind):
    """A numeric identifier (NIT, reference, code) kept as text, leading zeros and all."""

    name = "digits"
    column = "digits"
    doc_label = "digits"
    python_type = str

    def encode(self, f: Field, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expects a str of digits, got {type(value).__name__}")
        if not _digits(value):
            raise ValueError(f"{value!r} is not all digits")
        if len(value) > f.length:
            raise ValueError(f"{value!r} is {len(value)} digits long, the field has {f.length}")
        return value.zfill(f.length)

    def empty(self, f: Field) -> str:
        return "0" * f.length

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        # No type check: what is not text has no zfill (AttributeError), and bytes,
        # which render as "b'…'", fail the line's digit check. An empty string would
        # pad to zeros: the exact encoder refuses it.
        return EncoderPart(f"{{{v}.zfill({f.length})}}", guard=f"not {v}", raises=(AttributeError,))

    def strategy(self, f: Field) -> SearchStrategy[str]:
        from hypothesis import strategies as st
        return st.text(string.digits, min_size=f.length, max_size=f.length)


@attrs.frozen
class Code(Kind):
    """A numeric code kept as text, blank when there is none (read as ``""``)."""

    name = "code"
    column = "code"
    doc_label = "code"
    python_type = str
    short_values = True

    def problem(self, f: Field, text: str) -> Problem | None:
        if text.strip(" ") and not _digits(text):
            return Problem("PR112", "must be blank or digits")
        return None

    def decode(self, f: Field, text: str) -> str:
        return text if text.strip(" ") else ""

    def encode(self, f: Field, value: Any) -> str:
        if isinstance(value, str) and value == "":
            return " " * f.length
        return Digits().encode(f, value)

    def empty(self, f: Field) -> str:
        return ""

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        return f"'' if (t := {text}) == {' ' * f.length!r} else t"

    def decoder_test(self, f: Field, b: str, text: str) -> str:
        return f"({b}.isdigit() or {b} == {b' ' * f.length!r})"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        return EncoderPart(
            f"{{{v}.zfill({f.length}) if {v} else {' ' * f.length!r}}}",
            guard=f"{v}.__class__ is not str or not ({v} == '' or ({v}.isascii() and {v}.isdigit()))",
        )

    def strategy(self, f: Field) -> SearchStrategy[str]:
        from hypothesis import strategies as st
        return st.one_of(st.just(""), Digits().strategy(f))


#: Control characters, Unicode category Cc: C0 (line breaks, tab, NUL, ESC …), DEL, C1.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def first_control(text: str) -> int | None:
    """The index of the first control character of ``text`` (C0, DEL or C1), or None.

    Text fields are printable: a control character written into one breaks lines,
    terminals (ESC) or the programs that read the file (NUL).
    """
    found = _CONTROL.search(text)
    return None if found is None else found.start()


@attrs.frozen
class Text(Kind):
    """Alphanumeric: left-aligned, space-filled, printable (writing refuses a control
    character: C0, DEL, C1)."""

    name = "alphanumeric"
    column = "text"
    doc_label = "alphanumeric"
    python_type = str
    holds_text = True
    short_values = True

    def problem(self, f: Field, text: str) -> Problem | None:
        return None  # any text is read; a control character is a remark

    def remark(self, f: Field, text: str, controls: frozenset[str]) -> Problem | None:
        if not controls or controls.isdisjoint(text):
            return None
        at = next(i for i, ch in enumerate(text) if ch in controls)
        return Problem("PR114", f"holds the control character {text[at]!r}",
                       {"char": f"{ord(text[at]):#04x}", "column": f.start + at})

    def decode(self, f: Field, text: str) -> str:
        return text.rstrip(" ")

    def encode(self, f: Field, value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError(f"expects a str, got {type(value).__name__}")
        if len(value) > f.length:
            raise ValueError(f"{value!r} is {len(value)} characters long, the field has {f.length}")
        at = first_control(value)
        if at is not None:
            raise ValueError(
                f"holds the control character {value[at]!r} at position {at + 1} "
                "(the fields are printable text)"
            )
        return value.ljust(f.length)

    def empty(self, f: Field) -> str:
        return ""

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        # rstrip() strips with a table, several times faster than rstrip(" "), but
        # strips tabs and no-break spaces too: only when the line has none (pad None).
        return f"{text}.rstrip(pad)" if guarded else f"{text}.rstrip(' ')"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        # Only str has isprintable (not bytes: they would render as "b'…'"), so this
        # is the type check too (AttributeError). Printable text has no control
        # character; what isprintable refuses and is text all the same (NBSP, soft
        # hyphen) goes to the exact encoder, which writes it.
        return EncoderPart(f"{{{v}.ljust({f.length})}}", guard=f"not {v}.isprintable()",
                           raises=(AttributeError,))

    def strategy(self, f: Field) -> SearchStrategy[str]:
        from hypothesis import strategies as st
        return st.text(TEXT_ALPHABET, max_size=f.length).map(lambda s: s.rstrip(" "))


@attrs.frozen
class Amount(DigitKind):
    """Money with ``decimals`` implied decimal digits, read as ``Decimal``; written
    exactly whatever the decimal context (never rounded: more decimals are refused)."""

    decimals: int = 0

    name = "amount"
    column = "amount"
    doc_label = "amount(n)"
    python_type = Decimal
    money = True

    @property
    def label(self) -> str:
        return f"amount({self.decimals})"

    def check(self, f: Field) -> None:
        if not 0 <= self.decimals < f.length:
            raise ValueError(f"field {f.name}: bad decimals {self.decimals}")

    def decode(self, f: Field, text: str) -> Decimal:
        if self.decimals == 0:
            return Decimal(text)
        return Decimal(f"{text[: -self.decimals]}.{text[-self.decimals :]}")

    def encode(self, f: Field, value: Any) -> str:
        """Exact in any decimal context (:func:`pse_recon.money.units`)."""
        return str(units(value, self.decimals, f.length)).zfill(f.length)

    @property
    def zero(self) -> Decimal:
        return Decimal(0)

    def tally(self, text: str) -> int:
        return int(text)

    def total(self, values: Iterable[Any]) -> Decimal:
        return total(values)  # exact, whatever the caller's decimal context

    def add(self, a: Any, b: Any) -> Decimal:
        return EXACT.add(a, b)  # total((a, b)): exact, whatever the caller's decimal context

    def render(self, value: Any) -> Any:
        return f"{value:f}"  # exact decimal text, never exponent notation

    def names(self) -> dict[str, Any]:
        d = self.decimals
        return {"_D": Decimal, "_X": EXACT, "_amount": units, f"_zero{d}": Decimal(f"0E-{d}")}

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        # Exponent notation keeps the exact scale: '00000001800000E-2' is
        # Decimal('18000.00'), as '000000018000.00' is; one slice fewer. Zero (VAT,
        # mostly) is one shared Decimal('0.00'): Decimals are immutable.
        d, zeros = self.decimals, "0" * f.length
        value = f"_D(t + 'E-{d}')" if d else "_D(t)"
        return f"_zero{d} if (t := {text}) == {zeros!r} else {value}"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        # A Decimal with exactly ``decimals`` places scales, in EXACT, to an integer
        # written in plain digits; any other (more places, fewer, negative, NaN) gives
        # a sign, a point or an exponent, and is then scaled by units(), which may
        # refuse it (ValueError, ArithmeticError): the exact encoder says why.
        n, d = f.length, self.decimals
        return EncoderPart(
            f"{{{x}.zfill({n})}}",
            guard=f"{v}.__class__ is not _D",
            conversions=(f"{x} = str({v}.scaleb({d}, _X))",
                         f"if not {x}.isdigit():\n    {x} = str(_amount({v}, {d}, {n}))"),
            raises=(ValueError, ArithmeticError),
        )

    def strategy(self, f: Field) -> SearchStrategy[Decimal]:
        return self.bounded(f, 0, 10**f.length - 1)

    def bounded(self, f: Field, low: int, most: int) -> SearchStrategy[Decimal]:
        from hypothesis import strategies as st
        top = min(most, 10**f.length - 1)
        return st.integers(low, top).map(lambda n: from_units(n, self.decimals))


def decode_date(text: str) -> dt.date:
    """``AAAAMMDD`` → date; ValueError for an impossible one."""
    return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))


def encode_date(value: Any) -> str:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise TypeError(f"expects a datetime.date, got {type(value).__name__}")
    return f"{value.year:04d}{value.month:02d}{value.day:02d}"


@attrs.frozen
class Date(DigitKind):
    """A calendar date written AAAAMMDD."""

    name = "date"
    column = "date"
    doc_label = "date"
    python_type = dt.date
    learns = True

    @property
    def width(self) -> int:
        return 8

    def problem(self, f: Field, text: str) -> Problem | None:
        if not _digits(text):
            return Problem("PR101", _NOT_DIGITS)
        try:
            decode_date(text)
        except ValueError:
            return Problem("PR102", "is not a calendar date (AAAAMMDD)")
        return None

    def decode(self, f: Field, text: str) -> dt.date:
        return decode_date(text)

    def encode(self, f: Field, value: Any) -> str:
        return encode_date(value)

    def render(self, value: Any) -> Any:
        return value.isoformat()

    def names(self) -> dict[str, Any]:
        dates: dict[str, dt.date] = {}
        texts: dict[dt.date, str] = {}
        return {"_date": dt.date, "_dates": dates, "_to_date": caching(dates, decode_date),
                "_date_texts": texts, "_date_text": caching(texts, encode_date)}

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        return f"_dates.get({text}) or _to_date({text})"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        return EncoderPart(f"{{{x}}}", guard=f"{v}.__class__ is not _date",
                           conversions=(f"{x} = _date_texts.get({v}) or _date_text({v})",))

    def strategy(self, f: Field) -> SearchStrategy[dt.date]:
        from hypothesis import strategies as st
        return st.dates(dt.date(MIN_YEAR, 1, 1), dt.date(MAX_YEAR, 12, 31))


def _table(accepted: bytes) -> bytes:
    """A ``bytes.translate`` table: 1 for the bytes of ``accepted``, 0 for the rest."""
    return bytes(b in accepted for b in range(256))


_IS_2, _FROM_4, _IS_0 = _table(b"2"), _table(b"456789"), _table(b"0")


@attrs.frozen
class Time(DigitKind):
    """A time written HHMM (``2400`` legal) or HHMMSS; local, so writing refuses a
    timezone-aware time (its offset would be lost).

    The manual's ranges live here and only here (spec decision 4): HHMM runs "from
    0001 to 2400", so ``0000`` is read (midnight) but is PR109; HHMMSS runs from
    ``000000`` to ``235959``, and ``240000``. ``2400`` and ``240000`` are
    :data:`END_OF_DAY`. The exact checks, the scanner's range test, the bulk
    checker's block test, the list of valid values and the strategy all derive
    from :attr:`midnight_in_range` and :attr:`end_text`.
    """

    length: int = 4

    name = "time"
    column = "time"
    doc_label = "time(HHMM), time(HHMMSS)"
    python_type = dt.time
    ranged = True

    def __attrs_post_init__(self) -> None:
        if self.length not in (4, 6):
            raise ValueError("a time is 4 or 6 digits")

    @property
    def width(self) -> int:
        return self.length

    @property
    def pattern(self) -> str:
        return "HHMMSS" if self.length == 6 else "HHMM"

    @property
    def label(self) -> str:
        return f"time({self.pattern})"

    @property
    def midnight_in_range(self) -> bool:
        """Whether ``0000…`` is in the manual's range (HHMMSS), not only readable (HHMM)."""
        return self.length == 6

    @property
    def end_text(self) -> str:
        """The end of the day: ``2400`` or ``240000``."""
        return "24".ljust(self.length, "0")

    @property
    def readable(self) -> int:
        """How many texts are times: every minute (or second) of the day, and its end."""
        return 24 * 60 * (60 if self.length == 6 else 1) + 1

    def at(self, moment: dt.datetime) -> tuple[dt.date, dt.time]:
        """The date and the time of this field that say ``moment``: to the second
        (HHMMSS) or the minute (HHMM); midnight in HHMM, outside its range, is
        ``2400`` of the day before."""
        if self.length == 6:
            return moment.date(), moment.time().replace(microsecond=0)
        t = moment.time().replace(second=0, microsecond=0)
        if t == dt.time(0, 0):
            return moment.date() - dt.timedelta(days=1), END_OF_DAY
        return moment.date(), t

    def decode_text(self, text: str) -> dt.time:
        """``HHMM`` or ``HHMMSS`` → time, ``2400`` being :data:`END_OF_DAY`."""
        if text == self.end_text:
            return END_OF_DAY
        seconds = int(text[4:6]) if self.length == 6 else 0
        return dt.time(int(text[0:2]), int(text[2:4]), seconds)

    def encode_value(self, value: Any) -> str:
        if not isinstance(value, dt.time):
            raise TypeError(f"expects a datetime.time, got {type(value).__name__}")
        if value.tzinfo is not None:
            # Writing the wall-clock hour would drop the offset: which instant it was is lost.
            raise ValueError(f"{value} is timezone-aware; the files hold local times without an offset")
        if value == END_OF_DAY:
            return self.end_text
        if value.microsecond or (self.length == 4 and value.second):
            raise ValueError(f"{value} is more precise than the field ({self.length} digits)")
        text = f"{value.hour:02d}{value.minute:02d}"
        return text + f"{value.second:02d}" if self.length == 6 else text

    def problem(self, f: Field, text: str) -> Problem | None:
        params = {"pattern": self.pattern}
        if not _digits(text):
            return Problem("PR101", _NOT_DIGITS, params)
        try:
            self.decode_text(text)
        except ValueError:
            return Problem("PR103", f"is not a time ({self.pattern})", params)
        return None

    def remark(self, f: Field, text: str, controls: frozenset[str]) -> Problem | None:
        if not self.midnight_in_range and text == "0" * self.length:
            return Problem("PR109", "is 0000, outside the manual's 0001 to 2400",
                           {"pattern": self.pattern}, usable=True)
        return None

    def decode(self, f: Field, text: str) -> dt.time:
        return self.decode_text(text)

    def encode(self, f: Field, value: Any) -> str:
        return self.encode_value(value)

    def render(self, value: Any) -> Any:
        """``HH:MM`` or ``HH:MM:SS`` as the field is written; ``2400`` is ``24:00``."""
        seconds = self.length == 6
        if value == END_OF_DAY:
            return "24:00:00" if seconds else "24:00"
        return value.strftime("%H:%M:%S" if seconds else "%H:%M")

    def names(self) -> dict[str, Any]:
        # Times are kept all: a file's times spread over the day (in a million PSE
        # transactions, nearly every second of it), and a cache smaller than the day,
        # emptied when full, would miss on most lines (read took 18 % longer with
        # times drawn over the whole day than with 3,540 distinct ones). Texts that
        # fail are not kept, and only naive times without microseconds are written:
        # at most 86,401 HHMMSS or 1,441 HHMM values, about 9 MiB for the longer.
        n = self.length
        times: dict[str, dt.time] = {}
        texts: dict[dt.time, str] = {}
        return {f"_times{n}": times, f"_to_time{n}": caching(times, self.decode_text, self.readable),
                f"_time_texts{n}": texts,
                f"_time_text{n}": caching(texts, self.encode_value, self.readable)}

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        return f"_times{self.length}.get({text}) or _to_time{self.length}({text})"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        # No guard: what is not a time raises TypeError (unhashable, or not a time),
        # an aware or too precise time ValueError; the exact encoder says which.
        n = self.length
        return EncoderPart(f"{{{x}}}", conversions=(f"{x} = _time_texts{n}.get({v}) or _time_text{n}({v})",),
                           raises=(TypeError, ValueError))

    def range_test(self, f: Field, line: str) -> str:
        """Hours below 24, tens of minutes (and seconds) below 6 (byte 54), ``0000``
        refused where it is out of range; or the end of the day."""
        a = f.start - 1
        tests = [f"{line}[{a}:{a + 2}] < b'24'", f"{line}[{a + 2}] < 54"]
        if self.length == 6:
            tests.append(f"{line}[{a + 4}] < 54")
        if not self.midnight_in_range:
            tests.append(f"{line}[{a}:{a + self.length}] != {b'0' * self.length!r}")
        end = self.end_text.encode()
        return f"(({' and '.join(tests)}) or {line}[{a}:{a + self.length}] == {end!r})"

    def block_test(self, f: Field) -> Callable[[bytes, int, int], bool]:
        return functools.partial(_times_in_range, length=self.length,
                                 midnight=self.midnight_in_range)

    def valid_values(self, f: Field) -> frozenset[bytes]:
        return _valid_times(self.length, self.midnight_in_range, self.end_text)

    def strategy(self, f: Field) -> SearchStrategy[dt.time]:
        """Times in range; the end of the day where the manual names it ("0001 to 2400")."""
        from hypothesis import strategies as st
        clock = [st.integers(0, 23), st.integers(0, 59)] + [st.integers(0, 59)] * (self.length == 6)
        plain = st.builds(dt.time, *clock)
        if not self.midnight_in_range:
            return st.one_of(plain.filter(lambda t: t != dt.time(0, 0)), st.just(END_OF_DAY))
        return plain


@functools.cache
def _valid_times(length: int, midnight: bool, end: str) -> frozenset[bytes]:
    """Every time in range: the clock's texts, ``0000…`` only if ``midnight``, and ``end``."""
    if length == 4:
        values = [f"{h:02d}{m:02d}" for h in range(24) for m in range(60)]
    else:
        values = [f"{h:02d}{m:02d}{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
    if not midnight:
        values.remove("0" * length)
    values.append(end)
    return frozenset(v.encode() for v in values)


def _times_in_range(block: bytes, start: int, w1: int, *, length: int, midnight: bool) -> bool:
    """Whether the time at column ``start`` of every line of ``block`` is in range
    before the end of the day, its digits checked apart: by columns, the lines whose
    hour starts with 2 marked in one integer and those whose hour ends in 4 or more
    in another, ANDed. False says only that some time needs looking at (the end of
    the day is in range but not seen here)."""
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
    if not midnight:  # 0000 is out of range (PR109)
        zero = -1
        for j in range(start, start + length):
            zero &= int.from_bytes(block[j::w1].translate(_IS_0), "big")
        if zero:
            return False
    return True


@attrs.frozen
class Constant(Kind):
    """A field whose text is fixed by the format."""

    value: str = ""

    name = "constant"
    column = "constant"
    doc_label = "constant"
    python_type = str

    @property
    def width(self) -> int:
        return len(self.value)

    @property
    def fixed(self) -> str:
        return self.value

    @property
    def byte_class(self) -> str:
        if _digits(self.value):
            return DIGITS
        return BLANK if not self.value.strip(" ") else ANY

    def problem(self, f: Field, text: str) -> Problem | None:
        if text == self.value:
            return None
        return Problem("PR104", f"must be {self.value!r}", {"expected": self.value})

    def encode(self, f: Field, value: Any) -> str:
        if value != self.value:
            raise ValueError(f"must be {self.value!r}")
        return self.value

    def default(self, f: Field) -> str:
        return self.value

    def decoder_value(self, f: Field, text: str, guarded: bool) -> str:
        return repr(self.value)

    def decoder_test(self, f: Field, b: str, text: str) -> str:
        return f"{text} == {self.value!r}"

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        return EncoderPart(_literal(self.value), guard=f"{v} != {self.value!r}")

    def accepted_bytes(self, f: Field) -> frozenset[bytes]:
        return frozenset({self.value.encode("latin-1")})

    def strategy(self, f: Field) -> SearchStrategy[str]:
        from hypothesis import strategies as st
        return st.just(self.value)


@attrs.frozen
class Filler(Kind):
    """Blank, reserved columns."""

    name = "filler"
    doc_label = "filler"
    python_type = str
    carries_value = False

    @property
    def byte_class(self) -> str:
        return BLANK

    def problem(self, f: Field, text: str) -> Problem | None:
        return None if not text.strip(" ") else Problem("PR105", "must be blank")

    def decode(self, f: Field, text: str) -> str:
        return ""

    def encode(self, f: Field, value: Any) -> str:
        return " " * f.length

    def default(self, f: Field) -> str:
        return ""

    def encoder_part(self, f: Field, v: str, x: str) -> EncoderPart:
        return EncoderPart(" " * f.length)

    def accepted_bytes(self, f: Field) -> frozenset[bytes]:
        return frozenset({b" " * f.length})

    def strategy(self, f: Field) -> SearchStrategy[str]:
        from hypothesis import strategies as st
        return st.just("")


#: Every kind, in the order of the docs' table of kinds.
KINDS: Final = (Numeric, Digits, Text, Amount, Date, Time, Constant, Code, Filler)
