"""``--output-format json`` (and ``--json``): the report of docs/json-report.md, whose
JSON Schema is docs/json-report.schema.json. :data:`SCHEMA_VERSION` grows when a key
changes meaning or goes away; new keys may appear without it."""

from __future__ import annotations

from typing import IO, Any, Final

from pse_recon.cli.common import dump_json
from pse_recon.cli.reports import Outcome, Totals, amount_text, counts, ordered
from pse_recon.cli.reports import Renderer as Base
from pse_recon.validation.report import Report

#: 1 was the report without a version (files only); 2 adds the version, the tool,
#: the totals and the files that could not be read.
SCHEMA_VERSION: Final = 2


class Renderer(Base):
    def __init__(self, out: IO[str], **options: Any) -> None:
        super().__init__(out)
        self.files: list[dict[str, Any]] = []

    def add(self, outcome: Outcome) -> None:
        if outcome.report is None:
            self.files.append({
                "path": outcome.name, "readable": False, "valid": False,
                "exit_status": outcome.status, "message": outcome.problem,
            })
        else:
            self.files.append(file_json(outcome.name, outcome.report))

    def close(self, totals: Totals) -> None:
        from pse_recon import __version__

        dump_json({
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "pse-recon", "version": __version__},
            "totals": {
                "files": totals.files, "valid": totals.valid, "invalid": totals.invalid,
                "unreadable": totals.unreadable, "errors": totals.errors,
                "warnings": totals.warnings,
            },
            "files": self.files,
        }, self.out)


def file_json(path: str, report: Report) -> dict[str, Any]:
    """One file of the report that could be read."""
    s = report.summary
    errors, warnings = counts(report)
    return {
        "path": path,
        "readable": True,
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
            for f in ordered(report.findings)
        ],
        "summary": {"lots": s.lots, "details": s.details, "total": amount_text(s.total, report.layout)},
    }
