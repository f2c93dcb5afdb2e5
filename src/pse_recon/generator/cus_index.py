"""Where each CUS of an input was first seen, in little memory: a million CUS in a
dict of strings to line numbers take about 120 MB, here 24 MB (``pse-recon
generate`` of a million rows runs in under 100 MB).

A CUS of up to 18 ASCII digits is held exactly as the integer of ``"1"`` and its
digits (the leading 1 keeps ``"0123"`` and ``"123"`` apart) in an open-addressing
table of two arrays, the integer and where it was seen; any other (longer, or not
digits) in a dict. A slot is found by multiplying the integer by a random odd
number of 64 bits, drawn per index (as a dict's string hash is randomized per
process), so no crafted set of CUS piles them into one run of slots.
"""

from __future__ import annotations

import random
from array import array
from typing import Final

__all__ = ["CusIndex"]

_DIGITS: Final = 18
_MASK64: Final = (1 << 64) - 1
#: 10**n, by n: ``int(cus) + _LEADING_ONE[len(cus)]`` is ``int("1" + cus)``.
_LEADING_ONE: Final = tuple(10**n for n in range(_DIGITS + 1))
#: A place above this (a line past 2**31) is held in a dict, -1 in the table.
_WHERE_MAX: Final = 2**31 - 1


class CusIndex:
    """``setdefault(cus, where)``: where ``cus`` was first seen, recording ``where``
    when it was not (as ``dict.setdefault`` does)."""

    def __init__(self) -> None:
        self.bits = 12
        self.keys = array("q", bytes(8 << self.bits))
        self.where = array("i", bytes(4 << self.bits))
        self.count = 0
        self.room = _room(self.bits)
        self.shift, self.mask = 64 - self.bits, (1 << self.bits) - 1
        self.others: dict[str, int] = {}
        self.far: dict[int, int] = {}
        self.factor = random.getrandbits(64) | 1

    def setdefault(self, cus: str, where: int) -> int:
        size = len(cus)
        if size > _DIGITS or not (cus.isascii() and cus.isdigit()):
            return self.others.setdefault(cus, where)
        key = int(cus) + _LEADING_ONE[size]  # int("1" + cus)
        keys = self.keys
        slot = ((key * self.factor) & _MASK64) >> self.shift
        found = keys[slot]
        while found:
            if found == key:
                first = self.where[slot]
                return first if first >= 0 else self.far[key]
            slot = (slot + 1) & self.mask
            found = keys[slot]
        keys[slot] = key
        if where > _WHERE_MAX:
            self.far[key] = where
        self.where[slot] = where if where <= _WHERE_MAX else -1
        self.count += 1
        if self.count > self.room:
            self._grow()
        return where

    def _grow(self) -> None:
        old_keys, old_where = self.keys, self.where
        self.bits += 1
        self.room = _room(self.bits)
        self.keys = keys = array("q", bytes(8 << self.bits))
        self.where = places = array("i", bytes(4 << self.bits))
        self.shift, self.mask = 64 - self.bits, (1 << self.bits) - 1
        mask, shift, factor = self.mask, self.shift, self.factor
        for key, where in zip(old_keys, old_where, strict=True):
            if key:
                slot = ((key * factor) & _MASK64) >> shift
                while keys[slot]:
                    slot = (slot + 1) & mask
                keys[slot] = key
                places[slot] = where


def _room(bits: int) -> int:
    """Keys a table of ``2**bits`` slots holds before it grows: under 5/8 of them, so a
    new key's run of slots to look through stays short (linear probing)."""
    return (5 << bits) >> 3
