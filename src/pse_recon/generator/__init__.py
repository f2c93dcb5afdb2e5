"""Generating collection files from the domain model, and reading the model from
CSV or JSON (what ``pse-recon generate`` does).

    >>> from pse_recon.generator import Collection, generate
    >>> f = generate("asobancaria-2001", Collection(company=..., cycle=..., transactions=[...]))

What a :class:`Collection` is made of (company, cycle, services, accounts, banks,
transactions) is importable from here too. See ``docs/generating.md`` for what goes
in each field and the input schemas.
"""

from pse_recon.errors import GenerateError, InputError
from pse_recon.generator.core import (
    DEFAULT_MODIFIER,
    RECAUDO_FORMATS,
    generate,
    payment_reference,
)
from pse_recon.model import (
    Bank,
    CollectingAccount,
    Collection,
    Company,
    Cycle,
    PseState,
    Service,
    Transaction,
)

__all__ = [
    "DEFAULT_MODIFIER",
    "RECAUDO_FORMATS",
    "Bank",
    "CollectingAccount",
    "Collection",
    "Company",
    "Cycle",
    "GenerateError",
    "InputError",
    "PseState",
    "Service",
    "Transaction",
    "generate",
    "payment_reference",
]
