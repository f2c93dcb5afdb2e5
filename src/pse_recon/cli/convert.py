"""``pse-recon convert FILE --to json|csv [-o OUT] [--raw-cells]``: records as JSON,
details as CSV.

JSON holds every record: ``{"format", "width", "records": [{"line", "record_type",
"fields": {name: value}}]}`` with money as exact decimal strings, dates ISO and times
``HH:MM[:SS]`` (``2400`` is ``"24:00"``). CSV holds the detail records (PSE: the
type-2 lines), a ``line`` column then one column per field of the detail's layout
(fillers left out), LF line endings; a text cell a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``-``, ``@``, tab, CR or NUL) gets a leading ``'``
unless ``--raw-cells`` (:func:`~pse_recon.cli.escaping.spreadsheet_safe`; numbers,
amounts and dates never start so). Both are UTF-8, to standard output or ``-o OUT``
alike; ``-o`` never destroys what ``OUT`` names (:mod:`pse_recon.output`) nor
overwrites the input file. To a terminal, CSV's non-printable characters are
escaped (as ``ls`` does with file names); to a pipe or a file they are data.

A readable file with errors is converted as it reads, its errors printed on standard
error (as ``validate`` prints them), and the exit status is 1: the output is what the
file says, not a file that can be trusted. 4 when it cannot be read into records.
"""

from __future__ import annotations

import argparse
import csv
import io
from typing import Any, TextIO

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_command,
    add_format_options,
    dump_json,
    record_values,
)
from pse_recon.cli.escaping import printable, spreadsheet_safe
from pse_recon.cli.inputs import read_checked
from pse_recon.cli.messages import t
from pse_recon.cli.outputs import add_output_options, check_output, to_stdout, write_output
from pse_recon.records.files import File


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("convert.file"))
    parser.add_argument("--to", choices=("json", "csv"), required=True, help=t("convert.to"))
    add_output_options(parser, t("convert.output"), required=False)
    parser.add_argument("--raw-cells", action="store_true", help=t("convert.raw_cells"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: TextIO) -> int:
    refused = check_output(args, args.file)
    if refused is not None:
        return refused
    checked = read_checked(args.file, args.format, args.width, args.lang)
    if isinstance(checked, int):
        return checked
    if args.to == "json":
        text = to_json(checked.file)
    else:
        text = to_csv(checked.file, raw_cells=args.raw_cells)
        if to_stdout(args) and out.isatty():
            text = "\n".join(printable(line) for line in text.split("\n"))
    status = write_output(args, text.encode("utf-8"), out)
    if status != EXIT_OK:
        return status
    checked.print_errors()
    return EXIT_OK if checked.report.valid else EXIT_FINDINGS


def json_document(file: File) -> dict[str, Any]:
    return {
        "format": file.format,
        "width": file.width,
        "records": [
            {"line": r.line, "record_type": r.record_type, "fields": record_values(r)}
            for r in file.records
        ],
    }


def to_json(file: File) -> str:
    buffer = io.StringIO()
    dump_json(json_document(file), buffer)
    return buffer.getvalue()


def to_csv(file: File, *, raw_cells: bool = False) -> str:
    """The details as CSV; text cells :func:`spreadsheet_safe` unless ``raw_cells``."""
    fields = file.layout.detail.attributes
    names = [f.name for f in fields]
    texts = set() if raw_cells else {f.name for f in fields if f.kind.holds_text}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", *names])
    for record in file.details:
        values = record_values(record)
        writer.writerow([
            record.line,
            *(spreadsheet_safe(values[name]) if name in texts else values[name] for name in names),
        ])
    return buffer.getvalue()
