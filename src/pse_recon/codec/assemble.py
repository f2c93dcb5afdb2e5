"""Assembling: typed records put in their file's structure, or where they are not.

The structure (:mod:`pse_recon.declaration.structures`) says which record opens
the file, carries payments, opens and closes lots and closes the file, and which
totals lines a PSE file needs: the same properties the validator's machines ask
(:mod:`pse_recon.validation.machines`). This is reading's quick check, one pass
over records already typed; when it refuses a file, ``read`` raises what the
validator says of it (ADR 0008), so the two give one verdict.
"""

from __future__ import annotations

from typing import Any

from pse_recon.codec.lines import Edges, split_terminator
from pse_recon.declaration import FileLayout, FlatStructure, LotStructure, StateStructure
from pse_recon.declaration.catalogs import accepted
from pse_recon.errors import ReadError
from pse_recon.findings import Finding
from pse_recon.records.base import Record
from pse_recon.records.files import File, FlatFile, Lot, LotFile, PseFile
from pse_recon.reporting import finding


def _out_of_place(code: str, r: Record, why: str) -> ReadError:
    return ReadError(
        [finding(code, r.line, f"record {r.record_type} {why}", record=r.record_type)]
    )


def _newline(records: list[Record]) -> str:
    raw = records[0].raw or b"\n"
    return split_terminator(raw)[1].decode("ascii") or "\n"


def assemble(
    fmt: FileLayout, records: list[Record], edges: Edges | None = None,
    findings: tuple[Finding, ...] = (),
) -> File:
    """Put records in their format's structure, or raise ReadError saying where not.
    The file keeps ``edges`` (what is not a record) and the ``findings`` of what
    reading tolerated."""
    if not records:
        raise ReadError([finding("PR001", 1, "the file is empty")])
    s = fmt.structure
    head, *rest = records
    if head.record_type != s.header:
        raise _out_of_place("PR201", head, f"comes first; the file must open with {s.header}")
    kept: dict[str, Any] = {
        "layout": fmt, "newline": _newline(records), "header": head,
        "prefix": edges.prefix if edges else b"", "tail": edges.tail if edges else b"",
        "findings": findings,
    }
    if isinstance(s, LotStructure):
        lots, control = _assemble_lots(s, head, rest)
        return LotFile(lots=lots, control=control, **kept)
    # Flat and PSE files: header, details, then the totals (one, or one per state).
    many = not isinstance(s, FlatStructure)
    details: list[Record] = []
    totals: list[Record] = []
    for r in rest:
        t = r.record_type
        if t == s.detail and not totals:
            details.append(r)
        elif t == s.control and (many or not totals):
            totals.append(r)
        elif totals:
            raise _out_of_place("PR204", r, "follows the file's totals")
        else:
            raise _out_of_place("PR202", r, "is out of place")
    if not totals:
        last = records[-1]
        raise _out_of_place("PR203", last, f"is last; the file must close with {s.control}")
    if isinstance(s, FlatStructure):
        return FlatFile(details=details, totals=totals[0], **kept)
    _check_states(fmt, s, details, totals)
    return PseFile(lines=details, totals=totals, **kept)


def _check_states(fmt: FileLayout, s: StateStructure, details: list[Record],
                  totals: list[Record]) -> None:
    """The PSE totals lines, as validation's state machine wants them: one per state
    (PR206), the grand total last (PR204), no state the format has no line for
    (PR202), none missing (PR205). A state its catalog refuses (PR106, which does not
    stop reading) may be the missing one: then none is reported missing."""
    known = accepted(fmt[s.totals].field(s.state_field))
    seen: set[str] = set()
    unreadable = False
    closed = False
    for r in totals:
        state = getattr(r, s.state_field)
        if closed:
            raise _out_of_place("PR204", r, "follows the grand total")
        if state not in known:
            unreadable = True
        elif state in seen:
            raise _out_of_place("PR206", r, f"repeats state {state}")
        elif state == s.grand_total:
            closed = True
        elif state not in s.states:
            raise _out_of_place("PR202", r, f"has state {state}, which has no totals line")
        seen.add(state)
    if unreadable:
        return
    missing = [st for st in s.required({getattr(d, s.state_field) for d in details}) if st not in seen]
    if missing:
        raise _out_of_place("PR205", totals[-1], f"is last; state {missing[0]} has no totals line")


def _assemble_lots(
    s: LotStructure, head: Record, rest: list[Record]
) -> tuple[list[Lot], Record]:
    lots: list[Lot] = []
    lot_header: Record | None = None
    details: list[Record] = []
    control: Record | None = None
    for r in rest:
        t = r.record_type
        if control is not None:
            raise _out_of_place("PR204", r, "follows the file control")
        if t == s.lot_header and lot_header is None:
            lot_header, details = r, []
        elif t == s.detail and lot_header is not None:
            details.append(r)
        elif t == s.lot_control and lot_header is not None:
            lots.append(Lot(lot_header, details, r))
            lot_header = None
        elif t == s.file_control and lot_header is None:
            control = r
        elif lot_header is not None:
            raise _out_of_place("PR203", r, f"comes while lot {len(lots) + 1} is open")
        else:
            raise _out_of_place("PR202", r, "is outside a lot")
    if control is None:
        last = rest[-1] if rest else head
        raise _out_of_place("PR203", last, f"is last; the file must close with {s.file_control}")
    return lots, control
