"""Exact money, whatever decimal context the caller has set.

``Decimal`` arithmetic rounds to the *current thread's* context: under a caller's
``decimal.getcontext().prec = 6`` the sum of a file's amounts, 1,514,450.50, comes
out as ``1.51445E+6``; ``quantize`` and ``scaleb`` round or raise past that
precision; an ``Inexact`` trap makes a plain sum raise. So the library never does
money arithmetic in the caller's context:

* sums and differences go through :func:`total` and :func:`difference`, which use
  :data:`EXACT` through its methods (never installed as the thread's context);
* scaling goes through :func:`units` and :func:`from_units` (integers and
  :data:`EXACT`), and checks of decimal places through :func:`places`, which
  looks at the digits themselves.

What needs no context is used freely: building a ``Decimal`` from text or an int
(always exact), comparing two finite ``Decimal`` values, ``is_finite``,
``is_signed``, ``adjusted``, ``as_tuple``. Comparisons involving a NaN do consult
the context (a signalling NaN raises), so values are checked finite first.

:data:`EXACT` has :data:`PRECISION` digits, far more than the widest field of the
formats (18 digits) summed over billions of lines, and traps every signal,
``Inexact`` and ``Rounded`` included: a result that did not fit would raise rather
than be rounded. Flags it raises are never read, so sharing it between threads is
safe (a trap is decided by the operation's own status, not by the flags).
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

__all__ = [
    "EXACT",
    "PRECISION",
    "ZERO",
    "as_text",
    "difference",
    "from_units",
    "places",
    "shown",
    "total",
    "units",
]

#: Digits of :data:`EXACT`: an 18-digit total summed 10**22 times still fits.
PRECISION: Final = 40

EXACT: Final = decimal.Context(
    prec=PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=decimal.MIN_EMIN,
    Emax=decimal.MAX_EMAX,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[
        decimal.Clamped,
        decimal.DivisionByZero,
        decimal.FloatOperation,
        decimal.Inexact,
        decimal.InvalidOperation,
        decimal.Overflow,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
    ],
)

ZERO: Final = Decimal(0)


def as_text(value: Decimal) -> str:
    """``str(value)`` as the default context writes it (``1E+25``): ``str`` and
    ``repr`` follow the caller's ``capitals`` (``1e+25``), and messages must not."""
    return EXACT.to_sci_string(value)


def shown(value: object) -> str:
    """``repr(value)``, a Decimal as the default context writes it (see :func:`as_text`)."""
    return f"Decimal('{as_text(value)}')" if isinstance(value, Decimal) else repr(value)


def total(amounts: Iterable[Decimal | int]) -> Decimal:
    """The exact sum of ``amounts``, ``Decimal(0)`` for none, in any context."""
    return functools.reduce(EXACT.add, amounts, ZERO)


def difference(a: Decimal, b: Decimal) -> Decimal:
    """``a - b``, exactly, in any context."""
    return EXACT.subtract(a, b)


def from_units(count: int, decimals: int) -> Decimal:
    """``count`` units of ``10**-decimals`` as a Decimal with exactly ``decimals``
    places (``from_units(8540050, 2) == Decimal("85400.50")``)."""
    return Decimal(count).scaleb(-decimals, EXACT)


def places(value: Decimal) -> int:
    """How many decimals a finite ``value`` needs: trailing zeros do not count
    (``85400.50`` needs 1, ``85400.00`` and ``1E+3`` none). Raises ValueError for
    NaN and infinities."""
    if not value.is_finite():
        raise ValueError(f"{as_text(value)} is not a number")
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    if exponent >= 0 or not value:
        return 0
    coefficient = bytes(digits)
    trailing = len(coefficient) - len(coefficient.rstrip(b"\0"))
    return max(0, -exponent - trailing)


def units(value: Decimal | int, decimals: int, digits: int) -> int:
    """``value`` in units of ``10**-decimals`` (centavos for 2), as an int of at most
    ``digits`` digits: what a money field of that many digits writes.

    Raises TypeError for anything but a Decimal or an int (a float or a bool is
    refused: money is never float), and ValueError saying why for a value that is
    not a finite number, is negative, has more than ``decimals`` decimals or needs
    more than ``digits`` digits. Never rounds, whatever the context; bounds are
    checked before any large number is made.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expects a Decimal, got {type(value).__name__} (money is never float)")
    amount = Decimal(value)
    shown = as_text(amount)
    if not amount.is_finite():
        raise ValueError(f"{shown} is not a number of pesos")
    if not amount:
        return 0
    if amount.is_signed():
        raise ValueError(f"{shown} is negative")
    if places(amount) > decimals:
        raise ValueError(f"{shown} has more than {decimals} decimals")
    width = amount.adjusted() + decimals + 1
    if width > digits:
        raise ValueError(f"{shown} needs {width} digits, the field has {digits}")
    _, coefficient, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    text = bytes(coefficient).rstrip(b"\0")
    shift = exponent + decimals + len(coefficient) - len(text)  # >= 0: places were checked
    count: int = int(text.translate(_ASCII_DIGITS)) * 10**shift
    return count


#: Digit values 0-9 to their ASCII characters.
_ASCII_DIGITS: Final = bytes(range(48, 58)).ljust(256, b"?")
