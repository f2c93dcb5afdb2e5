"""Computed fields: values a writer derives and a validator checks.

Like construct's ``Rebuild``, a field may be declared as computed from other
records: a count of details, a sum of one of their fields, the lot number, the
sequence of a detail. The declaration is data; :mod:`pse_recon.codec.builder`
computes it when building a file and :mod:`pse_recon.validation` checks it when
reading one, so the two can never disagree about what a control total means.

The *scope* (which details are counted) comes from where the record sits in the
file structure: a lot control counts its lot, a file control the whole file, a
PSE type-3 line the type-2 lines of its state.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from pse_recon.declaration.fields import Field
    from pse_recon.declaration.kinds import Kind


@attrs.frozen
class Count:
    """The number of detail records in scope."""


@attrs.frozen
class Sum:
    """The sum of ``field`` over the detail records in scope."""

    field: str


@attrs.frozen
class LotNumber:
    """The lot's position in the file, from 1 (carried by lot header and control)."""


@attrs.frozen
class Sequence:
    """The detail's recording sequence: ``start`` for the first detail in scope.

    ``per_lot`` restarts the count in every lot (Asobancaria 2001, spec decision 3);
    otherwise it runs over the whole file (Asobancaria 1998).
    """

    start: int = 2
    per_lot: bool = True


Computed = Count | Sum | LotNumber | Sequence


class Tally:
    """The count and sums of details added one at a time, for a writer that does not
    hold them (``pse-recon generate`` streams a million): :func:`evaluate` takes it
    where it takes the details, and gives what it gives over them.

    ``sums`` maps each detail field a control adds up to the kind that adds it; each
    sum is folded as that kind totals (money exactly, in any context), and a fold of
    exact additions is the total of all the values at once.
    """

    __slots__ = ("count", "kinds", "sums")

    def __init__(self, sums: Mapping[str, Kind]) -> None:
        self.count = 0
        self.kinds = sums
        self.sums: dict[str, Any] = {name: kind.total(()) for name, kind in sums.items()}

    def add(self, record: Any) -> None:
        self.count += 1
        sums = self.sums
        for name, kind in self.kinds.items():
            sums[name] = kind.add(sums[name], getattr(record, name))

    def merged(self, others: Iterable[Tally]) -> Tally:
        """A tally of this one's details and the ``others``'."""
        out = Tally(self.kinds)
        for t in (self, *others):
            out.count += t.count
            for name, kind in self.kinds.items():
                out.sums[name] = kind.add(out.sums[name], t.sums[name])
        return out


def summed(fields: Iterable[Field]) -> dict[str, Kind]:
    """Detail field → the kind that adds it up, for every :class:`Sum` among ``fields``."""
    return {f.computed.field: f.kind for f in fields if isinstance(f.computed, Sum)}


def evaluate(
    fields: Iterable[Field], details: Collection[Any] | Tally, lot_number: int = 0
) -> dict[str, Any]:
    """The values of the computed fields among ``fields`` over ``details`` in scope
    (the records, or their :class:`Tally`).

    Counts and sums only; sequences are per detail (see :func:`sequence_field`).
    Sums add up as the total field's kind adds (money exactly, whatever the caller's
    decimal context: :meth:`~pse_recon.declaration.kinds.Amount.total`).
    """
    values: dict[str, Any] = {}
    for f in fields:
        match f.computed:
            case Count():
                values[f.name] = details.count if isinstance(details, Tally) else len(details)
            case Sum(field=name):
                values[f.name] = f.kind.total(
                    (details.sums[name],) if isinstance(details, Tally)
                    else (getattr(d, name) for d in details)
                )
            case LotNumber():
                values[f.name] = lot_number
    return values


def sequence_field(fields: Iterable[Field]) -> tuple[str, Sequence] | None:
    """The detail's sequence field and its rule, if the detail has one."""
    for f in fields:
        if isinstance(f.computed, Sequence):
            return f.name, f.computed
    return None
