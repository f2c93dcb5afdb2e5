"""Catalog checks: what a field's ``catalog`` means, by catalog name (``Field.catalog``).

A layout names a field's catalog, as it names its kind; :data:`pse_recon.catalogs.CATALOGS`
says which codes it holds, and this registry says what to report about the others.
A new format that uses these catalogs is validated with no new code; a layout
naming a catalog missing here fails when its plan is made (reading, writing or
validating with it; and in the test suite).

A check reports:

* ``PR106`` (error, every occurrence) for a closed list: procedencia de pago,
  medio de pago, tipo de cuenta, modificador de archivo, PSE states;
* ``PR107`` (warning, once per field and code) for a bank the public list does
  not know: the list is not authoritative (spec decision 11);
* ``PR108`` (warning, an error in the ``manual`` profile) for a PSE bank code that is
  not a zero-filled 4-digit code (the bank list is unofficial);
* ``PR110``/``PR111`` (warnings, errors when strict; once per file) for the habits of
  real producers: ``000`` in ``causal_devolucion``, a bank branch in
  ``codigo_sucursal``;
* ``PR113`` (warning, once per code) for a return cause the public list does not know;
* ``PR118`` (warning, an error in the ``manual`` profile) for a grand-total line of
  pse-detail whose state is not :data:`~pse_recon.catalogs.PSE_GRAND_TOTAL_STATE`:
  no public source gives the code (spec decision 14), so it is taken for the grand
  total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final, Literal

import attrs

from pse_recon import catalogs
from pse_recon.declaration.fields import Field

Once = Literal["file", "value"] | None


@attrs.frozen
class Verdict:
    """What to report about a value outside the accepted set.

    ``once``: ``"file"`` reports the rule once per file and field, ``"value"`` once
    per field and value, None every time.
    """

    code: str
    once: Once = None
    params: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class CatalogCheck:
    """``accepted(field)``: the field texts (full width) accepted silently;
    ``judge(field, text)``: the verdict on any other text, or None to accept it.
    ``learnable``: whether some value outside ``accepted`` can be silent after a
    first report (a once-per-file or once-per-value verdict, or None), so the
    validator's fast path may learn it.
    """

    name: str
    accepted: Callable[[Field], frozenset[str]]
    judge: Callable[[Field, str], Verdict | None]
    learnable: bool = False


def accepted(f: Field) -> frozenset[str]:
    """The catalog's codes as the field's full-width text (text codes space-padded)."""
    assert f.catalog is not None
    return frozenset(code.ljust(f.length) for code in catalogs.catalog(f.catalog).codes(f.length))


def _closed(name: str, allowed: str | None = None) -> CatalogCheck:
    """A closed list: anything else is an error, every time."""

    def judge(f: Field, text: str) -> Verdict:
        listed = allowed or ", ".join(catalogs.catalog(name).codes(f.length))
        return Verdict("PR106", None, {"catalog": name, "allowed": listed})

    return CatalogCheck(name, accepted, judge)


def _judge_bank(f: Field, text: str) -> Verdict:
    code_width = len(next(iter(catalogs.BANKS)))
    if not text.startswith("0" * (f.length - code_width)):
        return Verdict("PR108")
    return Verdict("PR107", "value")


def _judge_causal(f: Field, text: str) -> Verdict | None:
    # Blank when there is no return, else a known cheque-return cause. Some banks
    # write zeros for "no return" (PR110); other codes may be causes the public list
    # lacks (PR113, a warning). Blank or digits is the field's kind (PR112).
    if text == catalogs.NO_RETURN_ZEROS.zfill(f.length):
        return Verdict("PR110", "file")
    return Verdict("PR113", "value")


CHECKS: Final[Mapping[str, CatalogCheck]] = MappingProxyType(
    {
        c.name: c
        for c in (
            _closed("procedencia_pago"),
            _closed("medio_pago"),
            _closed("tipo_cuenta"),
            _closed("modificador_archivo", "A-Z, 0-9"),
            _closed("pse_state"),
            CatalogCheck("pse_total_state", accepted, lambda f, text: Verdict(
                "PR118", None, {"expected": catalogs.PSE_GRAND_TOTAL_STATE})),
            CatalogCheck("transit_code", accepted, lambda f, text: Verdict("PR107", "value"), True),
            CatalogCheck("bank_code", accepted, _judge_bank, True),
            CatalogCheck("pse_cycle", accepted, lambda f, text: Verdict("PR111", "file"), True),
            CatalogCheck("causal_devolucion", accepted, _judge_causal, True),
        )
    }
)


def check_for(f: Field) -> CatalogCheck | None:
    """The check of ``f``'s catalog; LookupError for a catalog nobody implemented."""
    if f.catalog is None:
        return None
    try:
        return CHECKS[f.catalog]
    except KeyError:
        raise LookupError(
            f"field {f.name} names catalog {f.catalog!r}, which pse_recon.declaration.catalogs "
            "does not check; add it to CHECKS"
        ) from None
