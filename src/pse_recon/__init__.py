"""pse_recon: exact reading, writing and checking of Colombian payment collection
files (Asobancaria 1998 and 2001, Andesco, ACH Colombia PSE conciliation).

    >>> import pse_recon
    >>> f = pse_recon.read("recaudo.txt")          # format detected
    >>> f.format, len(f.details), f.total
"""

from pse_recon.codec.builder import build, rebuild
from pse_recon.codec.reader import detect, iter_records, read
from pse_recon.codec.writer import dumps, encode_record, write
from pse_recon.columnar import Tables, read_table
from pse_recon.errors import ArchiveError, EncodeError, OutputError, PseReconError, ReadError
from pse_recon.findings import Finding, Severity
from pse_recon.generator import Collection, GenerateError, generate
from pse_recon.layouts import FORMATS, layout
from pse_recon.reconciliation import ExpectedPayment, Reconciliation, reconcile
from pse_recon.records import File, FlatFile, Lot, LotFile, PseFile, Record, record_classes
from pse_recon.validation import Report, Summary, validate

__version__ = "0.1.0"

__all__ = [
    "FORMATS",
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
    "PseFile",
    "PseReconError",
    "ReadError",
    "Reconciliation",
    "Record",
    "Report",
    "Severity",
    "Summary",
    "Tables",
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
