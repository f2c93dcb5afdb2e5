"""``pse-recon convert FILE --to json|csv [-o OUT]``: records as JSON, details as CSV.

JSON holds every record: ``{"format", "width", "records": [{"line", "record_type",
"fields": {name: value}}]}`` with money as exact decimal strings, dates ISO and times
``HH:MM[:SS]`` (``2400`` is ``"24:00"``). CSV holds the detail records (PSE: the
type-2 lines), a ``line`` column then one column per field of the detail's layout
(fillers left out), LF line endings. ``-o`` writes UTF-8 through a temporary file and
a rename, and never overwrites the input file.

A readable file with errors is converted as it reads, its errors printed on standard
error (as ``validate`` prints them), and the exit status is 1: the output is what the
file says, not a file that can be trusted. 4 when it cannot be read into records.
"""

from __future__ import annotations

import argparse
import csv
import io
from typing import IO, Any

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_command,
    add_format_options,
    dump_json,
    error,
    os_reason,
    record_values,
    same_file,
)
from pse_recon.cli.inputs import read_checked
from pse_recon.cli.messages import t
from pse_recon.codec.writer import write_atomically
from pse_recon.records.files import File


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("file", metavar="FILE", help=t("convert.file"))
    parser.add_argument("--to", choices=("json", "csv"), required=True, help=t("convert.to"))
    parser.add_argument("-o", "--output", metavar="OUT", help=t("convert.output"))
    add_format_options(parser)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    target = None if args.output in (None, "-") else args.output
    if target is not None and same_file(target, args.file):
        error(t("err.same_file", out=target))
        return EXIT_USAGE
    checked = read_checked(args.file, args.format, args.width, args.lang)
    if isinstance(checked, int):
        return checked
    text = to_json(checked.file) if args.to == "json" else to_csv(checked.file)
    if target is None:
        out.write(text)
        out.flush()
    else:
        try:
            write_atomically(target, text.encode("utf-8"))
        except OSError as exc:
            error(t("err.cannot_write", path=target, reason=os_reason(exc)))
            return EXIT_USAGE
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


def to_csv(file: File) -> str:
    names = [f.name for f in file.layout.detail.attributes]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["line", *names])
    for record in file.details:
        values = record_values(record)
        writer.writerow([record.line, *(values[name] for name in names)])
    return buffer.getvalue()
