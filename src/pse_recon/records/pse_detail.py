"""Record classes of ``pse-detail``, derived from its layout."""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes

_classes = record_classes("pse-detail")

Header: type[Record] = _classes["1"]
Transaction: type[Record] = _classes["2"]
StateTotals: type[Record] = _classes["3"]

__all__ = ["Header", "StateTotals", "Transaction"]
