"""What ``pse-recon validate`` prints, in each ``--output-format``.

Validation gives one :class:`Outcome` per input, in the order given; a renderer takes
them one at a time (:meth:`Renderer.add`, so text and GitHub lines appear as each file
is done) and finishes with the totals over all files (:meth:`Renderer.close`; the
documents, JSON, SARIF and JUnit, are written whole then).

Renderers show what each finding carries, severity included, and decide nothing
about it: a profile that changes a code's severity changes what every format says
with no change here. Every format lists a file's findings by line, and within a line
by column (:func:`ordered`; 0, the whole line, first).

* ``text`` (:mod:`.text`): for people; colours on a terminal only.
* ``json`` (:mod:`.json_report`): docs/json-report.md, its schema in
  docs/json-report.schema.json.
* ``github`` (:mod:`.github`): GitHub Actions workflow commands, one annotation a finding.
* ``sarif`` (:mod:`.sarif`): SARIF 2.1.0, for code scanning.
* ``junit`` (:mod:`.junit`): JUnit XML, one test case a file.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any, Final

import attrs

from pse_recon.cli.common import EXIT_OK
from pse_recon.cli.messages import TEXTS
from pse_recon.declaration import FileLayout
from pse_recon.findings import Finding
from pse_recon.money import EXACT
from pse_recon.validation.report import Report

TEXTS.update({
    "report.left_out": {
        "en": "{path}: {n} more findings left out (--max-findings)",
        "es": "{path}: {n} hallazgos más omitidos (--max-findings)",
    },
})

#: ``--output-format`` → the module whose ``Renderer`` writes it.
OUTPUT_FORMATS: Final = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


@attrs.frozen
class Outcome:
    """What checking one input gave: its report, or the one line saying why there is
    none (it could not be opened, unpacked or read as text). Picklable, so that the
    processes of ``--jobs`` send it back."""

    #: What messages and reports call the input: the argument, ``archive.zip!member``.
    name: str
    #: The file on disk (a member's archive); None for standard input.
    path: str | None
    report: Report | None
    problem: str | None = None
    #: This input's exit status: 0 valid, 1 errors or unreadable content, 2 not opened.
    status: int = EXIT_OK

    @property
    def counts(self) -> tuple[int, int]:
        """Errors and warnings of the file (none when there is no report)."""
        return (0, 0) if self.report is None else counts(self.report)


def counts(report: Report) -> tuple[int, int]:
    """Errors and warnings of the whole file, those left out by ``--max-findings`` too."""
    errors = len(report.errors) + report.left_out_errors
    return errors, len(report.findings) + report.left_out - errors


@attrs.define
class Totals:
    """Over all the inputs of a run."""

    files: int = 0
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, outcome: Outcome) -> None:
        self.files += 1
        if outcome.report is None:
            self.unreadable += 1
        elif outcome.report.valid:
            self.valid += 1
        else:
            self.invalid += 1
        errors, warnings = outcome.counts
        self.errors += errors
        self.warnings += warnings


class Renderer:
    """Writes one output format to ``out``; subclasses override :meth:`add` and :meth:`close`."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self.out = out

    def add(self, outcome: Outcome) -> None:
        """One input's outcome, as validation gives it."""

    def close(self, totals: Totals) -> None:
        """The end of the run."""


def renderer(output_format: str, out: IO[str], **options: Any) -> Renderer:
    """The renderer of ``output_format`` (a key of :data:`OUTPUT_FORMATS`), its module
    imported only when asked for."""
    module = importlib.import_module(f"{__name__}.{OUTPUT_FORMATS[output_format]}")
    made: Renderer = module.Renderer(out, **options)
    return made


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """By line, and within a line by column (0, the whole line, first), else as found."""
    return sorted(findings, key=lambda f: (f.line, f.column))


def amount_text(total: Decimal, fmt: FileLayout | None) -> str:
    """An amount as exact text with its layout's decimals (``0.00``; whole pesos for
    Asobancaria 1998), never exponent notation; ``0`` when the format is not known."""
    if fmt is not None:
        places = fmt.detail.field(fmt.amount_field).decimals
        total = total.quantize(Decimal(1).scaleb(-places), context=EXACT)
    return f"{total:f}"
