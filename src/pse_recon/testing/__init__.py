"""Hypothesis strategies derived from the layouts, for property tests of pse_recon and
of code that consumes its files.

Needs the ``testing`` extra (``pip install 'pse-recon[testing]'``); importing
:mod:`pse_recon` itself never imports hypothesis.

    >>> from hypothesis import given
    >>> from pse_recon.testing import files
    >>> @given(files("asobancaria-2001", 150))
    ... def test_my_importer(f): ...

:mod:`pse_recon.testing.records` holds the strategies of the file formats (field
values, records, files, file bytes); strategies of the domain model live beside it,
in :mod:`pse_recon.testing.model`.
"""

from pse_recon.testing.model import (
    MAX_AMOUNT,
    accounts,
    banks,
    collections,
    companies,
    cycles,
    nits,
    service_codes,
    services,
    transactions,
)
from pse_recon.testing.records import (
    MAX_LOTS,
    MAX_YEAR,
    MIN_YEAR,
    TEXT_ALPHABET,
    catalog_values,
    field_values,
    file_bytes,
    files,
    records,
)

__all__ = [
    "MAX_AMOUNT",
    "MAX_LOTS",
    "MAX_YEAR",
    "MIN_YEAR",
    "TEXT_ALPHABET",
    "accounts",
    "banks",
    "catalog_values",
    "collections",
    "companies",
    "cycles",
    "field_values",
    "file_bytes",
    "files",
    "nits",
    "records",
    "service_codes",
    "services",
    "transactions",
]
