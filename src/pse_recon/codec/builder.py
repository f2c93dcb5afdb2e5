"""Building files from business content: the caller gives headers and details,
the builder computes what the layout declares as computed (counts, totals, lot
numbers, sequences, PSE state totals) and returns a file ready to write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from pse_recon.computed import evaluate, sequence_field
from pse_recon.layouts import layout as get_layout
from pse_recon.layouts.base import FileLayout, LotStructure, RecordLayout, StateStructure
from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File, FlatFile, Lot, LotFile, PseFile

LotContent = tuple[Record, Sequence[Record]]


def build(
    format: str,
    header: Record,
    body: Iterable[LotContent] | Iterable[Record],
    *,
    width: int | None = None,
    newline: str = "\n",
) -> File:
    """A complete file of ``format`` from its header and body.

    ``body`` is a list of ``(lot_header, details)`` pairs for the lot formats
    (Asobancaria 2001, Andesco), and the details (PSE: type-2 lines) otherwise.
    Computed fields given by the caller are ignored and recomputed.
    """
    fmt = get_layout(format, width)
    s = fmt.structure
    common: dict[str, Any] = {"format": fmt.name, "width": fmt.width, "newline": newline}
    if isinstance(s, LotStructure):
        lots = _build_lots(fmt, s, list(body))  # type: ignore[arg-type]
        details = [d for lot in lots for d in lot.details]
        control = _control(fmt, fmt.records[s.file_control], details)
        return LotFile(header=_check(fmt, header, s.file_header), lots=lots, control=control,
                       **common)
    details = _sequenced(fmt, [_check(fmt, d, s.detail) for d in body], restart=False)  # type: ignore[arg-type]
    header = _check(fmt, header, s.header)
    if isinstance(s, StateStructure):
        return PseFile(header=header, lines=details, totals=_state_totals(fmt, s, details),
                       **common)
    totals = _control(fmt, fmt.records[s.totals], details)
    return FlatFile(header=header, details=details, totals=totals, **common)


def rebuild(file: File) -> File:
    """``file`` with every computed field recomputed from its content (after edits)."""
    body: Any
    if isinstance(file, LotFile):
        body = [(lot.header, lot.details) for lot in file.lots]
    else:
        body = file.details
    return build(file.format, file.header, body, width=file.width, newline=file.newline)


def _check(fmt: FileLayout, record: Record, code: str) -> Record:
    if record.format != fmt.name or record.record_type != code:
        raise TypeError(
            f"expected a {fmt.name} record {code}, got {record.format} record {record.record_type}"
        )
    return record


def _build_lots(fmt: FileLayout, s: LotStructure, body: list[LotContent]) -> list[Lot]:
    lots = []
    header_layout = fmt.records[s.lot_header]
    for number, (lot_header, details) in enumerate(body, 1):
        _check(fmt, lot_header, s.lot_header)
        numbered = _with(lot_header, evaluate(header_layout.fields, (), number))
        checked = [_check(fmt, d, s.detail) for d in details]
        lot_details = _sequenced(fmt, checked, restart=True)
        control = _control(fmt, fmt.records[s.lot_control], lot_details, number)
        lots.append(Lot(numbered, lot_details, control))
    return _continue_sequences(fmt, lots)


def _continue_sequences(fmt: FileLayout, lots: list[Lot]) -> list[Lot]:
    """A sequence declared to run over the whole file continues across lots."""
    seq = sequence_field(fmt.detail.fields)
    if seq is None or seq[1].per_lot:
        return lots
    name, rule = seq
    out, n = [], rule.start
    for lot in lots:
        details = []
        for d in lot.details:
            details.append(attrs.evolve(d, **{name: n}))
            n += 1
        out.append(Lot(lot.header, details, lot.control))
    return out


def _sequenced(fmt: FileLayout, details: list[Record], restart: bool) -> list[Record]:
    seq = sequence_field(fmt.detail.fields)
    if seq is None:
        return details
    name, rule = seq
    if restart and not rule.per_lot:
        return details  # numbered across the file by _continue_sequences
    return [attrs.evolve(d, **{name: rule.start + i}) for i, d in enumerate(details)]


def _control(
    fmt: FileLayout, rec: RecordLayout, details: Sequence[Record], lot_number: int = 0
) -> Record:
    cls = record_classes(fmt.name)[rec.record_type]
    return cls(**evaluate(rec.fields, details, lot_number))


def _state_totals(fmt: FileLayout, s: StateStructure, lines: list[Record]) -> list[Record]:
    rec = fmt.records[s.totals]
    cls = record_classes(fmt.name)[rec.record_type]
    groups = [(state, [x for x in lines if getattr(x, s.state_field) == state])
              for state in s.states]
    if s.grand_total is not None:
        groups.append((s.grand_total, lines))
    return [cls(**{s.state_field: state}, **evaluate(rec.fields, scope)) for state, scope in groups]


def _with(record: Record, values: dict[str, Any]) -> Record:
    return attrs.evolve(record, **values) if values else record
