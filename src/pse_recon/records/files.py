"""File objects: records in the structure their format gives them.

There are three structures (:mod:`pse_recon.declaration.structures`), so three file classes;
a new format reuses one of them. Every file has the ``layout`` it was read or built
with (a layout declared outside the package too: its ``format`` is the layout's name,
its ``width`` the layout's width), ``records`` (file order) and ``newline`` (the line
ending of records written anew); the views (``header``, ``lots``, ``details``,
``totals`` …) are natural to the format, and what they add up comes from the layout's
roles (:mod:`pse_recon.declaration.roles`), not from field names.

A file read also keeps what is not a record (``prefix``: a byte-order mark;
``tail``: trailing empty lines, a DOS end-of-file byte), so that writing gives its
bytes back, and ``findings``: the producer's quirks reading tolerated (ADR 0010).
None of the three takes part in equality: they are how the file was delivered,
not what it says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

import attrs

from pse_recon.declaration import FileLayout, StateStructure
from pse_recon.findings import Finding
from pse_recon.money import total
from pse_recon.records.base import Record


def _records(records: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(records)


@attrs.frozen
class Lot:
    """A lot of a 2001 or Andesco file: header, details, control."""

    header: Record
    details: tuple[Record, ...] = attrs.field(converter=_records)
    control: Record


def _lots(lots: Iterable[Lot]) -> tuple[Lot, ...]:
    return tuple(lots)


def _layout_repr(fmt: FileLayout) -> str:
    return f"<{fmt.name}" + (f" at {fmt.width} columns>" if fmt.width else ">")


@attrs.frozen(kw_only=True)
class _File:
    layout: FileLayout = attrs.field(repr=_layout_repr)
    newline: str = attrs.field(default="\n", eq=False)
    prefix: bytes = attrs.field(default=b"", eq=False, repr=False)
    tail: bytes = attrs.field(default=b"", eq=False, repr=False)
    findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, repr=False, converter=tuple)

    @property
    def format(self) -> str:
        """The layout's name (``"asobancaria-2001"``)."""
        return self.layout.name

    @property
    def width(self) -> int | None:
        """The layout's line width (None for the PSE formats, whose records differ)."""
        return self.layout.width

    @property
    def records(self) -> tuple[Record, ...]:
        return tuple(self.iter_records())

    def iter_records(self) -> Iterator[Record]:
        raise NotImplementedError

    @property
    def details(self) -> Sequence[Record]:
        raise NotImplementedError

    @property
    def total(self) -> Decimal:
        """The sum of the details' amounts, as the details say (not the controls);
        exact whatever the caller's decimal context."""
        field = self.layout.amount_field
        return total(getattr(d, field) for d in self.details)


@attrs.frozen(kw_only=True)
class LotFile(_File):
    """Asobancaria 2001 and Andesco: a file header, lots, a file control."""

    header: Record
    lots: tuple[Lot, ...] = attrs.field(converter=_lots)
    control: Record

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        for lot in self.lots:
            yield lot.header
            yield from lot.details
            yield lot.control
        yield self.control

    @property
    def details(self) -> tuple[Record, ...]:
        return tuple(d for lot in self.lots for d in lot.details)


@attrs.frozen(kw_only=True)
class FlatFile(_File):
    """Asobancaria 1998: a header, details, one totals record."""

    header: Record
    details: tuple[Record, ...] = attrs.field(converter=_records)
    totals: Record

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        yield from self.details
        yield self.totals


@attrs.frozen(kw_only=True)
class PseFile(_File):
    """The PSE formats: a header, type-2 ``lines``, type-3 ``totals`` per state."""

    header: Record
    lines: tuple[Record, ...] = attrs.field(converter=_records)
    totals: tuple[Record, ...] = attrs.field(converter=_records)

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        yield from self.lines
        yield from self.totals

    @property
    def details(self) -> tuple[Record, ...]:
        return self.lines

    def totals_by_state(self) -> dict[str, Record]:
        """The type-3 lines by their state code."""
        s = self.layout.structure
        assert isinstance(s, StateStructure)
        return {getattr(t, s.state_field): t for t in self.totals}


File = LotFile | FlatFile | PseFile
