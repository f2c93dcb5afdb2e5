"""Arrow types of the fields, and tables from typed records: the columnar reader's
row path, and its schema.

A column's type comes from its field's kind, through what the kind reads
(``Kind.python_type``), so a custom layout's fields get theirs the same way:
``int`` → ``int64``, ``str`` → ``string`` (identifiers keep their zeros), ``Decimal``
→ ``decimal128(length, decimals)`` (exact, PSE's 18-digit values included), ``date``
→ ``date32``, ``time`` → ``time64[us]``, where ``2400`` (END_OF_DAY, ADR 0007) is
23:59:59.999999, the value ``read`` gives (ADR 0016).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pse_recon.declaration import Field, FileLayout, LotStructure, RecordLayout
from pse_recon.records.base import Record
from pse_recon.records.files import File, LotFile

if TYPE_CHECKING:
    import pyarrow as pa

#: The widest integer an ``int64`` column holds in digits (longer numbers are decimals).
INT64_DIGITS = 18


def arrow_type(f: Field) -> pa.DataType:
    """The Arrow type of field ``f``'s column (see the module's docstring)."""
    import pyarrow as pa

    python = f.kind.python_type
    if python is int:
        return pa.int64() if f.length <= INT64_DIGITS else pa.decimal128(f.length, 0)
    if python is Decimal:
        return pa.decimal128(f.length, f.decimals)
    if python is dt.date:
        return pa.date32()
    if python is dt.time:
        return pa.time64("us")
    return pa.string()


def in_lots(fmt: FileLayout, rec: RecordLayout) -> bool:
    """Whether ``rec``'s records belong to a lot (their table has a ``lot`` column)."""
    s = fmt.structure
    return isinstance(s, LotStructure) and rec.record_type in (s.lot_header, s.detail, s.lot_control)


def schema(fmt: FileLayout, rec: RecordLayout) -> pa.Schema:
    """The table of record type ``rec``: ``line``, ``lot`` (in lots), then its fields
    (fillers left out, as records leave them)."""
    import pyarrow as pa

    head = [pa.field("line", pa.int64(), nullable=False)]
    if in_lots(fmt, rec):
        head.append(pa.field("lot", pa.int64(), nullable=False))
    return pa.schema(head + [pa.field(f.name, arrow_type(f), nullable=False)
                             for f in rec.fields if f.is_attribute])


def numbered(file: File) -> Iterator[tuple[Record, int]]:
    """Every record of ``file`` in file order with the number of its lot (from 1; 0
    outside lots)."""
    if isinstance(file, LotFile):
        yield file.header, 0
        for number, lot in enumerate(file.lots, 1):
            yield lot.header, number
            for d in lot.details:
                yield d, number
            yield lot.control, number
        yield file.control, 0
    else:
        for r in file.iter_records():
            yield r, 0


def table(fmt: FileLayout, rec: RecordLayout, records: Iterable[tuple[Record, int]]) -> pa.Table:
    """The table of ``records`` (with their lot numbers), all of type ``rec``."""
    import pyarrow as pa

    rows = list(records)
    s = schema(fmt, rec)
    columns: list[Any] = [[r.line for r, _ in rows]]
    if in_lots(fmt, rec):
        columns.append([lot for _, lot in rows])
    columns += [[getattr(r, f.name) for r, _ in rows] for f in rec.fields if f.is_attribute]
    return pa.Table.from_arrays([pa.array(c, type=t) for c, t in zip(columns, s.types, strict=True)],
                                schema=s)


def tables(fmt: FileLayout, file: File) -> Mapping[str, pa.Table]:
    """Record type → table of ``file``'s records of that type (every type of the
    layout, empty ones included): the row path."""
    by_type: dict[str, list[tuple[Record, int]]] = {code: [] for code in fmt.records}
    for r, lot in numbered(file):
        by_type[r.record_type].append((r, lot))
    return {code: table(fmt, fmt.records[code], rows) for code, rows in by_type.items()}
