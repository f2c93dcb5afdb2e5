"""Checks of catalog-coded fields, by catalog name (``Field.catalog``).

A layout names a field's catalog; this registry says which values are accepted
without a word and what to report about the others. A new format that uses these
catalogs is validated with no new code; a layout naming a catalog missing here
fails when its validator is compiled (and in the test suite).

A check reports:

* ``PR106`` (error, every occurrence) for a closed list: procedencia de pago,
  medio de pago, tipo de cuenta, modificador de archivo, PSE states;
* ``PR107`` (warning, once per field and code) for a bank the public list does
  not know: the list is not authoritative (spec decision 11);
* ``PR108`` (error) for a PSE bank code that is not a zero-filled 4-digit code;
* ``PR110``/``PR111`` (warnings, errors when strict; once per file) for the habits of
  real producers: ``000`` in ``causal_devolucion``, a bank branch in
  ``codigo_sucursal``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final, Literal

import attrs

from pse_recon import catalogs
from pse_recon.fields import Field

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


def _closed(name: str, values: Callable[[Field], frozenset[str]], allowed: str) -> CatalogCheck:
    return CatalogCheck(
        name, values, lambda f, text: Verdict("PR106", None, {"catalog": name, "allowed": allowed})
    )


def _keys(table: Mapping[str, str], *extra: str) -> Callable[[Field], frozenset[str]]:
    return lambda f: frozenset(code.ljust(f.length) for code in (*table, *extra))


def _transit(f: Field) -> frozenset[str]:
    return frozenset(code[-f.length :] for code in catalogs.BANKS)


def _bank(f: Field) -> frozenset[str]:
    return frozenset(code.zfill(f.length) for code in catalogs.BANKS)


def _judge_bank(f: Field, text: str) -> Verdict:
    code_width = len(next(iter(catalogs.BANKS)))
    if not text.startswith("0" * (f.length - code_width)):
        return Verdict("PR108")
    return Verdict("PR107", "value")


def _cycles(f: Field) -> frozenset[str]:
    return frozenset(str(n).zfill(f.length) for n in range(1, 10))


def _blank(f: Field) -> frozenset[str]:
    return frozenset({" " * f.length})


def _judge_causal(f: Field, text: str) -> Verdict | None:
    # Blank when there is no return; any other code is a return cause (the manual
    # lists none). Some banks write zeros for "no return".
    return Verdict("PR110", "file") if text == "0" * f.length else None


_ALPHANUMERIC = string.ascii_uppercase + string.digits

CHECKS: Final[Mapping[str, CatalogCheck]] = MappingProxyType(
    {
        c.name: c
        for c in (
            _closed("procedencia_pago", _keys(catalogs.PROCEDENCIA_PAGO),
                    ", ".join(catalogs.PROCEDENCIA_PAGO)),
            _closed("medio_pago", _keys(catalogs.MEDIO_PAGO), ", ".join(catalogs.MEDIO_PAGO)),
            _closed("tipo_cuenta", _keys(catalogs.TIPO_CUENTA), ", ".join(catalogs.TIPO_CUENTA)),
            _closed("modificador_archivo", lambda f: frozenset(c.ljust(f.length) for c in _ALPHANUMERIC),
                    "A-Z, 0-9"),
            _closed("pse_state", _keys(catalogs.PSE_STATES), ", ".join(catalogs.PSE_STATES)),
            _closed("pse_total_state", _keys(catalogs.PSE_STATES, catalogs.PSE_GRAND_TOTAL_STATE),
                    ", ".join((*catalogs.PSE_STATES, catalogs.PSE_GRAND_TOTAL_STATE))),
            CatalogCheck("transit_code", _transit, lambda f, text: Verdict("PR107", "value"), True),
            CatalogCheck("bank_code", _bank, _judge_bank, True),
            CatalogCheck("pse_cycle", _cycles, lambda f, text: Verdict("PR111", "file"), True),
            CatalogCheck("causal_devolucion", _blank, _judge_causal, True),
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
            f"field {f.name} names catalog {f.catalog!r}, which pse_recon.validation.catalogs "
            "does not check; add it to CHECKS"
        ) from None
