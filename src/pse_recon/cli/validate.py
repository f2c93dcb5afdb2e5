"""``pse-recon validate FILE...``: every finding of every file, then a summary per file.

Text: one finding a line, ``FILE:LINE:COL: SEVERITY: CODE FIELD: message``, then one
summary line per file. ``--json``: the report documented in docs/json-report.md.
A file is what :mod:`pse_recon.cli.inputs` says (``-``, gzip, each member of a zip as
``archive.zip!member.txt``). Exit 0 when no file has an error, 1 when one has (or
cannot be read: a corrupt archive, binary data, said in one line), 2 when an
argument is bad or a file cannot be opened (the other files are still validated).
"""

from __future__ import annotations

import argparse
from typing import IO, Any

from pse_recon.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    add_command,
    add_format_options,
    check_width,
    decimal_text,
    dump_json,
    error,
    non_negative_int,
    print_findings,
)
from pse_recon.cli.escaping import printable
from pse_recon.cli.inputs import Input, Refused, check_stdin_once, each, refused, unpacking_failed
from pse_recon.cli.messages import plural, t
from pse_recon.declaration import LotStructure
from pse_recon.errors import ArchiveError
from pse_recon.validation import Report, validate


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("validate.files"))
    add_format_options(parser)
    parser.add_argument("--strict", action="store_true", help=t("validate.strict"))
    parser.add_argument("--json", action="store_true", help=t("validate.json"))
    parser.add_argument(
        "--max-findings", type=non_negative_int, default=1000, metavar="N",
        help=t("validate.max_findings"),
    )


def run(args: argparse.Namespace, out: IO[str]) -> int:
    check_width(args.format, args.width)
    check_stdin_once(*args.files)
    status = EXIT_OK
    reports: list[dict[str, Any]] = []
    for argument in args.files:
        with each(argument, several=True) as items:
            for item in items:
                status = max(status, _one(args, item, reports, out))
    if args.json:
        dump_json({"files": reports}, out)
    return status


def _one(args: argparse.Namespace, item: Input | Refused, reports: list[dict[str, Any]],
         out: IO[str]) -> int:
    """Validate one input (a file, or a member of a zip): its exit status."""
    if isinstance(item, Refused):
        return refused(item, EXIT_FINDINGS)
    try:
        report = validate(
            item.stream, args.format, strict=args.strict, width=args.width, lang=args.lang,
            max_findings=args.max_findings,
        )
    except ArchiveError as exc:  # what only unpacking to the end reveals: a bad checksum …
        error(unpacking_failed(item.name, exc))
        return EXIT_FINDINGS
    if args.json:
        reports.append(file_json(item.name, report))
    else:
        print_findings(item.name, report.findings, out)
        print(summary_line(item.name, report), file=out)
    return EXIT_OK if report.valid else EXIT_FINDINGS


def counts(report: Report) -> tuple[int, int]:
    """Errors and warnings of the whole file, those left out by ``--max-findings`` too."""
    errors = len(report.errors) + report.left_out_errors
    warnings = len(report.warnings) + report.left_out - report.left_out_errors
    return errors, warnings


def summary_line(path: str, report: Report) -> str:
    """``FILE: format, width, lots, details, total: verdict (errors, warnings[, left out])``."""
    s = report.summary
    if report.layout is None:
        parts = [t("validate.undetected")]
    else:
        parts = [report.layout.name]
        if report.width is not None:
            parts.append(plural(report.width, "n.columns"))
        if isinstance(report.layout.structure, LotStructure):
            parts.append(plural(s.lots, "n.lots"))
        parts += [plural(s.details, "n.details"), t("validate.total", total=decimal_text(s.total))]
    errors, warnings = counts(report)
    numbers = [plural(errors, "n.errors"), plural(warnings, "n.warnings")]
    if report.left_out:
        numbers.append(t("validate.left_out", n=report.left_out))
    verdict = t("validate.valid" if report.valid else "validate.invalid")
    return printable(f"{path}: {', '.join(parts)}: {verdict} ({', '.join(numbers)})")


def file_json(path: str, report: Report) -> dict[str, Any]:
    """One file of the JSON report (docs/json-report.md)."""
    s = report.summary
    errors, warnings = counts(report)
    return {
        "path": path,
        "format": report.format,
        "width": report.width,
        "strict": report.strict,
        "valid": report.valid,
        "errors": errors,
        "warnings": warnings,
        "left_out": report.left_out,
        "findings": [
            {
                "line": f.line,
                "column": f.column,
                "end_column": f.end_column,
                "record": f.record,
                "field": f.field,
                "code": f.code,
                "severity": str(f.severity),
                "message": f.message,
            }
            for f in report.findings
        ],
        "summary": {"lots": s.lots, "details": s.details, "total": decimal_text(s.total)},
    }
