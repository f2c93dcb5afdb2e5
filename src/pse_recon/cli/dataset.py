"""``pse-recon convert DIR/ --to parquet -o DATASET/``: many files into one Parquet
dataset, one row per payment, in ``--jobs N`` processes.

The dataset is Hive-partitioned by format and by the date of the file's header
(``fecha_pago`` in Asobancaria 2001, Andesco and 1998, ``fecha_cierre_ciclo`` in PSE:
the header's first date field), one part file per input::

    DATASET/format=asobancaria-2001/fecha=2026-11-20/<sha256 of the content>.parquet

Each part holds the file's details (PSE: its type-2 lines, every state: filter on
``estado``) with the columns of ``convert --to parquet`` and a ``file`` column, the
input as named on the command line. A part is named after its content's hash, so
converting the same files again (renamed, moved, or copied twice into the folder)
writes the same parts again, never a second copy of their rows; each part is written
by :func:`pse_recon.output.write_file`, atomically. pyarrow, polars, pandas, DuckDB and
Spark read the folder as one table (``pyarrow.dataset.dataset(DATASET, partitioning=
"hive")``).

A file is read with :func:`pse_recon.read_table` (its verdict: exit 4 when unreadable,
no part written) and validated: a readable file with errors is converted, its errors
printed on standard error, and the status is 1, as for one file. The status of the
run is the worst of its files' (4, then 2, then 1).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from pse_recon.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, print_findings
from pse_recon.cli.inputs import Input, Refused, each, print_errors, unpacking_failed
from pse_recon.cli.messages import reset_lang, set_lang
from pse_recon.cli.outputs import cannot_write
from pse_recon.declaration import FileLayout
from pse_recon.errors import ArchiveError, ReadError
from pse_recon.findings import Finding
from pse_recon.validation.report import Report

if TYPE_CHECKING:
    import pyarrow as pa

#: Worst first: the run's status is the first of these any file has.
SEVERITY = (EXIT_UNREADABLE, EXIT_USAGE, EXIT_FINDINGS, EXIT_OK)


@attrs.frozen
class Part:
    """What converting one input gave (picklable: it comes back from a worker)."""

    name: str
    written: str | None = None
    report: Report | None = None
    stop: tuple[Finding, ...] = ()
    problem: str | None = None
    status: int = EXIT_OK

    def say(self) -> None:
        """Its errors on standard error, as ``validate`` prints them."""
        if self.problem is not None:
            print(self.problem, file=sys.stderr)
        if self.stop:
            print_findings(self.name, self.stop, sys.stderr)
        if self.report is not None:
            print_errors(self.name, self.report)


@attrs.frozen
class Dataset:
    """How to convert each input of a run into its part of ``target``."""

    target: str
    format: str | None
    width: int | None
    lang: str
    recursive: bool = False

    def outcomes(self, argument: str) -> Iterator[Part]:
        with each(argument, several=True, recursive=self.recursive) as items:
            for item in items:
                yield self.outcome(item)

    def outcome(self, item: Input | Refused) -> Part:
        if isinstance(item, Refused):
            return Part(item.name, problem=item.message,
                        status=EXIT_UNREADABLE if item.content else EXIT_USAGE)
        token = set_lang(self.lang)
        try:
            return self._convert(item)
        except ArchiveError as exc:
            return Part(item.name, problem=unpacking_failed(item.name, exc), status=EXIT_UNREADABLE)
        finally:
            reset_lang(token)

    def _convert(self, item: Input) -> Part:
        import pse_recon
        from pse_recon.output import write_file

        data = item.stream.read()
        report = pse_recon.validate(data, self.format, width=self.width, lang=self.lang)
        try:
            tables = pse_recon.read_table(data, self.format, width=self.width, lang=self.lang)
        except ReadError as exc:
            return Part(item.name, stop=tuple(exc.findings), status=EXIT_UNREADABLE)
        fmt = tables.layout
        folder = os.path.join(self.target, f"format={fmt.name}", f"fecha={_date(fmt, tables)}")
        path = os.path.join(folder, hashlib.sha256(data).hexdigest() + ".parquet")
        try:
            os.makedirs(folder, exist_ok=True)
            write_file(path, _parquet(payments(fmt, tables, item.name)))
        except OSError as exc:  # the dataset's folder cannot be written: say so, go on
            return Part(item.name, problem=cannot_write(path, exc), status=EXIT_USAGE)
        return Part(item.name, path, report, status=EXIT_OK if report.valid else EXIT_FINDINGS)


def _date(fmt: FileLayout, tables: Any) -> str:
    """The header's first date, ISO (``none`` when the header has no date)."""
    header = tables[fmt.structure.header]
    for f in fmt.records[fmt.structure.header].attributes:
        if f.kind.python_type is dt.date:
            value = header.column(f.name)[0].as_py()
            return str(value.isoformat())
    return "none"


def payments(fmt: FileLayout, tables: Any, name: str) -> pa.Table:
    """The details with ``convert --to parquet``'s columns (lot, the lot header's own
    fields) and the input's name."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from pse_recon.cli.convert import lot_fields

    details = tables.details
    s = fmt.structure
    carried = lot_fields(fmt)
    if carried:
        lots = tables[s.lot_header]  # type: ignore[union-attr]
        where = pc.index_in(details.column("lot"), value_set=lots.column("lot"))
        for i, f in enumerate(carried):
            details = details.add_column(2 + i, f.name, pc.take(lots.column(f.name), where))
    details = details.append_column("file", pa.array([name] * details.num_rows, type=pa.string()))
    schema = pa.schema([f.with_nullable(False) for f in details.schema])  # as convert's columns
    return pa.Table.from_arrays(details.columns, schema=schema)


def _parquet(table: pa.Table) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def status_of(parts: list[Part]) -> int:
    statuses = {p.status for p in parts}
    return next((s for s in SEVERITY if s in statuses), EXIT_OK)
