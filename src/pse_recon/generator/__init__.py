"""Generating collection files from the domain model, and reading the model from
CSV or JSON (what ``pse-recon generate`` does).

    >>> from pse_recon.generator import Collection, generate
    >>> f = generate("asobancaria-2001", Collection(company=..., cycle=..., transactions=[...]))

See ``docs/generating.md`` for what goes in each field and the input schemas.
"""

from pse_recon.generator.core import (
    DEFAULT_MODIFIER,
    RECAUDO_FORMATS,
    Collection,
    GenerateError,
    generate,
    payment_reference,
)

__all__ = [
    "DEFAULT_MODIFIER",
    "RECAUDO_FORMATS",
    "Collection",
    "GenerateError",
    "generate",
    "payment_reference",
]
