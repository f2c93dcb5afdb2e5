"""pse_recon: exact reading, writing and checking of Colombian payment collection
files (Asobancaria 1998 and 2001, Andesco, ACH Colombia PSE conciliation).

    >>> import pse_recon
    >>> f = pse_recon.read("recaudo.txt")          # format detected
    >>> f.format, len(f.details), f.total

The API is imported when first used (a module ``__getattr__``): ``import pse_recon``
and the command line's ``--help`` stay fast, and a program pays only for what it uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: Where each public name lives, by module: imported on first use.
_API = {
    "pse_recon.codec.builder": ("build", "rebuild"),
    "pse_recon.codec.reader": ("detect", "iter_records", "read"),
    "pse_recon.codec.writer": ("dumps", "encode_record", "write"),
    "pse_recon.errors": ("ArchiveError", "EncodeError", "OutputError", "PseReconError", "ReadError"),
    "pse_recon.findings": ("Finding", "Severity"),
    "pse_recon.generator": ("Collection", "GenerateError", "generate"),
    "pse_recon.layouts": ("FORMATS", "layout"),
    "pse_recon.profiles": ("PROFILES", "Profile", "Rules"),
    "pse_recon.reconciliation": ("ExpectedPayment", "Reconciliation", "reconcile"),
    "pse_recon.records": ("File", "FlatFile", "Lot", "LotFile", "PseFile", "Record", "record_classes"),
    "pse_recon.validation": ("Report", "Summary", "validate"),
}
_WHERE = {name: module for module, names in _API.items() for name in names}

#: The public API (what _API says, checked by the test suite).
__all__ = [
    "FORMATS",
    "PROFILES",
    "ArchiveError",
    "Collection",
    "EncodeError",
    "ExpectedPayment",
    "File",
    "Finding",
    "FlatFile",
    "GenerateError",
    "Lot",
    "LotFile",
    "OutputError",
    "Profile",
    "PseFile",
    "PseReconError",
    "ReadError",
    "Reconciliation",
    "Record",
    "Report",
    "Rules",
    "Severity",
    "Summary",
    "build",
    "detect",
    "dumps",
    "encode_record",
    "generate",
    "iter_records",
    "layout",
    "read",
    "rebuild",
    "reconcile",
    "record_classes",
    "validate",
    "write",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'pse_recon' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


if TYPE_CHECKING:  # what type checkers and editors see: the names, eagerly
    from pse_recon.codec.builder import build, rebuild
    from pse_recon.codec.reader import detect, iter_records, read
    from pse_recon.codec.writer import dumps, encode_record, write
    from pse_recon.errors import ArchiveError, EncodeError, OutputError, PseReconError, ReadError
    from pse_recon.findings import Finding, Severity
    from pse_recon.generator import Collection, GenerateError, generate
    from pse_recon.layouts import FORMATS, layout
    from pse_recon.profiles import PROFILES, Profile, Rules
    from pse_recon.reconciliation import ExpectedPayment, Reconciliation, reconcile
    from pse_recon.records import File, FlatFile, Lot, LotFile, PseFile, Record, record_classes
    from pse_recon.validation import Report, Summary, validate
