"""Record classes of ``pse-summary``, derived from its layout."""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes

_classes = record_classes("pse-summary")

Header: type[Record] = _classes["1"]
BankStateTotals: type[Record] = _classes["2"]
StateTotals: type[Record] = _classes["3"]

__all__ = ["BankStateTotals", "Header", "StateTotals"]
