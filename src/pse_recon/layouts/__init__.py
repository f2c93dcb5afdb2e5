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


def layout(format: str | FileLayout, width: int | None = None) -> FileLayout:
    """The declaration of the format named ``format`` (at ``width``, for formats with
    variants; the standard width by default); a layout given is taken as it is, or at
    ``width``."""
    if isinstance(format, FileLayout):
        return format if width is None else format.with_width(width)
    try:
        base = FORMATS[format]
    except (KeyError, TypeError):
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown format {format!r}; known formats: {known}") from None
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
