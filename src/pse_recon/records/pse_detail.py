"""Record classes of ``pse-detail``, derived from its layout. Type checkers
see their fields in the stub beside this module (``pse_detail.pyi``, ADR 0014).
"""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import PseFile

_classes = record_classes("pse-detail")

Header: type[Record] = _classes["1"]
Transaction: type[Record] = _classes["2"]
StateTotals: type[Record] = _classes["3"]

#: A file of this format (what ``read(..., format=...)`` gives).
File = PseFile[Header, Transaction, StateTotals]

__all__ = ["File", "Header", "StateTotals", "Transaction"]
