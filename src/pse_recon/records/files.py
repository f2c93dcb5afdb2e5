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

import typing
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic

import attrs

from pse_recon.declaration import FileLayout, StateStructure
from pse_recon.findings import Finding
from pse_recon.money import total
from pse_recon.records.base import Record

if TYPE_CHECKING:
    from typing_extensions import TypeVar
else:
    def TypeVar(name: str, *, bound: type, default: type, covariant: bool) -> Any:
        """3.11's TypeVar has no ``default`` (PEP 696): only type checkers need it."""
        return typing.TypeVar(name, bound=bound, covariant=covariant)

# The record classes of a file, for type checkers: ``pse_recon.read(path,
# format="asobancaria-2001")`` is a ``LotFile`` of 2001 records (the per-format stubs,
# ADR 0014); a file whose format is not known statically has plain records.
H = TypeVar("H", bound=Record, default=Record, covariant=True)  # header
LH = TypeVar("LH", bound=Record, default=Record, covariant=True)  # lot header
D = TypeVar("D", bound=Record, default=Record, covariant=True)  # detail (PSE: type-2 line)
LC = TypeVar("LC", bound=Record, default=Record, covariant=True)  # lot control
C = TypeVar("C", bound=Record, default=Record, covariant=True)  # file control, totals


def _records(records: Iterable[D]) -> tuple[D, ...]:
    return tuple(records)


@attrs.frozen
class Lot(Generic[LH, D, LC]):
    """A lot of a 2001 or Andesco file: header, details, control."""

    header: LH
    details: tuple[D, ...] = attrs.field(converter=_records)
    control: LC


def _lots(lots: Iterable[Lot[LH, D, LC]]) -> tuple[Lot[LH, D, LC], ...]:
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
class LotFile(_File, Generic[H, LH, D, LC, C]):
    """Asobancaria 2001 and Andesco: a file header, lots, a file control."""

    header: H
    lots: tuple[Lot[LH, D, LC], ...] = attrs.field(converter=_lots)
    control: C

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        for lot in self.lots:
            yield lot.header
            yield from lot.details
            yield lot.control
        yield self.control

    @property
    def details(self) -> tuple[D, ...]:
        return tuple(d for lot in self.lots for d in lot.details)


@attrs.frozen(kw_only=True)
class FlatFile(_File, Generic[H, D, C]):
    """Asobancaria 1998: a header, details, one totals record."""

    header: H
    details: tuple[D, ...] = attrs.field(converter=_records)
    totals: C

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        yield from self.details
        yield self.totals


@attrs.frozen(kw_only=True)
class PseFile(_File, Generic[H, D, C]):
    """The PSE formats: a header, type-2 ``lines``, type-3 ``totals`` per state."""

    header: H
    lines: tuple[D, ...] = attrs.field(converter=_records)
    totals: tuple[C, ...] = attrs.field(converter=_records)

    def iter_records(self) -> Iterator[Record]:
        yield self.header
        yield from self.lines
        yield from self.totals

    @property
    def details(self) -> tuple[D, ...]:
        return self.lines

    def totals_by_state(self) -> dict[str, C]:
        """The type-3 lines by their state code."""
        s = self.layout.structure
        assert isinstance(s, StateStructure)
        return {getattr(t, s.state_field): t for t in self.totals}


File = LotFile | FlatFile | PseFile
