"""The exceptions of the library: few, and each carries what the caller needs."""

from __future__ import annotations

from typing import Any

from pse_recon.findings import Finding
from pse_recon.money import shown


class PseReconError(Exception):
    """Base of every error pse_recon raises on purpose."""


class EncodeError(PseReconError, ValueError):
    """A value cannot be written without truncating, rounding or corrupting it."""

    def __init__(self, record_type: str, field: str, value: Any, reason: str) -> None:
        self.record_type = record_type
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"record {record_type}, field {field}: {shown(value)} {reason}")


class ReadError(PseReconError, ValueError):
    """A file cannot be read into typed records; ``findings`` say where and why.

    Use :func:`pse_recon.validate` to get every finding of a file instead of the
    first that stops reading.
    """

    def __init__(self, findings: list[Finding]) -> None:
        if not findings:  # what stops reading is always said (a crash was once made so)
            raise ValueError("a ReadError needs at least one finding")
        self.findings = findings
        first = findings[0]
        where = f"line {first.line}" + (f", column {first.column}" if first.column else "")
        field = f", field {first.field}" if first.field else ""
        super().__init__(f"{where}{field}: {first.code} {first.message}")


class OutputError(PseReconError, OSError):
    """An output refused by :func:`pse_recon.output.write_file`: writing it would
    destroy what it names, or it names no file.

    An ``OSError`` too (``errno``, ``filename``), so ``except OSError`` sees it; ``reason``
    is a stable word for messages: ``empty``, ``folder_name``, ``symlink``, ``socket``,
    ``block_device``, ``read_only``, ``not_a_file``.
    """

    def __init__(self, code: int, message: str, filename: str, reason: str) -> None:
        super().__init__(code, message, filename)
        self.reason = reason


class ArchiveError(PseReconError, OSError):
    """A source is compressed or archived in a way that cannot be read: a corrupt or
    truncated gzip or zip, a zip of several files, an encrypted member, another
    compression (bzip2, xz …), or more bytes once unpacked than the bound
    (:mod:`pse_recon.codec.sources`).

    An OSError, like gzip's own ``BadGzipFile``: the text of the file could not be
    reached, so there is no finding to report. ``name`` is the source's name (empty
    for bytes), ``problem`` names the case and :meth:`reason` says why in English or
    Spanish.
    """

    def __init__(self, name: str, problem: str, reasons: dict[str, str]) -> None:
        self.name = name
        self.problem = problem
        self.reasons = reasons
        super().__init__(f"{name}: {reasons['en']}" if name else reasons["en"])

    def reason(self, lang: str = "en") -> str:
        """Why, without the name, in ``lang`` (``en`` or ``es``)."""
        return self.reasons.get(lang, self.reasons["en"])
