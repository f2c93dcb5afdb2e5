"""The in-memory domain model: banks, companies, services, cycles, transactions, and
the collection of a cycle that :func:`pse_recon.generate` writes.

Frozen attrs classes checked when built, so a value that exists is a valid one.
Each error names ``Class.attribute``; wrong types raise TypeError, wrong values
ValueError (unknown catalog codes in the ``from_*`` lookups raise KeyError).
"""

from pse_recon.model.collection import Collection
from pse_recon.model.entities import Bank, CollectingAccount, Company, Cycle, Service
from pse_recon.model.identifiers import (
    DIAN_WEIGHTS,
    ean13_check_digit,
    ean13_is_valid,
    nit_check_digit,
)
from pse_recon.model.transactions import PseState, Transaction

__all__ = [
    "DIAN_WEIGHTS",
    "Bank",
    "CollectingAccount",
    "Collection",
    "Company",
    "Cycle",
    "PseState",
    "Service",
    "Transaction",
    "ean13_check_digit",
    "ean13_is_valid",
    "nit_check_digit",
]
