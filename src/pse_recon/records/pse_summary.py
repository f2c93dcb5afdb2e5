"""Record classes of ``pse-summary``, derived from its layout. Type checkers
see their fields in the stub beside this module (``pse_summary.pyi``, ADR 0014).
"""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import PseFile

_classes = record_classes("pse-summary")

Header: type[Record] = _classes["1"]
BankStateTotals: type[Record] = _classes["2"]
StateTotals: type[Record] = _classes["3"]

#: A file of this format (what ``read(..., format=...)`` gives).
File = PseFile[Header, BankStateTotals, StateTotals]

__all__ = ["BankStateTotals", "File", "Header", "StateTotals"]
