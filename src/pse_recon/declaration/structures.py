"""Structures: how the records of a file nest, as a layout declares it.

A structure names the record type of each role (what opens the file, carries one
payment, opens and closes a lot, closes the file) and, for PSE, the states totalled.
Reading (:func:`~pse_recon.codec.assemble.assemble`) and validation (the machines of
:mod:`pse_recon.validation.machines`) both ask the structure, through the same
properties, which record plays which role and which totals lines a file needs, so
the two cannot disagree about what a well-formed file is.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeAlias

import attrs

#: The roles of record types: what each structure's records are called in messages
#: and in the validator's plan.
FILE_HEADER, LOT_HEADER, DETAIL, LOT_CONTROL, FILE_CONTROL = (
    "file_header", "lot_header", "detail", "lot_control", "file_control"
)


@attrs.frozen
class LotStructure:
    """File header, lots (header, details, control), file control: 2001, Andesco."""

    file_header: str
    lot_header: str
    detail: str
    lot_control: str
    file_control: str

    @property
    def header(self) -> str:
        """The record that opens the file, named as in the other structures."""
        return self.file_header

    @property
    def control(self) -> str:
        """The record that closes the file."""
        return self.file_control

    def roles(self) -> dict[str, str]:
        """Record type → role."""
        return {self.file_header: FILE_HEADER, self.lot_header: LOT_HEADER, self.detail: DETAIL,
                self.lot_control: LOT_CONTROL, self.file_control: FILE_CONTROL}


@attrs.frozen
class FlatStructure:
    """Header, details, one totals record: Asobancaria 1998."""

    header: str
    detail: str
    totals: str

    @property
    def control(self) -> str:
        return self.totals

    def roles(self) -> dict[str, str]:
        return {self.header: FILE_HEADER, self.detail: DETAIL, self.totals: FILE_CONTROL}


@attrs.frozen
class StateStructure:
    """Header, type-2 lines, type-3 totals per state (and a grand total): PSE.

    ``grand_total`` is the state code of the total-of-all-states line, or None
    when the format has no such line. ``one_line_per``: the type-2 fields of which
    each line is the only one ("1 línea por EF y Estado", PR210), and ``line_count``
    the type-2 field that must not be zero ("que tiene transacción", PR211), when
    the format says so (checked under a profile).
    """

    header: str
    detail: str
    totals: str
    state_field: str
    states: tuple[str, ...]
    grand_total: str | None
    one_line_per: tuple[str, ...] = ()
    line_count: str | None = None

    @property
    def control(self) -> str:
        return self.totals

    def roles(self) -> dict[str, str]:
        return {self.header: FILE_HEADER, self.detail: DETAIL, self.totals: FILE_CONTROL}

    def required(self, present: Collection[str]) -> list[str]:
        """The states that need a totals line, in order, given the states of the
        type-2 lines ``present``: every state and the grand total when there is one
        (pse-detail); otherwise only the states that have lines (pse-summary: type-2
        lines exist only "por EF y Estado que tiene transacción")."""
        if self.grand_total is not None:
            return [*self.states, self.grand_total]
        return [state for state in self.states if state in present]


Structure: TypeAlias = LotStructure | FlatStructure | StateStructure
