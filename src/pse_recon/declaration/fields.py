"""Fields: one fixed-width field of a record, as a layout declares it.

A layout declares each field once as ``name + length + kind`` (plus whether it is
optional, computed or coded from a catalog). Its columns are filled in by
:func:`~pse_recon.declaration.layout.record`; what the field's text means, how it
is read, written, checked and generated is its kind's (:mod:`.kinds`).

The helpers (:func:`numeric`, :func:`digits`, :func:`amount` …) are what layout
files are written with. Writing never truncates or rounds: a value that does not
fit raises :class:`~pse_recon.errors.EncodeError` naming the record type and field.
"""

from __future__ import annotations

from typing import Any

import attrs

from pse_recon.declaration.computed import Computed
from pse_recon.declaration.kinds import (
    DIGITS,
    Amount,
    Code,
    Constant,
    Date,
    Digits,
    Filler,
    Kind,
    Numeric,
    Problem,
    Text,
    Time,
)
from pse_recon.declaration.roles import Role


@attrs.frozen
class Field:
    """One field of a record: declared once, positions computed by its record.

    ``start`` and ``end`` are 1-based inclusive columns, filled in by
    :func:`~pse_recon.declaration.layout.record`; never write them by hand.
    """

    name: str
    length: int
    kind: Kind
    optional: bool = False
    computed: Computed | None = None
    #: Name of the code table in :mod:`pse_recon.catalogs` the value must come from
    #: (checked by validation, not by reading).
    catalog: str | None = None
    description: str = ""
    start: int = 0
    end: int = 0
    #: What the field means (:mod:`.roles`): what reconciliation, the generator,
    #: ``show`` and the file objects ask the layout for, instead of the field's name.
    role: Role | None = None

    def __attrs_post_init__(self) -> None:
        if self.length < 1:
            raise ValueError(f"field {self.name}: length must be positive")
        self.kind.check(self)

    # -- derived facts --------------------------------------------------------
    @property
    def slice(self) -> slice:
        """The 0-based slice of a line holding this field."""
        return slice(self.start - 1, self.end)

    @property
    def is_attribute(self) -> bool:
        """Fillers are not attributes of a record: they carry nothing."""
        return self.kind.carries_value

    @property
    def constant(self) -> str | None:
        """The text the field always holds (constants), else None."""
        return self.kind.fixed

    @property
    def decimals(self) -> int:
        """Implied decimal digits (money), else 0."""
        return self.kind.decimals

    @property
    def needs_digits(self) -> bool:
        """Whether the field's columns hold digits only (a run of them is one check)."""
        return self.kind.byte_class == DIGITS

    @property
    def python_type(self) -> type:
        return self.kind.python_type

    @property
    def default(self) -> Any:
        """The value a record gets when the caller does not give one (attrs.NOTHING:
        required); see :meth:`~pse_recon.declaration.kinds.Kind.default`."""
        return self.kind.default(self)

    # -- slow, exact conversions (used by diagnostics, tests, and as reference) --
    def problem(self, text: str) -> Problem | None:
        """Why ``text`` is not a value of this field (reading refuses it), or None."""
        if len(text) != self.length:
            return Problem("PR004", f"is {len(text)} characters wide, not {self.length}",
                           {"actual": len(text), "width": self.length})
        return self.kind.problem(self, text)

    def decode(self, text: str) -> Any:
        """Convert the field's text to its value; raise ValueError saying why not."""
        problem = self.problem(text)
        if problem is not None:
            raise ValueError(problem.reason)
        return self.kind.decode(self, text)

    def encode(self, value: Any, record_type: str = "?") -> str:
        """The field's text for ``value``; raise EncodeError rather than lose anything."""
        from pse_recon.errors import EncodeError

        try:
            text = self.kind.encode(self, value)
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise EncodeError(str(exc), record_type=record_type, field=self.name, value=value) from None
        if len(text) != self.length:
            raise EncodeError(f"needs {len(text)} columns, the field has {self.length}",
                              record_type=record_type, field=self.name, value=value)
        return text


# -- declaration helpers: what layout files are written with -------------------
def numeric(name: str, length: int, **kw: Any) -> Field:
    """A number (count, lot number, sequence) read as ``int``: :class:`.Numeric`."""
    return Field(name, length, Numeric(), **kw)


def digits(name: str, length: int, **kw: Any) -> Field:
    """An identifier kept as text, leading zeros and all: :class:`.Digits`."""
    return Field(name, length, Digits(), **kw)


def code(name: str, length: int, **kw: Any) -> Field:
    """A numeric code kept as text, blank when there is none: :class:`.Code`."""
    return Field(name, length, Code(), **kw)


def text(name: str, length: int, **kw: Any) -> Field:
    """Alphanumeric, left-aligned, space-filled, printable: :class:`.Text`."""
    return Field(name, length, Text(), **kw)


def amount(name: str, length: int, decimals: int, **kw: Any) -> Field:
    """Money with ``decimals`` implied decimal digits: :class:`.Amount`."""
    return Field(name, length, Amount(decimals), **kw)


def date(name: str, **kw: Any) -> Field:
    """A calendar date written AAAAMMDD: :class:`.Date`."""
    return Field(name, 8, Date(), **kw)


def time(name: str, length: int = 4, **kw: Any) -> Field:
    """A time written HHMM (``length`` 4) or HHMMSS (6): :class:`.Time`."""
    if length not in (4, 6):
        raise ValueError(f"field {name}: a time is 4 or 6 digits")
    return Field(name, length, Time(length), **kw)


def constant(name: str, value: str, **kw: Any) -> Field:
    """A field whose text is fixed by the format: :class:`.Constant`."""
    return Field(name, len(value), Constant(value), **kw)


def filler(name: str, length: int, **kw: Any) -> Field:
    """Blank, reserved columns: :class:`.Filler`."""
    return Field(name, length, Filler(), **kw)
