"""The rule catalog: every finding's code, severity, meaning and source, in one place.

Codes are stable: a code is never reused for another meaning, so CI configurations
and people may rely on them. The validator's implemented rules and this catalog
are checked to be the same set by the test suite.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

import attrs

from pse_recon.findings import Severity


@attrs.frozen
class Rule:
    """A rule: ``severity`` is the lenient one; ``strict`` may raise it to an error."""

    code: str
    severity: Severity
    title: str
    source: str
    strict: Severity | None = None

    def severity_for(self, strict: bool) -> Severity:
        return self.strict if strict and self.strict is not None else self.severity


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    # -- input and lines ----------------------------------------------------------
    Rule("PR001", E, "the file is empty", "manual 7.2: a file holds a header and a control"),
    Rule("PR002", E, "the format cannot be detected from the content", "spec: formats"),
    Rule("PR003", E, "a line is longer than the line-length cap", "hardening bound"),
    Rule("PR004", E, "a line is not as wide as its record type", "manual 7.2: record lengths"),
    Rule("PR005", E, "unknown record type", "manual 7.2: record type codes"),
    Rule("PR006", W, "CRLF line ending", "corpus/real/README.md: real producers", strict=E),
    Rule("PR007", W, "the last record has no line ending", "corpus/real/README.md", strict=E),
    Rule("PR008", W, "the last record is not padded to the full width", "corpus/real/README.md",
         strict=E),
    Rule("PR009", W, "trailing blanks of a record were trimmed", "corpus/real/README.md",
         strict=E),
    Rule("PR010", E, "a byte is not a character of the file's encoding", "spec: one byte a column"),
    # -- structure ----------------------------------------------------------------
    Rule("PR201", E, "the file does not start with its header record", "manual 7.2: encabezado"),
    Rule("PR202", E, "a record is out of place in the file's structure", "manual 7.2: structure"),
    Rule("PR203", E, "the file ends before its control record, or leaves a lot open",
         "manual 7.2: control records"),
    Rule("PR204", E, "a record follows the file's control record", "manual 7.2: control last"),
    # -- fields -------------------------------------------------------------------
    Rule("PR101", E, "a numeric field holds something other than digits", "manual 7.2: Núm."),
    Rule("PR102", E, "a date field is not a calendar date AAAAMMDD", "manual 7.2: AAAAMMDD"),
    Rule("PR103", E, "a time field is not a valid HHMM or HHMMSS", "spec decision 4"),
    Rule("PR104", E, "a constant field does not hold its fixed value", "manual 7.2: Valor fijo"),
    Rule("PR105", E, "a reserved or filler field is not blank", "manual 7.2: Reservado, blanco"),
]

RULES: Final = MappingProxyType({rule.code: rule for rule in _RULES})
