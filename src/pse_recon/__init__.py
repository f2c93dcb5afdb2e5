"""pse_recon: exact reading, writing and checking of Colombian payment collection
files (Asobancaria 1998 and 2001, Andesco, ACH Colombia PSE conciliation).

    >>> import pse_recon
    >>> f = pse_recon.read("recaudo.txt")          # format detected
    >>> f.format, len(f.details), f.total

Everything a caller needs is importable from here: the functions, what they take
(a format's name or its :class:`FileLayout`; a :class:`Collection` and the model it
is made of) and give (files, records, reports, reconciliations), and every error
they raise (:mod:`pse_recon.errors`).
"""

from pse_recon.codec.builder import build, rebuild
from pse_recon.codec.reader import detect, iter_records, read
from pse_recon.codec.writer import dumps, encode_record, write
from pse_recon.declaration import FileLayout, RecordLayout
from pse_recon.errors import (
    ArchiveError,
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

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
    "ArchiveError",
    "Bank",
    "CollectingAccount",
    "Collection",
    "Company",
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
    "Service",
    "Severity",
    "Status",
    "Summary",
    "Transaction",
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
