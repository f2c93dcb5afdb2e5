"""What :func:`pse_recon.validate` returns: the findings and a summary of the file."""

from __future__ import annotations

from decimal import Decimal

import attrs

from pse_recon.declaration import FileLayout
from pse_recon.findings import Finding, Severity


@attrs.frozen
class Summary:
    """What the file holds, as its details say (not as its controls claim).

    ``lots``: lot headers (0 for formats without lots); ``details``: detail records
    (PSE: type-2 lines); ``total``: the sum of the details' amounts (PSE: of all
    type-2 lines). An amount that cannot be read is left out of ``total``.
    """

    lots: int
    details: int
    total: Decimal


@attrs.frozen
class Report:
    """The verdict on one file.

    ``findings`` are in line order, with messages in the language asked for; at most
    ``max_findings`` are kept, the rest are counted in ``left_out`` (and, for
    :attr:`valid`, ``left_out_errors``). ``layout`` is the layout the file was validated
    against (None when no format was detected); ``format`` and ``width`` are its name
    and width.
    """

    format: str | None
    width: int | None
    strict: bool
    findings: tuple[Finding, ...]
    summary: Summary
    left_out: int = 0
    left_out_errors: int = 0
    layout: FileLayout | None = attrs.field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        """No finding of error severity, counting those left out."""
        return self.left_out_errors == 0 and not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)
