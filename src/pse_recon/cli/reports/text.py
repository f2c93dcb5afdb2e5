"""``--output-format text``: for people, and for ``grep``.

Per file: its findings, one a line (``FILE:LINE:COL: SEVERITY: CODE FIELD: message``,
:func:`~pse_recon.cli.common.finding_line`), then its summary line. At the end, the
closing line ``N files: E errors, W warnings``, as ruff ends with ``Found N errors``.
``quiet``: the findings and the closing line only. ``statistics``: instead of the
findings, the count of each code (most frequent first, then by code) with the
rule's title, before the closing line; it counts the findings listed, so
``--max-findings`` caps it per file. A file that cannot be read is said on standard
error (by the command) and counted on the closing line.
"""

from __future__ import annotations

import collections
from typing import IO, Any

from pse_recon.cli.common import columns, finding_line
from pse_recon.cli.escaping import printable
from pse_recon.cli.messages import TEXTS, current_lang, plural, t
from pse_recon.cli.reports import Outcome, Totals, amount_text, counts, ordered
from pse_recon.cli.reports import Renderer as Base
from pse_recon.cli.style import PLAIN, Style
from pse_recon.declaration import LotStructure
from pse_recon.rules import RULES
from pse_recon.validation.report import Report

_TEXTS: dict[str, dict[str, str]] = {
    "n.files": {"en": "file|files", "es": "archivo|archivos"},
    "text.closing": {"en": "{files}: {errors}, {warnings}", "es": "{files}: {errors}, {warnings}"},
    "text.unreadable": {
        "en": " ({n} could not be read)",
        "es": " ({n} no se pudieron leer)",
    },
    "text.stats_head": {"en": "count|code|title", "es": "cantidad|código|título"},
}
TEXTS.update(_TEXTS)


class Renderer(Base):
    def __init__(self, out: IO[str], *, color: bool = False, quiet: bool = False,
                 statistics: bool = False, **options: Any) -> None:
        super().__init__(out)
        self.style = Style(color) if color else PLAIN
        self.quiet = quiet
        self.statistics: collections.Counter[str] | None = (
            collections.Counter() if statistics else None
        )

    def add(self, outcome: Outcome) -> None:
        report = outcome.report
        if report is None:
            return
        if self.statistics is None:
            for f in ordered(report.findings):
                print(finding_line(outcome.name, f, self.style), file=self.out)
        else:
            self.statistics.update(f.code for f in report.findings)
        if not self.quiet:
            print(summary_line(outcome.name, report, self.style), file=self.out)

    def close(self, totals: Totals) -> None:
        if self.statistics:
            print("\n".join(self._statistics(self.statistics)), file=self.out)
        line = t("text.closing", files=plural(totals.files, "n.files"),
                 errors=plural(totals.errors, "n.errors"),
                 warnings=plural(totals.warnings, "n.warnings"))
        if totals.unreadable:
            line += t("text.unreadable", n=totals.unreadable)
        print(self.style.strong(line), file=self.out)

    def _statistics(self, counts: collections.Counter[str]) -> list[str]:
        lang = current_lang()
        rows = [t("text.stats_head").split("|")]
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            rule = RULES.get(code)
            rows.append([str(n), code, rule.title_in(lang) if rule else ""])
        return columns(rows, [True, False, False])


def summary_line(path: str, report: Report, style: Style = PLAIN) -> str:
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
        parts += [plural(s.details, "n.details"),
                  t("validate.total", total=amount_text(s.total, report.layout))]
    errors, warnings = counts(report)
    numbers = [plural(errors, "n.errors"), plural(warnings, "n.warnings")]
    if report.left_out:
        numbers.append(t("validate.left_out", n=report.left_out))
    verdict = style.verdict(report.valid, t("validate.valid" if report.valid else "validate.invalid"))
    return f"{style.path(printable(path))}: {printable(', '.join(parts))}: {verdict} ({', '.join(numbers)})"
