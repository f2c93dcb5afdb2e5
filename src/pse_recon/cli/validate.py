"""``pse-recon validate FILE...``: every finding of every file, in the output format asked for.

A FILE is what :mod:`pse_recon.cli.inputs` says: ``-``, gzip, each member of a zip as
``archive.zip!member.txt``, and a directory or a glob pattern as the files it names
(``--recursive`` for subdirectories). ``--jobs N`` validates in N processes
(:mod:`pse_recon.cli.batch`); the output is the same, in the order given.
``--output-format`` (``--json`` is ``--output-format json``) picks the renderer
(:mod:`pse_recon.cli.reports`). A file that cannot be opened or read is said on
standard error, in its turn, and is in the documents of the machine formats too.

Exit 0 when no file has an error, 1 when one has (or cannot be read: a corrupt
archive, binary data), 2 when an argument is bad or a file cannot be opened (the
other files are still validated).
"""

from __future__ import annotations

import argparse
import os
from typing import IO, Any

from pse_recon.cli.batch import Check, outcomes
from pse_recon.cli.common import (
    EXIT_OK,
    UsageError,
    add_command,
    add_format_options,
    check_width,
    error,
    non_negative_int,
)
from pse_recon.cli.inputs import check_stdin_once
from pse_recon.cli.messages import TEXTS, t
from pse_recon.cli.reports import OUTPUT_FORMATS, Totals, renderer
from pse_recon.cli.style import CHOICES, wanted

_TEXTS: dict[str, dict[str, str]] = {
    "validate.output_format": {
        "en": "how to print the results: text (default), json (docs/json-report.md), github "
        "(GitHub Actions annotations), sarif (SARIF 2.1.0, for code scanning), junit (JUnit XML)",
        "es": "cómo imprimir los resultados: text (por omisión), json (docs/json-report.md), "
        "github (anotaciones de GitHub Actions), sarif (SARIF 2.1.0, para code scanning), junit "
        "(JUnit XML)",
    },
    "validate.recursive": {
        "en": "check the files of a directory's subdirectories too",
        "es": "valida también los archivos de las subcarpetas de una carpeta",
    },
    "validate.jobs": {
        "en": "check files in N processes at once (0: one per CPU; default: 1); the output is "
        "the same, in the order given",
        "es": "valida archivos en N procesos a la vez (0: uno por CPU; por omisión: 1); la "
        "salida es la misma, en el orden dado",
    },
    "validate.color": {
        "en": "colour the text output: auto (default: on a terminal, unless NO_COLOR is set; "
        "FORCE_COLOR forces it), always, never",
        "es": "colorea la salida de texto: auto (por omisión: en una terminal, salvo si NO_COLOR "
        "está definida; FORCE_COLOR lo fuerza), always, never",
    },
    "validate.quiet": {
        "en": "text: print only the findings and the closing line",
        "es": "texto: imprime solo los hallazgos y la línea final",
    },
    "validate.statistics": {
        "en": "text: print how many findings of each rule instead of the findings",
        "es": "texto: imprime cuántos hallazgos hay de cada regla en lugar de los hallazgos",
    },
    "validate.text_only": {
        "en": "{option} applies to --output-format text only",
        "es": "{option} solo se aplica con --output-format text",
    },
}
TEXTS.update(_TEXTS)


def register(subparsers: Any) -> None:
    parser = add_command(subparsers, __name__)
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("validate.files"))
    add_format_options(parser)
    parser.add_argument("--strict", action="store_true", help=t("validate.strict"))
    parser.add_argument(
        "--max-findings", type=non_negative_int, default=1000, metavar="N",
        help=t("validate.max_findings"),
    )
    parser.add_argument("-r", "--recursive", action="store_true", help=t("validate.recursive"))
    parser.add_argument("--jobs", "-j", type=non_negative_int, default=1, metavar="N",
                        help=t("validate.jobs"))
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--output-format", choices=list(OUTPUT_FORMATS), default="text",
                        metavar="FORMAT", help=t("validate.output_format"))
    output.add_argument("--json", action="store_const", const="json", dest="output_format",
                        help=t("validate.json"))
    parser.add_argument("--color", choices=CHOICES, default="auto", help=t("validate.color"))
    parser.add_argument("-q", "--quiet", action="store_true", help=t("validate.quiet"))
    parser.add_argument("--statistics", action="store_true", help=t("validate.statistics"))


def run(args: argparse.Namespace, out: IO[str]) -> int:
    check_width(args.format, args.width)
    check_stdin_once(*args.files)
    text = args.output_format == "text"
    for option, given in (("--quiet", args.quiet), ("--statistics", args.statistics)):
        if given and not text:
            raise UsageError(t("validate.text_only", option=option))
    check = Check(args.format, args.width, args.strict, args.lang, args.max_findings, args.recursive)
    shown = renderer(args.output_format, out, quiet=args.quiet, statistics=args.statistics,
                     color=text and wanted(args.color, out, os.environ))
    totals = Totals()
    status = EXIT_OK
    for outcome in outcomes(check, args.files, args.jobs or _cpus()):
        if outcome.problem is not None:
            error(outcome.problem)
        shown.add(outcome)
        totals.add(outcome)
        status = max(status, outcome.status)
    shown.close(totals)
    return status


def _cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
