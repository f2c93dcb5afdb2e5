"""Record classes of ``asobancaria-1998``, derived from its layout."""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes

_classes = record_classes("asobancaria-1998")

Header: type[Record] = _classes["01"]
Detail: type[Record] = _classes["02"]
Totals: type[Record] = _classes["09"]

__all__ = ["Detail", "Header", "Totals"]
