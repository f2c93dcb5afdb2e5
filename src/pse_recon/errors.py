"""Every exception pse_recon raises on purpose: few, in one module, all exported by
:mod:`pse_recon`, each carrying what the caller needs.

One constructor shape: ``SomeError(what, *, detail=..., ...)``. The one positional
argument says what is wrong: in words (kept as ``reason`` where the message is
composed from the details, as :class:`EncodeError`'s ``record 06, field x: …``), or,
for :class:`ReadError`, as the findings that say it. Every other argument is
keyword-only and kept as the attribute of its name. A field is named by ``field``,
``None`` when the error is not one field's.

Errors are values: two of the same class, words and details are equal, and every
error pickles and unpickles equal (for worker processes and distributed runs), its
details (a ReadError's findings) included, whatever its constructor takes: pickling
stores the state, not the constructor's arguments.

Exceptions that never leave the library are not here: the reader's and the
reporter's signals (``codec.reader.Refused``, a ReadError that ``read`` turns into
the validator's, and ``reporting.Stop``), and the command line's (``UsageError``,
``StandardOutputError``, ``cli.inputs.Refused``), which it turns into exit statuses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pse_recon.findings import Finding
from pse_recon.money import shown

if TYPE_CHECKING:
    from pse_recon.model import Transaction

__all__ = [
    "ArchiveError",
    "EncodeError",
    "GenerateError",
    "InputError",
    "JsonError",
    "OutputError",
    "PseReconError",
    "ReadError",
    "ReconcileError",
]


def _restored(cls: type[PseReconError], args: tuple[Any, ...], state: dict[str, Any]) -> PseReconError:
    """An error made again from its state, its constructor bypassed (see the module)."""
    error = cls.__new__(cls, *args)
    builtin: Any = next(k for k in cls.__mro__ if k.__module__ == "builtins")
    builtin.__init__(error, *args)  # args; an OSError's errno, strerror and filename
    error.__dict__.update(state)
    return error


class PseReconError(Exception):
    """Base of every error pse_recon raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        args = self.args
        if isinstance(self, OSError) and self.filename is not None:
            args = (self.errno, self.strerror, self.filename)
        return _restored, (type(self), args, dict(self.__dict__))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return bool(self.__reduce__()[1] == other.__reduce__()[1])

    def __hash__(self) -> int:
        return hash((type(self), str(self)))


class EncodeError(PseReconError, ValueError):
    """A value cannot be written without truncating, rounding or corrupting it.

    ``field`` is None when the record as a whole cannot be written (another format's
    record in a file, a line that cannot be encoded).
    """

    def __init__(self, reason: str, *, record_type: str, field: str | None, value: Any) -> None:
        self.record_type = record_type
        self.field = field
        self.value = value
        self.reason = reason
        where = f"record {record_type}" + (f", field {field}" if field is not None else "")
        super().__init__(f"{where}: {shown(value)} {reason}")


class ReadError(PseReconError, ValueError):
    """A file cannot be read into typed records; ``findings`` say where and why.

    Use :func:`pse_recon.validate` to get every finding of a file instead of the
    first that stops reading.
    """

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        if not self.findings:  # what stops reading is always said (a crash was once made so)
            raise ValueError("a ReadError needs at least one finding")
        first = self.findings[0]
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

    def __init__(self, message: str, *, errno: int, filename: str, reason: str) -> None:
        super().__init__(errno, message, filename)
        self.reason = reason


class ArchiveError(PseReconError, OSError):
    """A source is compressed or archived in a way that cannot be read: a corrupt or
    truncated gzip or zip, a zip of several files, an encrypted member, another
    compression (bzip2, xz …), or more bytes once unpacked than the bound
    (:mod:`pse_recon.codec.sources`).

    An OSError, like gzip's own ``BadGzipFile``: the text of the file could not be
    reached, so there is no finding to report. ``name`` is the source's name (empty
    for bytes), ``problem`` names the case and :meth:`reason` says why in English or
    Spanish (``reasons``; the positional words are the English ones).
    """

    def __init__(
        self, message: str, *, name: str, problem: str, reasons: Mapping[str, str] | None = None
    ) -> None:
        self.name = name
        self.problem = problem
        self.reasons = {"en": message, **(reasons or {})}
        super().__init__(f"{name}: {message}" if name else message)

    def reason(self, lang: str = "en") -> str:
        """Why, without the name, in ``lang`` (``en`` or ``es``)."""
        return self.reasons.get(lang, self.reasons["en"])


class InputError(PseReconError, ValueError):
    """An input file (transactions, expected payments) cannot be used.

    ``where`` is ``"path, line 3, column amount"``-like; the message starts with it.
    """

    def __init__(self, reason: str, *, where: str = "") -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}" if where else reason)


class JsonError(PseReconError, ValueError):
    """JSON text that is not accepted (:func:`pse_recon.generator.strict_json.loads`);
    ``line`` and ``column`` (from 1) say where."""

    def __init__(self, reason: str, *, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.reason = reason
        super().__init__(f"line {line}, column {column}: {reason}")

    @classmethod
    def at(cls, text: str, position: int, reason: str) -> JsonError:
        """The error at character ``position`` of ``text``."""
        line = text.count("\n", 0, position) + 1
        return cls(reason, line=line, column=position - text.rfind("\n", 0, position))


class GenerateError(PseReconError, ValueError):
    """A collection cannot be written in the format asked for.

    ``field`` names the field whose value does not fit (None when the problem is not
    one field's, e.g. a collection with two accounts for a one-account format) and
    ``transaction`` the payment it came from, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        record_type: str | None = None,
        transaction: Transaction | None = None,
    ) -> None:
        self.field = field
        self.record_type = record_type
        self.transaction = transaction
        super().__init__(message)


class ReconcileError(PseReconError, ValueError):
    """A file cannot be reconciled: it has no per-payment lines (``pse-summary``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
