"""Check digits of the identifiers that appear in collection files.

A NIT (Número de Identificación Tributaria) carries a DIAN check digit (dígito de
verificación, DV): Asobancaria 2001 headers write the NIT and its DV together, so a
wrong DV means a mistyped company. Service codes are often EAN-13 barcodes (GS1
Colombia numbers start with 770), whose last digit is a GS1 check digit.
"""

from __future__ import annotations

from typing import Final

from pse_recon.model._checks import is_ascii_digits

__all__ = [
    "DIAN_WEIGHTS",
    "ean13_check_digit",
    "ean13_is_valid",
    "nit_check_digit",
]

#: DIAN's weights, applied to the NIT's digits from the rightmost one leftwards.
DIAN_WEIGHTS: Final = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(nit: str) -> str:
    """The DIAN check digit of ``nit`` (1 to 15 digits, without its DV).

    Sum of digit × weight, modulo 11; a remainder of 0 or 1 is the digit itself,
    any other remainder r gives 11 - r.
    """
    if not isinstance(nit, str):
        raise TypeError(f"nit must be a str, got {type(nit).__name__}: {nit!r}")
    if not is_ascii_digits(nit) or len(nit) > len(DIAN_WEIGHTS):
        raise ValueError(f"nit must be 1 to {len(DIAN_WEIGHTS)} digits, got {nit!r}")
    total = sum(int(d) * w for d, w in zip(reversed(nit), DIAN_WEIGHTS, strict=False))
    remainder = total % 11
    return str(remainder if remainder < 2 else 11 - remainder)


def ean13_check_digit(first12: str) -> str:
    """The GS1 check digit for the first 12 digits of an EAN-13.

    Weights alternate 1, 3 from the left; the check digit brings the sum to a
    multiple of 10.
    """
    if not isinstance(first12, str):
        raise TypeError(f"first12 must be a str, got {type(first12).__name__}: {first12!r}")
    if not is_ascii_digits(first12) or len(first12) != 12:
        raise ValueError(f"first12 must be exactly 12 digits, got {first12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str(-total % 10)


def ean13_is_valid(code: str) -> bool:
    """Whether ``code`` is 13 ASCII digits whose last one is the right check digit."""
    if not isinstance(code, str):
        raise TypeError(f"code must be a str, got {type(code).__name__}: {code!r}")
    if len(code) != 13 or not is_ascii_digits(code):
        return False
    return ean13_check_digit(code[:12]) == code[12]
