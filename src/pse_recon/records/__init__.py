"""Record classes and file objects, all derived from the layouts.

``record_classes("asobancaria-2001")["06"]`` is the 2001 detail class; the same
classes are importable by name from the per-format modules, e.g.
``from pse_recon.records.asobancaria_2001 import Detail``.
"""

from pse_recon.records.base import Record
from pse_recon.records.factory import record_classes
from pse_recon.records.files import File, FlatFile, Lot, LotFile, PseFile

__all__ = ["File", "FlatFile", "Lot", "LotFile", "PseFile", "Record", "record_classes"]
