"""Findings: what is wrong (or unusual) in a file, as data.

A finding is a frozen value with the exact place (line, columns, record type,
field), a stable rule code from :mod:`pse_recon.rules` and a message. Readers and
validators return findings; they never report problems as strings or by raising.
"""

from __future__ import annotations

from enum import StrEnum

import attrs


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Finding:
    """One problem at one place. Columns are 1-based and inclusive; 0 when unknown."""

    line: int
    column: int
    end_column: int
    record: str | None
    field: str | None
    code: str
    severity: Severity
    message: str
    text: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
