"""Record classes of ``asobancaria-1998``, derived from its layout. Type checkers
see their fields in the stub beside this module (``asobancaria_1998.pyi``, ADR 0014).
"""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import FlatFile

_classes = record_classes("asobancaria-1998")

Header: type[Record] = _classes["01"]
Detail: type[Record] = _classes["02"]
Totals: type[Record] = _classes["09"]

#: A file of this format (what ``read(..., format=...)`` gives).
File = FlatFile[Header, Detail, Totals]

__all__ = ["Detail", "File", "Header", "Totals"]
