"""``pse-recon convert FILE --to json|jsonl|csv|parquet [-o OUT] [--raw-cells]``: records
as JSON or JSON Lines, details as CSV or Parquet, streamed in flat memory.

JSON holds every record: ``{"format", "width", "records": [{"line", "record_type",
"fields": {name: value}}]}`` with money as exact decimal strings, dates ISO and times
``HH:MM[:SS]`` (``2400`` is ``"24:00"``); JSON Lines is one such record object a line
(no document around them: what a big file wants). CSV holds the detail records (PSE:
the type-2 lines): a ``line`` column, for lot formats (Asobancaria 2001, Andesco) the
``lot`` number and the lot header's own fields (``codigo_servicio``) on every row, then
one column per field of the detail's layout (fillers left out); amounts have at least
two decimals (``1000.00``: 1998's whole pesos too), identifiers keep their zeros; LF
line endings; a text cell a spreadsheet would run as a formula (it starts with ``=``,
``+``, ``-``, ``@``, tab, CR or NUL) gets a leading ``'`` unless ``--raw-cells``
(:func:`~pse_recon.cli.escaping.spreadsheet_safe`; numbers, amounts and dates never
start so). Parquet (the ``arrow`` extra) holds the CSV's columns typed as
:func:`pse_recon.read_table` types them, in row groups of 16,384 details. JSON, JSON
Lines and CSV are UTF-8, to standard output or ``-o OUT`` alike; Parquet goes to
``-o OUT`` or a pipe, never a terminal. ``-o`` never destroys what ``OUT`` names
(:mod:`pse_recon.output`) nor overwrites the input file. To a terminal, CSV's
non-printable characters are escaped (as ``ls`` does with file names); to a pipe or
a file they are data.

Nothing holds the whole file: it is validated, checked readable and then its records
are written as they are read (:mod:`pse_recon.cli.streaming`). A readable file with
errors is converted as it reads, its errors printed on standard error (as
``validate`` prints them), and the exit status is 1: the output is what the file
says, not a file that can be trusted. 4 when it cannot be read into records.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_format_options,
    dump_json,
    error,
    non_negative_int,
    record_values,
)
from pse_recon.cli.escaping import printable, printable_json, spreadsheet_safe
from pse_recon.cli.messages import t
from pse_recon.cli.outputs import add_output_options, check_output, to_stdout, write_output
from pse_recon.cli.streaming import Streamed, stream_checked
from pse_recon.declaration import Field, FileLayout, LotStructure
from pse_recon.records.base import Record
from pse_recon.records.files import File

#: Records (or rows) encoded into one chunk of output.
BATCH = 4096
#: Details in one Parquet row group.
ROW_GROUP = 16384


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("convert.file"))
    parser.add_argument("--to", choices=("json", "jsonl", "csv", "parquet"), required=True,
                        help=t("convert.to"))
    add_output_options(parser, t("convert.output"), required=False)
    parser.add_argument("--raw-cells", action="store_true", help=t("convert.raw_cells"))
    parser.add_argument("-r", "--recursive", action="store_true", help=t("convert.recursive"))
    parser.add_argument("--jobs", "-j", type=non_negative_int, default=1, metavar="N",
                        help=t("convert.jobs"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: TextIO) -> int:
    if several(args.file):
        return to_dataset(args)
    refused = check_output(args, args.file)
    if refused is not None:
        return refused
    if args.to == "parquet":
        if to_stdout(args) and out.isatty():
            error(t("convert.binary_terminal"))
            return EXIT_USAGE
        if not _arrow_installed():
            error(t("convert.needs_arrow"))
            return EXIT_USAGE
    with stream_checked(args.file, args.format, args.width, args.lang) as checked:
        if isinstance(checked, int):
            return checked
        status = write_output(args, _output(args, checked, out), out)
        if status != EXIT_OK:
            return status
        checked.print_errors()
        return EXIT_OK if checked.report.valid else EXIT_FINDINGS


def _output(args: argparse.Namespace, checked: Streamed, out: TextIO) -> Iterable[bytes]:
    fmt, records = checked.layout, checked.records()
    if args.to == "parquet":
        return parquet_chunks(fmt, records)
    if args.to == "json":
        return _encoded(json_texts(fmt, records))
    if args.to == "jsonl":
        return _encoded(jsonl_texts(records))
    texts = csv_texts(fmt, records, raw_cells=args.raw_cells)
    if to_stdout(args) and out.isatty():
        texts = (printable(text[:-1]) + "\n" for text in texts)
    return _encoded(texts)


def several(argument: str) -> bool:
    """Whether ``argument`` names a folder or a glob pattern: files for a dataset."""
    return os.path.isdir(argument) or (glob.has_magic(argument) and not os.path.lexists(argument))


def to_dataset(args: argparse.Namespace) -> int:
    """Every file ``args.file`` names into the Parquet dataset ``args.output``
    (:mod:`pse_recon.cli.dataset`); the worst file's status."""
    from pse_recon.cli.batch import outcomes
    from pse_recon.cli.dataset import Dataset, Part, status_of
    from pse_recon.cli.inputs import expand
    from pse_recon.cli.validate import _cpus

    if args.to != "parquet" or to_stdout(args):
        error(t("convert.dataset_output"))
        return EXIT_USAGE
    if not _arrow_installed():
        error(t("convert.needs_arrow"))
        return EXIT_USAGE
    target = os.path.realpath(args.output)
    if os.path.lexists(target) and not os.path.isdir(target):
        error(t("convert.dataset_output"))
        return EXIT_USAGE
    dataset = Dataset(target, args.format, args.width, args.lang, args.recursive)
    names: list[str] = []
    refused: list[Part] = []
    for name in expand(args.file, args.recursive):
        if not isinstance(name, str):
            refused.append(dataset.outcome(name))
        elif not os.path.realpath(name).startswith(target + os.sep):  # not the dataset's own
            names.append(name)
    done: list[Part] = []
    for part in itertools.chain(refused, outcomes(dataset, names, args.jobs or _cpus())):
        part.say()
        done.append(part)
    return status_of(done)


def _encoded(texts: Iterable[str]) -> Iterator[bytes]:
    """UTF-8 chunks of :data:`BATCH` texts each."""
    stream = iter(texts)
    while batch := list(itertools.islice(stream, BATCH)):
        yield "".join(batch).encode("utf-8")


def _arrow_installed() -> bool:
    try:
        import numpy  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


# -- JSON --------------------------------------------------------------------------------
def record_object(r: Record) -> dict[str, Any]:
    return {"line": r.line, "record_type": r.record_type, "fields": record_values(r)}


def json_texts(fmt: FileLayout, records: Iterable[Record]) -> Iterator[str]:
    """The JSON document (two-space indented, as :func:`~pse_recon.cli.common.dump_json`
    writes it), one record at a time."""
    head = json.dumps({"format": fmt.name, "width": fmt.width}, indent=2, ensure_ascii=False)
    yield printable_json(head[:-2]) + ',\n  "records": ['
    sep = "\n"
    for r in records:
        text = json.dumps(record_object(r), indent=2, ensure_ascii=False)
        yield sep + printable_json("    " + text.replace("\n", "\n    "))
        sep = ",\n"
    yield "\n  ]\n}\n" if sep != "\n" else "]\n}\n"


def jsonl_texts(records: Iterable[Record]) -> Iterator[str]:
    """One record object a line, compact."""
    for r in records:
        yield printable_json(json.dumps(record_object(r), ensure_ascii=False)) + "\n"


def json_document(file: File) -> dict[str, Any]:
    return {"format": file.format, "width": file.width,
            "records": [record_object(r) for r in file.records]}


def to_json(file: File) -> str:
    buffer = io.StringIO()
    dump_json(json_document(file), buffer)
    return buffer.getvalue()


# -- details with their lot --------------------------------------------------------------
def lot_fields(fmt: FileLayout) -> tuple[Field, ...]:
    """The lot header's own fields carried on each detail row (``codigo_servicio``): not
    constants, not computed (the lot number is the ``lot`` column), no name a detail
    field has."""
    s = fmt.structure
    if not isinstance(s, LotStructure):
        return ()
    names = {f.name for f in fmt.detail.attributes}
    return tuple(f for f in fmt.records[s.lot_header].attributes
                 if f.constant is None and f.computed is None and f.name not in names)


def details_in_lots(fmt: FileLayout, records: Iterable[Record]
                    ) -> Iterator[tuple[Record, int, Record | None]]:
    """Each detail with its lot's number (from 1; 0 outside lots) and lot header."""
    s = fmt.structure
    lot_header = s.lot_header if isinstance(s, LotStructure) else None
    number, header = 0, None
    for r in records:
        if r.record_type == lot_header:
            number, header = number + 1, r
        elif r.record_type == s.detail:
            yield r, number, header


def row_names(fmt: FileLayout) -> list[str]:
    lot = ["lot", *(f.name for f in lot_fields(fmt))] if isinstance(fmt.structure, LotStructure) else []
    return ["line", *lot, *(f.name for f in fmt.detail.attributes)]


# -- CSV ---------------------------------------------------------------------------------
def csv_texts(fmt: FileLayout, records: Iterable[Record], *, raw_cells: bool = False) -> Iterator[str]:
    """The details as CSV lines; text cells :func:`spreadsheet_safe` unless ``raw_cells``."""
    fields = fmt.detail.attributes
    carried = lot_fields(fmt)
    texts = set() if raw_cells else {f.name for f in (*fields, *carried) if f.kind.holds_text}
    money = {f.name for f in fields if f.kind.money and f.decimals < 2}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    in_lots = isinstance(fmt.structure, LotStructure)

    def cell(name: str, value: Any) -> Any:
        if name in money:
            return f"{value}.00" if "." not in value else value
        return spreadsheet_safe(value) if name in texts else value

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(row_names(fmt))
    yield take()
    for record, lot, header in details_in_lots(fmt, records):
        values = record_values(record)
        row: list[Any] = [record.line]
        if in_lots:
            lot_values = record_values(header) if header is not None else {}
            row += [lot, *(cell(f.name, lot_values.get(f.name, "")) for f in carried)]
        row += [cell(f.name, values[f.name]) for f in fields]
        writer.writerow(row)
        yield take()


def to_csv(file: File, *, raw_cells: bool = False) -> str:
    """The details of a whole file as CSV (:func:`csv_texts`)."""
    return "".join(csv_texts(file.layout, file.iter_records(), raw_cells=raw_cells))


# -- Parquet -----------------------------------------------------------------------------
def parquet_chunks(fmt: FileLayout, records: Iterable[Record]) -> Iterator[bytes]:
    """The CSV's rows as a Parquet file, typed as read_table types them, written a row
    group of :data:`ROW_GROUP` details at a time (memory stays flat)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pse_recon.columnar.rows import arrow_type

    in_lots = isinstance(fmt.structure, LotStructure)
    carried = lot_fields(fmt)
    fields = fmt.detail.attributes
    schema = pa.schema(
        [pa.field("line", pa.int64(), nullable=False)]
        + ([pa.field("lot", pa.int64(), nullable=False)] if in_lots else [])
        + [pa.field(f.name, arrow_type(f), nullable=False) for f in (*carried, *fields)]
    )
    sink = _Sink()
    with pq.ParquetWriter(sink, schema) as writer:
        rows = details_in_lots(fmt, records)
        while batch := list(itertools.islice(rows, ROW_GROUP)):
            columns: list[list[Any]] = [[r.line for r, _, _ in batch]]
            if in_lots:
                columns.append([lot for _, lot, _ in batch])
            columns += [[getattr(h, f.name) for _, _, h in batch] for f in carried]
            columns += [[getattr(r, f.name) for r, _, _ in batch] for f in fields]
            writer.write_table(pa.Table.from_arrays(
                [pa.array(c, type=t) for c, t in zip(columns, schema.types, strict=True)], schema=schema))
            yield sink.take()
    yield sink.take()


class _Sink(io.RawIOBase):
    """What the Parquet writer writes, kept until :meth:`take`n."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._chunks.append(chunk)
        self._size += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._size

    def take(self) -> bytes:
        data = b"".join(self._chunks)
        self._chunks.clear()
        return data
