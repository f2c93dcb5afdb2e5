"""``--output-format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other
SARIF viewers.

One run. ``tool.driver`` names pse-recon, its version and home, and holds one rule
per catalog code with its help (:mod:`pse_recon.rule_help`, in the run's language),
its lenient severity as default level and a ``helpUri`` into docs/rules.md. One
result per finding, with its own level (so a severity changed by ``--strict`` or a
profile shows as it applies), its message, and where: the file's URI relative to
the working directory (``%SRCROOT%``; a file outside it as an absolute ``file:``
URI), the line, and for a finding at columns ``startColumn`` and ``endColumn``
(SARIF's end is exclusive: the finding's last column + 1), counted in characters
(``columnKind``: one byte of the file a character). A zip member's result is on its
archive, its message prefixed with the member's name; standard input has no location.
A file that cannot be opened or read is a tool execution notification (an error)
and makes ``executionSuccessful`` false; findings left out by ``--max-findings`` are
counted in one (a note).
"""

from __future__ import annotations

import os
import pathlib
from typing import IO, Any, Final
from urllib.parse import quote_from_bytes

from pse_recon.cli.about import homepage, rule_url
from pse_recon.cli.common import dump_json
from pse_recon.cli.messages import current_lang, t
from pse_recon.cli.reports import Outcome, Totals, ordered
from pse_recon.cli.reports import Renderer as Base
from pse_recon.rules import RULES, Rule

SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS: Final = {"error": "error", "warning": "warning"}


class Renderer(Base):
    def __init__(self, out: IO[str], **options: Any) -> None:
        super().__init__(out)
        self.codes = sorted(RULES)
        self.index = {code: i for i, code in enumerate(self.codes)}
        self.results: list[dict[str, Any]] = []
        self.notifications: list[dict[str, Any]] = []

    def add(self, outcome: Outcome) -> None:
        where = ([] if outcome.path is None
                 else [{"physicalLocation": {"artifactLocation": artifact(outcome.path)}}])
        if outcome.report is None:
            self.notifications.append({
                "level": "error", "message": {"text": outcome.problem or ""}, "locations": where,
            })
            return
        prefix = f"{outcome.name}: " if outcome.path is not None and outcome.name != outcome.path else ""
        for f in ordered(outcome.report.findings):
            region: dict[str, int] = {"startLine": f.line}
            if f.column:
                region["startColumn"] = f.column
                region["endColumn"] = max(f.end_column, f.column) + 1
            result: dict[str, Any] = {
                "ruleId": f.code, "level": _LEVELS[str(f.severity)],
                "message": {"text": prefix + f.message},
            }
            if f.code in self.index:
                result["ruleIndex"] = self.index[f.code]
            if where:
                location = where[0]["physicalLocation"]
                result["locations"] = [{"physicalLocation": {**location, "region": region}}]
            self.results.append(result)
        if outcome.report.left_out:
            self.notifications.append({
                "level": "note", "locations": where,
                "message": {"text": t("report.left_out", path=outcome.name,
                                      n=outcome.report.left_out)},
            })

    def close(self, totals: Totals) -> None:
        from pse_recon import __version__

        lang = current_lang()
        dump_json({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "pse-recon", "version": __version__, "semanticVersion": __version__,
                    "informationUri": homepage(), "language": lang,
                    "rules": [rule_json(RULES[code], lang) for code in self.codes],
                }},
                "invocations": [{
                    "executionSuccessful": totals.unreadable == 0,
                    "toolExecutionNotifications": self.notifications,
                }],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": pathlib.Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }, self.out)


def rule_json(rule: Rule, lang: str) -> dict[str, Any]:
    """A catalog rule as a SARIF reportingDescriptor."""
    from pse_recon import rule_help
    from pse_recon.rules import EXPLANATIONS

    return {
        "id": rule.code,
        "shortDescription": {"text": rule.title_in(lang)},
        "fullDescription": {"text": EXPLANATIONS[rule.code].text("explanation", lang)},
        "defaultConfiguration": {"level": _LEVELS[str(rule.severity_for(False))]},
        "helpUri": rule_url(rule.code),
        "help": {
            "text": rule_help.text(rule, lang, url=rule_url(rule.code)),
            "markdown": rule_help.markdown(rule, (lang,)),
        },
        "properties": {"source": rule.source, "strict": str(rule.severity_for(True))},
    }


def artifact(path: str) -> dict[str, str]:
    """An artifactLocation: relative to the working directory when inside it."""
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive, on Windows
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": pathlib.Path(absolute).as_uri()}
    posix = pathlib.Path(relative).as_posix()
    return {"uri": quote_from_bytes(os.fsencode(posix), safe="/"), "uriBaseId": "%SRCROOT%"}
