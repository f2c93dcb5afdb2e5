"""pse_recon: exact reading, writing and checking of Colombian payment collection
files (Asobancaria 1998 and 2001, Andesco, ACH Colombia PSE conciliation).

    >>> import pse_recon
    >>> f = pse_recon.read("recaudo.txt")          # format detected
    >>> f.format, len(f.details), f.total

Everything a caller needs is importable from here: the functions, what they take
(a format's name or its :class:`FileLayout`; a :class:`Collection` and the model it
is made of; the :class:`Rules` of a profile) and give (files, records, reports,
reconciliations), and every error they raise (:mod:`pse_recon.errors`).

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
    "pse_recon.columnar": ("Tables", "read_table"),
    "pse_recon.declaration": ("FileLayout", "RecordLayout"),
    "pse_recon.errors": (
        "ArchiveError", "ConfigError", "EncodeError", "GenerateError", "InputError", "JsonError",
        "OutputError", "PseReconError", "ReadError", "ReconcileError",
    ),
    "pse_recon.findings": ("Finding", "Severity"),
    "pse_recon.generator": ("generate",),
    "pse_recon.layouts": ("FORMATS", "layout"),
    "pse_recon.model": (
        "Bank", "CollectingAccount", "Collection", "Company", "Cycle", "PseState", "Service",
        "Transaction",
    ),
    "pse_recon.profiles": ("PROFILES", "Profile", "Rules"),
    "pse_recon.reconciliation": (
        "ExpectedPayment", "Item", "Payment", "Reconciliation", "ReconciliationSummary", "Status",
        "reconcile",
    ),
    "pse_recon.records": ("File", "FlatFile", "Lot", "LotFile", "PseFile", "Record", "record_classes"),
    "pse_recon.validation": ("Report", "Summary", "validate"),
}
_WHERE = {name: module for module, names in _API.items() for name in names}

#: The public API (what _API says, checked by the test suite).
__all__ = [
    "FORMATS",
    "PROFILES",
    "ArchiveError",
    "Bank",
    "CollectingAccount",
    "Collection",
    "Company",
    "ConfigError",
    "Cycle",
    "EncodeError",
    "ExpectedPayment",
    "File",
    "FileLayout",
    "Finding",
    "FlatFile",
    "GenerateError",
    "InputError",
    "Item",
    "JsonError",
    "Lot",
    "LotFile",
    "OutputError",
    "Payment",
    "Profile",
    "PseFile",
    "PseReconError",
    "PseState",
    "ReadError",
    "ReconcileError",
    "Reconciliation",
    "ReconciliationSummary",
    "Record",
    "RecordLayout",
    "Report",
    "Rules",
    "Service",
    "Severity",
    "Status",
    "Summary",
    "Tables",
    "Transaction",
    "build",
    "detect",
    "dumps",
    "encode_record",
    "generate",
    "iter_records",
    "layout",
    "read",
    "read_table",
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
    from pse_recon.columnar import Tables, read_table
    from pse_recon.declaration import FileLayout, RecordLayout
    from pse_recon.errors import (
        ArchiveError,
        ConfigError,
        EncodeError,
        GenerateError,
        InputError,
        JsonError,
        OutputError,
        PseReconError,
        ReadError,
        ReconcileError,
    )
    from pse_recon.findings import Finding, Severity
    from pse_recon.generator import generate
    from pse_recon.layouts import FORMATS, layout
    from pse_recon.model import (
        Bank,
        CollectingAccount,
        Collection,
        Company,
        Cycle,
        PseState,
        Service,
        Transaction,
    )
    from pse_recon.profiles import PROFILES, Profile, Rules
    from pse_recon.reconciliation import (
        ExpectedPayment,
        Item,
        Payment,
        Reconciliation,
        ReconciliationSummary,
        Status,
        reconcile,
    )
    from pse_recon.records import File, FlatFile, Lot, LotFile, PseFile, Record, record_classes
    from pse_recon.validation import Report, Summary, validate
