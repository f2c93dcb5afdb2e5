"""Every format's declaration, by name: the single source of truth of the library.

Add a format by adding a layout file and one line to :data:`FORMATS`; the codec,
record classes, validation, documentation and strategies follow from it.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

from pse_recon.declaration import (
    FileLayout,
    FlatStructure,
    LotStructure,
    RecordLayout,
    StateStructure,
    Structure,
    record,
)
from pse_recon.layouts.andesco import ANDESCO
from pse_recon.layouts.asobancaria_1998 import ASOBANCARIA_1998
from pse_recon.layouts.asobancaria_2001 import ASOBANCARIA_2001
from pse_recon.layouts.pse import PSE_DETAIL, PSE_SUMMARY

FORMATS: Final = MappingProxyType(
    {
        f.name: f
        for f in (ASOBANCARIA_1998, ASOBANCARIA_2001, ANDESCO, PSE_SUMMARY, PSE_DETAIL)
    }
)


def layout(format_name: str, width: int | None = None) -> FileLayout:
    """The declaration of ``format_name`` (at ``width``, for formats with variants)."""
    try:
        base = FORMATS[format_name]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown format {format_name!r}; known formats: {known}") from None
    return base.with_width(width)


__all__ = [
    "ANDESCO",
    "ASOBANCARIA_1998",
    "ASOBANCARIA_2001",
    "FORMATS",
    "PSE_DETAIL",
    "PSE_SUMMARY",
    "FileLayout",
    "FlatStructure",
    "LotStructure",
    "RecordLayout",
    "StateStructure",
    "Structure",
    "layout",
    "record",
]
