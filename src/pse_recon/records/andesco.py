"""Record classes of ``andesco``, derived from its layout."""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes

_classes = record_classes("andesco")

FileHeader: type[Record] = _classes["01"]
LotHeader: type[Record] = _classes["05"]
Detail: type[Record] = _classes["06"]
LotControl: type[Record] = _classes["08"]
FileControl: type[Record] = _classes["09"]

__all__ = ["Detail", "FileControl", "FileHeader", "LotControl", "LotHeader"]
