"""JSON read strictly: the parser of the input files (transactions, expected payments).

``json.loads`` alone would misread or crash on hostile input: of a key given twice
in one object it keeps the last silently (a second ``"amount"`` changes money); it
nests as deep as the interpreter's stack allows, then raises ``RecursionError``; it
makes an ``int`` of any length, and raises ``ValueError`` past 4,300 digits; it
reads fractions as ``float``. :func:`loads` parses with the same C parser, and:

* refuses a key given twice in one object, at any depth: :class:`JsonError` at the
  second, naming the object's path and the first's line and column;
* refuses nesting deeper than :data:`MAX_DEPTH` arrays and objects (the input
  schemas nest four deep);
* reads numbers exactly: fractions and exponents as ``Decimal`` (``1e400`` too, for
  the loaders to refuse as an amount), integers as ``int``, or as ``Decimal`` past
  :data:`INT_DIGITS` digits, and the non-JSON ``NaN`` and ``Infinity`` as
  ``Decimal`` (never a float). A number whose exponent ``Decimal`` cannot hold
  (``1e99999999999999999999``) is refused, in any decimal context (the caller's
  could have turned it into NaN).

On good input this costs a hook call per object and one pass over the text's
brackets; only when a check fails does a pass in Python find where (as the codec:
the fast path says whether, the slow one says where).
"""

from __future__ import annotations

import decimal
import json
import re
from decimal import Decimal
from typing import Any, Final

from pse_recon.errors import JsonError
from pse_recon.money import EXACT

__all__ = ["INT_DIGITS", "MAX_DEPTH", "JsonError", "loads"]

#: Arrays and objects nested deeper than this are refused.
MAX_DEPTH: Final = 32
#: Integers longer than this are read as Decimal (exact, and too large for any field).
INT_DIGITS: Final = 40


class _Refused(Exception):
    """Raised by a hook (a key given twice, a number out of range); :func:`_locate`
    then finds the place."""


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Refused
    return obj


def _number(literal: str) -> Decimal:
    """The literal's exact value, whatever the caller's context (EXACT traps an
    exponent out of range instead of giving NaN)."""
    try:
        return Decimal(literal, EXACT)
    except decimal.InvalidOperation:
        raise _Refused from None


def _integer(literal: str) -> int | Decimal:
    return int(literal) if len(literal.lstrip("-")) <= INT_DIGITS else _number(literal)


def loads(text: str) -> Any:
    """The value of JSON ``text``; :class:`JsonError` for anything refused."""
    try:
        value = json.loads(
            text,
            parse_float=_number,
            parse_int=_integer,
            parse_constant=Decimal,
            object_pairs_hook=_unique,
        )
    except (_Refused, RecursionError):
        raise _locate(text) from None
    except json.JSONDecodeError as exc:
        raise JsonError.at(text, exc.pos, f"is not valid JSON: {exc.msg}") from None
    if _deeper_than(text, MAX_DEPTH):
        raise _locate(text)
    return value


#: An escape sequence of a JSON string: ``\"`` and ``\\`` among them.
_ESCAPE: Final = re.compile(r"\\.", re.DOTALL)
#: Every byte but the brackets and the quote.
_NOT_STRUCTURE: Final = bytes(b for b in range(256) if b not in b'[]{}"')


def _deeper_than(text: str, depth: int) -> bool:
    """Whether valid JSON ``text`` nests more than ``depth`` arrays and objects.

    Its skeleton is made in C-speed passes: escapes deleted (so every quote left
    opens or closes a string), then every byte but brackets and quotes; the pieces
    between quotes alternate outside and inside strings. Each pass over the brackets
    left deletes the innermost (empty) pairs, so ``depth`` passes empty the
    brackets of a document that deep.
    """
    skeleton = _ESCAPE.sub("", text).encode("utf-8", "surrogatepass").translate(None, _NOT_STRUCTURE)
    brackets = b"".join(skeleton.split(b'"')[::2])
    for _ in range(depth):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    return bool(brackets)


_TOKEN: Final = re.compile(
    r'("[^"\\]*(?:\\.[^"\\]*)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|[\[\]{},]', re.DOTALL
)


class _Frame:
    """An open array or object of the walk: its keys with their positions (None for
    an array), and where the walk is in it: the last key, or the item number."""

    __slots__ = ("at", "keys")

    def __init__(self, is_object: bool) -> None:
        self.keys: dict[str, int] | None = {} if is_object else None
        self.at: str | int = "" if is_object else 1


def _locate(text: str) -> JsonError:
    """The first duplicated key, too deep nesting or number out of range of ``text``,
    in text order."""
    frames: list[_Frame] = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if m.group(3):
            try:
                _number(token)
            except _Refused:
                shown = token if len(token) <= 40 else f"{token[:20]}…{token[-10:]} ({len(token)} characters)"
                return JsonError.at(text, m.start(), f"number {shown} is out of range")
        elif token in ("[", "{"):
            if len(frames) >= MAX_DEPTH:
                return JsonError.at(text, m.start(), f"nests arrays and objects more than {MAX_DEPTH} deep")
            frames.append(_Frame(token == "{"))
        elif token in ("]", "}"):
            if frames:
                frames.pop()
        elif token == ",":
            if frames and frames[-1].keys is None:
                frames[-1].at = int(frames[-1].at) + 1
        elif m.group(2) and frames and frames[-1].keys is not None:
            keys = frames[-1].keys
            key = json.loads(m.group(1))
            if key in keys:
                first = JsonError.at(text, keys[key], "")
                return JsonError.at(
                    text, m.start(),
                    f"key {key!r} is given twice in {_path(frames[:-1])} (first at line "
                    f"{first.line}, column {first.column}); a key may appear once in an object",
                )
            keys[key] = m.start()
            frames[-1].at = key
    # Only a caller already deep in its own recursion gets here (json.loads ran out
    # of stack before MAX_DEPTH): the hooks' refusals are found above.
    return JsonError.at(text, 0, "nests arrays and objects too deep to be read")


def _path(frames: list[_Frame]) -> str:
    """The object reached through ``frames``: ``transactions[2].cycle``-like, items
    numbered from 1 as the loaders number them; ``the top-level object`` for none."""
    path = "".join(f"[{f.at}]" if f.keys is None else f".{f.at}" for f in frames).lstrip(".")
    return path or "the top-level object"
