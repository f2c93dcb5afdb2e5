"""``--output-format junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure …)
show as test results.

One ``<testsuites>`` holding one ``<testsuite name="pse-recon validate">`` for the run,
one ``<testcase>`` per file (``name`` and ``file`` its name as given, ``classname`` its
format): a file with errors has a ``<failure>`` whose text lists its error findings,
one a line as the text format prints them; its warnings are in ``<system-out>``; a
file that cannot be opened or read has an ``<error>``. Suite counts: ``tests`` files,
``failures`` files with errors, ``errors`` files not read.

XML cannot hold most control characters even escaped, and a file's name or text may
hold any: every text is first made printable (:func:`~pse_recon.cli.escaping.printable`,
``\\x1b`` for ESC), then escaped as XML by :mod:`xml.etree.ElementTree`.
"""

from __future__ import annotations

from typing import IO, Any

from pse_recon.cli.common import finding_line
from pse_recon.cli.escaping import printable
from pse_recon.cli.messages import plural, t
from pse_recon.cli.reports import Outcome, Totals, counts, ordered
from pse_recon.cli.reports import Renderer as Base


class Renderer(Base):
    def __init__(self, out: IO[str], **options: Any) -> None:
        import xml.etree.ElementTree as ET

        super().__init__(out)
        self.ET = ET
        self.root = ET.Element("testsuites", name="pse-recon")
        self.suite = ET.SubElement(self.root, "testsuite", name="pse-recon validate")

    def add(self, outcome: Outcome) -> None:
        ET = self.ET
        name = printable(outcome.name)
        report = outcome.report
        kind = "unreadable" if report is None else report.format or "undetected"
        case = ET.SubElement(self.suite, "testcase", name=name, file=name, classname=kind)
        if report is None:
            problem = printable(outcome.problem or "")
            ET.SubElement(case, "error", message=problem, type="unreadable").text = problem
            return
        findings = ordered(report.findings)
        if not report.valid:
            lines = [finding_line(outcome.name, f) for f in findings if f.is_error]
            if report.left_out_errors:
                lines.append(printable(t("input.left_out", path=outcome.name,
                                         n=report.left_out_errors)))
            first = next((f.code for f in findings if f.is_error), "error")
            failure = ET.SubElement(case, "failure", message=plural(counts(report)[0], "n.errors"),
                                    type=first)
            failure.text = "\n".join(lines)
        warnings = [finding_line(outcome.name, f) for f in findings if not f.is_error]
        if warnings:
            ET.SubElement(case, "system-out").text = "\n".join(warnings)

    def close(self, totals: Totals) -> None:
        for element in (self.root, self.suite):
            element.set("tests", str(totals.files))
            element.set("failures", str(totals.invalid))
            element.set("errors", str(totals.unreadable))
        self.ET.indent(self.root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(self.ET.tostring(self.root, encoding="unicode") + "\n")
