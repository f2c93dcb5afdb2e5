"""attrs validators shared by the model classes.

Every message starts with ``Class.attribute`` so that a caller building objects
from a file can tell which value was wrong. Wrong types raise TypeError, wrong
values ValueError.

Each validator is a :class:`Check`: besides being called, it says as a Python
expression when it passes, so that :mod:`pse_recon.compile.model` can compile a
class's constructor into one test of all its fields (a million transactions of a
CSV), calling the validators, for their messages, only when that test fails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from pse_recon.money import as_text, places, shown

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


@attrs.frozen
class Check:
    """A validator (``check``) and ``passes``: an expression of the value ``{v}``
    that is true only when ``check`` would accept it (it may refuse more, never
    less), using ``names`` (written ``{ns}name`` in it, so that the checks of one
    class keep their names apart)."""

    check: Validator
    passes: str
    names: Mapping[str, Any] = attrs.field(factory=dict)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        self.check(instance, attribute, value)

    def test(self, value: str, prefix: str) -> tuple[str, dict[str, Any]]:
        """The expression for the value named ``value``, and its names, each
        prefixed with ``prefix``."""
        return (self.passes.format(v=value, ns=prefix),
                {prefix + name: found for name, found in self.names.items()})


#: The widest money field of the formats (PSE's "16e2d") has 16 integer digits.
MONEY_LIMIT: Final = Decimal(10) ** 16


def where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def is_ascii_digits(value: str) -> bool:
    # str.isdigit() alone accepts "²" and other non-ASCII digits.
    return value.isascii() and value.isdigit()


def require_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where(instance, attribute)} must be a str, got {type(value).__name__}: {value!r}")
    return value


def digits(min_len: int, max_len: int | None = None) -> Check:
    """A string of ASCII digits, ``min_len`` to ``max_len`` long (no upper bound if None)."""
    span = f"{min_len}" if min_len == max_len else f"{min_len} to {max_len or 'any number of'}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        text = require_str(instance, attribute, value)
        too_long = max_len is not None and len(text) > max_len
        if not is_ascii_digits(text) or len(text) < min_len or too_long:
            raise ValueError(f"{where(instance, attribute)} must be {span} digits, got {text!r}")

    longest = "" if max_len is None else f" and len({{v}}) <= {max_len}"
    return Check(check, f"({{v}}.__class__ is str and {{v}}.isascii() and {{v}}.isdigit()"
                        f" and len({{v}}) >= {min_len}{longest})")


def text(*, required: bool, max_len: int | None = None) -> Check:
    """Printable text (it ends up in a line-based file); non-blank when ``required``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        s = require_str(instance, attribute, value)
        if required and not s.strip():
            raise ValueError(f"{where(instance, attribute)} must not be empty")
        if not s.isprintable():
            raise ValueError(f"{where(instance, attribute)} must not hold control characters, got {s!r}")
        if max_len is not None and len(s) > max_len:
            raise ValueError(f"{where(instance, attribute)} must be at most {max_len} characters, got {s!r}")

    nonblank = " and {v}.strip() != ''" if required else ""
    longest = "" if max_len is None else f" and len({{v}}) <= {max_len}"
    return Check(check, f"({{v}}.__class__ is str{nonblank} and {{v}}.isprintable(){longest})")


def _money(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A Decimal amount of pesos: finite, not negative, at most two decimals, at most
    16 integer digits. Exact in any decimal context (no ``quantize``)."""
    if isinstance(value, Decimal) and value.is_finite() and not value.is_signed() \
            and value < MONEY_LIMIT and places(value) <= 2:
        return  # the common case, without the name the messages need (a million payments)
    name = where(instance, attribute)
    if not isinstance(value, Decimal):
        # float is refused on purpose: 0.1 + 0.2 != 0.3, and money must add up exactly.
        raise TypeError(f"{name} must be a decimal.Decimal, got {type(value).__name__}: {value!r}")
    if not value.is_finite():
        raise ValueError(f"{name} must be a finite amount, got {shown(value)}")
    if value.is_signed():
        raise ValueError(f"{name} must not be negative, got {as_text(value)}")
    if value >= MONEY_LIMIT:
        raise ValueError(f"{name} must have at most 16 integer digits, got {as_text(value)}")
    if places(value) > 2:
        raise ValueError(f"{name} must have at most 2 decimal places, got {as_text(value)}")


def at_most_cents(value: Decimal) -> bool:
    """Whether the text of a finite ``value`` has no exponent and at most two digits
    after its point: then it has at most two decimals (``places``), told from its
    text a dozen times faster (``0.000``, which has none, is left to ``places``)."""
    text = str(value)
    point = text.find(".")
    return (point < 0 or len(text) - point <= 3) and "E" not in text and "e" not in text


money: Final = Check(_money, "({v}.__class__ is {ns}Decimal and {v}.is_finite() and not {v}.is_signed()"
                            " and {v} < {ns}LIMIT and {ns}cents({v}))",
                     {"Decimal": Decimal, "LIMIT": MONEY_LIMIT, "cents": at_most_cents})


def instance_of(*types: type) -> Check:
    """``isinstance`` with a message in the ``Class.attribute`` style of the others."""
    wanted = " or ".join("None" if t is type(None) else t.__name__ for t in types)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, types):
            raise TypeError(
                f"{where(instance, attribute)} must be {wanted}, got {type(value).__name__}: {value!r}"
            )

    return Check(check, "isinstance({v}, {ns}types)", {"types": types})
