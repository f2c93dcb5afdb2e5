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

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from pse_recon.declaration.fields import Field


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


def evaluate(
    fields: Iterable[Field], details: Collection[Any], lot_number: int = 0
) -> dict[str, Any]:
    """The values of the computed fields among ``fields`` over ``details`` in scope.

    Counts and sums only; sequences are per detail (see :func:`sequence_field`).
    Sums add up as the total field's kind adds (money exactly, whatever the caller's
    decimal context: :meth:`~pse_recon.declaration.kinds.Amount.total`).
    """
    values: dict[str, Any] = {}
    for f in fields:
        match f.computed:
            case Count():
                values[f.name] = len(details)
            case Sum(field=name):
                values[f.name] = f.kind.total(getattr(d, name) for d in details)
            case LotNumber():
                values[f.name] = lot_number
    return values


def sequence_field(fields: Iterable[Field]) -> tuple[str, Sequence] | None:
    """The detail's sequence field and its rule, if the detail has one."""
    for f in fields:
        if isinstance(f.computed, Sequence):
            return f.name, f.computed
    return None
