"""Record classes of ``andesco``, derived from its layout. Type checkers
see their fields in the stub beside this module (``andesco.pyi``, ADR 0014).
"""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import Lot as _Lot
from pse_recon.records.files import LotFile

_classes = record_classes("andesco")

FileHeader: type[Record] = _classes["01"]
LotHeader: type[Record] = _classes["05"]
Detail: type[Record] = _classes["06"]
LotControl: type[Record] = _classes["08"]
FileControl: type[Record] = _classes["09"]

#: A lot of this format, and a file of it (what ``read(..., format=...)`` gives).
Lot = _Lot[LotHeader, Detail, LotControl]
File = LotFile[FileHeader, LotHeader, Detail, LotControl, FileControl]

__all__ = ["Detail", "File", "FileControl", "FileHeader", "Lot", "LotControl", "LotHeader"]
