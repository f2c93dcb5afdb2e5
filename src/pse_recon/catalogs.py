"""Code tables of the manual and of the spec's decisions, as plain data.

One place for every code list, so the validator, the domain model, the generator
and the documentation all agree. Texts are the manual's own (Spanish); keys are the
codes exactly as written in the files.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

# Spec decision 7: Asobancaria catalog of payment origins; PSE writes 99.
PROCEDENCIA_PAGO: Final = MappingProxyType(
    {
        "01": "Bancos",
        "02": "Corporación de Ahorro y Vivienda",
        "03": "ACH Colombia",
        "04": "Ascredibanco",
        "05": "ATH",
        "06": "CENIT",
        "07": "Red Multicolor",
        "08": "Servibanca",
        "99": "PSE",
    }
)
PROCEDENCIA_PSE: Final = "99"
PROCEDENCIA_1998: Final = "06"

# Spec decision 8: payment means; PSE writes 15 (débito en cuenta por internet).
MEDIO_PAGO: Final = MappingProxyType(
    {
        "01": "Efectivo por ventanilla",
        "02": "Cheque por ventanilla",
        "03": "Buzón de autoservicio",
        "11": "Débito en cuenta por audiorespuesta",
        "12": "Débito en cuenta por cajero",
        "13": "Débito en cuenta por datáfono",
        "14": "Débito en cuenta por domiciliación",
        "15": "Débito en cuenta por internet",
        "21": "Tarjeta de crédito por audiorespuesta",
        "22": "Tarjeta de crédito por cajero",
        "23": "Tarjeta de crédito por datáfono",
        "24": "Tarjeta de crédito por domiciliación",
        "25": "Tarjeta de crédito por internet",
    }
)
MEDIO_PAGO_PSE: Final = "15"

# Spec decision 9: account types of the 2001 file header.
TIPO_CUENTA: Final = MappingProxyType(
    {"01": "Ahorros", "02": "Corriente", "03": "Tarjeta de crédito"}
)

# Spec decision 6: PSE transaction states.
PSE_STATES: Final = MappingProxyType(
    {"1": "Aprobada (OK)", "2": "Rechazada (NOT_AUTHORIZED)", "3": "Pendiente", "4": "Fallida"}
)
PSE_APPROVED: Final = "1"
PSE_REJECTED: Final = "2"
PSE_PENDING: Final = "3"
PSE_FAILED: Final = "4"
#: The state code carried by the fifth, grand-total type-3 line of ``pse-detail``.
#: The manual does not say; 9 sorts after the four real states and cannot be
#: mistaken for one of them (see docs/decisions/0002-grand-total-state.md).
PSE_GRAND_TOTAL_STATE: Final = "9"

# Spec decision 11: 4-digit PSE/ACH bank codes. Public, not published by ACH:
# data to be corrected, not truth. The transit code is the last three digits.
BANKS: Final = MappingProxyType(
    {
        "1001": "Banco de Bogotá",
        "1002": "Banco Popular",
        "1006": "Itaú (Corpbanca)",
        "1007": "Bancolombia",
        "1009": "Citibank",
        "1012": "Banco GNB Sudameris",
        "1013": "BBVA Colombia",
        "1019": "Scotiabank Colpatria",
        "1023": "Banco de Occidente",
        "1032": "Banco Caja Social",
        "1040": "Banco Agrario",
        "1051": "Davivienda",
        "1052": "Banco AV Villas",
        "1058": "Banco ProCredit",
        "1060": "Banco Pichincha",
        "1061": "Bancoomeva",
        "1062": "Banco Falabella",
        "1065": "Banco Santander",
        "1066": "Banco Cooperativo Coopcentral",
        "1069": "Banco Serfinanza",
        "1507": "Nequi",
    }
)
#: Transit code (3 digits) → bank name. Nequi (1507) and Bancolombia (1007) share
#: no transit code; no two listed banks collide on their last three digits.
BANKS_BY_TRANSIT: Final = MappingProxyType({code[-3:]: name for code, name in BANKS.items()})

# Spec decision 12: the manual's rejection (rechazo) and failure (fallo) causes.
REJECTION_CODES: Final = MappingProxyType(
    {
        "00001": "USUARIO ABANDONÓ TRANSACCION EN BANCO",
        "00002": "CUENTA EMBARGADA",
        "00003": "CUENTA INACTIVA",
        "00004": "CUENTA NO EXISTE",
        "00005": "CUENTA NO HABILTADA",
        "00006": "CUENTA NO HA SIDO ASIGNADA",
        "00007": "CUENTA SALDADA",
        "00008": "USUARIO EXCEDE EL LIMITE TRANSACCIONAL AUTORIZADO POR EL BANCO",
        "00009": "BANCO NO SE ENCUENTRA DISPONIBLE",
        "00010": "FALLAS TECNICAS",
        "00011": "FONDOS INSUFICIENTES",
        "00012": "INCONSISTENCIA EN DATOS DE LAS TRANSACCION",
        "00013": "CUENTA CANCELADA",
        "00014": "CANCELACIÓN DE PSE – EL BANCO NO CONFIRMÓ EL ESTADO DE LA TRANSACCIÓN",
        "00015": "TRANSACCIÓN NO CONCLUÍDA EN EL BANCO",
        "00016": "DATOS DE ACCESO INVÁLIDOS EN EL BANCO",
        "00017": "USUARIO NO TIENE HABILITADOS PAGOS POR PSE",
        "00018": "CAMBIO ESTADO EN TRANSACCION / PROTECCION AL CONSUMIDOR",
        "00019": "TRANSACCIÓN DECLINADA POR EL PREAUTORIZADOR, SOSPECHA DE FRAUDE",
        "00020": "USUARIO ABANDONO TRANSACCIÓN EN PSE AL REGRESAR AL COMERCIO",
        "00021": "USUARIO ABANDONO TRANSACCIÓN EN PSE AL CERRAR EL NAVEGADOR",
        "00022": "EL NAVEGADOR UTILIZADO POR EL USUARIO NO ES COMPATIBLE CON PSE",
        "00023": "USUARIO NO PRESENTO ACTIVIDAD EN PSE (TIMEOUT)",
        "00024": "TRANSACCIÓN RECHAZADA POR SOSPECHA DE FRAUDE EN ENTIDAD BANCARIA",
    }
)
FAILURE_CODES: Final = MappingProxyType(
    {
        "10001": "FAIL_EXCEEDEDLIMIT – EMPRESA EXCEDE EL LIMITE TRANSACCIÓN EN PSE",
        "10002": "FAIL_BANKUNREACHEABLE – NO SE PUEDE CONECTAR CON EL BANCO",
        "10003": "FAIL_NOTCONFIRMEDBYBANCK – BANCO NO ACEPTO INICIAR LA TRANSACCIÓN",
    }
)
# Cheque-return causes (causales de devolución) of Asobancaria's interbank agreement
# "Administración de contratos de cuenta corriente, cheques, títulos judiciales,
# depósitos de arrendamiento y procesos de canje" (December 2008), chapter VII,
# article 22, as published copies show it; cause 1 is disabled there. Written
# zero-filled to causal_devolucion's 3 digits. A public copy, partly read: data to be
# corrected and completed, not truth (an unknown code is only a warning, PR113).
RETURN_CAUSES: Final = MappingProxyType(
    {
        "002": "Fondos insuficientes",
        "003": "Pagado parcialmente",
        "004": "Librado en chequera ajena",
        "005": "Cuenta cancelada",
        "006": "Cuenta saldada",
        "007": "Saldo embargado",
    }
)
#: What some banks write in causal_devolucion for "no return" (PR110).
NO_RETURN_ZEROS: Final = "000"


# -- catalogs a field may name (Field.catalog) ------------------------------------------
@attrs.frozen
class Catalog:
    """A code list a layout field draws from, for everyone who needs it.

    ``codes(width)`` maps each code, as a record of that field width holds it (digit
    fields zero-filled, text fields without padding), to its meaning. ``table`` names
    the constant of this module the codes come from, when there is one.
    """

    name: str
    title: str
    source: str
    codes: Callable[[int], Mapping[str, str]]
    table: str | None = None
    note: str = ""


def _as_is(table: Mapping[str, str]) -> Callable[[int], Mapping[str, str]]:
    return lambda width: table


def _bank_codes(width: int) -> Mapping[str, str]:
    return {code.zfill(width): name for code, name in BANKS.items()}


def _transit_codes(width: int) -> Mapping[str, str]:
    return {code[-width:]: name for code, name in BANKS.items()}


def _alphanumeric(width: int) -> Mapping[str, str]:
    return {c: "" for c in string.ascii_uppercase + string.digits}


def _pse_cycles(width: int) -> Mapping[str, str]:
    return {str(n).zfill(width): f"Ciclo {n}" for n in range(1, 10)}


def _total_states(width: int) -> Mapping[str, str]:
    return {**PSE_STATES, PSE_GRAND_TOTAL_STATE: "Total de todos los estados"}


_UNOFFICIAL = "The list is public but not published by ACH: data to correct, not truth."

CATALOGS: Final = MappingProxyType(
    {
        c.name: c
        for c in (
            Catalog(
                "procedencia_pago", "Procedencia de pago", "spec decision 7",
                _as_is(PROCEDENCIA_PAGO), "PROCEDENCIA_PAGO",
                "The Asobancaria catalog; PSE writes `99` in 2001 and Andesco, and 1998 fixes `06`.",
            ),
            Catalog(
                "medio_pago", "Medio de pago", "spec decision 8", _as_is(MEDIO_PAGO), "MEDIO_PAGO",
                "PSE writes `15`.",
            ),
            Catalog(
                "tipo_cuenta", "Tipo de cuenta", "spec decision 9", _as_is(TIPO_CUENTA), "TIPO_CUENTA"
            ),
            Catalog(
                "transit_code", "Código de tránsito", "spec decision 11", _transit_codes,
                "BANKS_BY_TRANSIT",
                "The last three digits of each bank's 4-digit PSE/ACH code (Bancolombia 1007 → 007). "
                + _UNOFFICIAL,
            ),
            Catalog(
                "bank_code", "PSE/ACH bank code", "spec decision 11", _bank_codes, "BANKS",
                "Written zero-filled to the field: `1007` is `00001007` in an 8-digit field. "
                + _UNOFFICIAL,
            ),
            Catalog(
                "modificador_archivo", "Modificador de archivo", "spec decision 10", _alphanumeric,
                note="One character, `A`-`Z` or `0`-`9` (real files: `A`, `Z`, `1`).",
            ),
            Catalog(
                "pse_state", "PSE transaction state", "spec decision 6", _as_is(PSE_STATES),
                "PSE_STATES",
                "The manual names only `1`; the others come from a published PSE conciliation "
                "description.",
            ),
            Catalog(
                "pse_total_state", "PSE state of a type-3 totals line", "spec decision 6",
                _total_states, "PSE_STATES",
                "The four states, and the grand-total line of `pse-detail` "
                "([ADR 0002](decisions/0002-grand-total-state.md)).",
            ),
            Catalog(
                "pse_cycle", "Número de ciclo PSE", "manual 7.2: código de sucursal, número de ciclo",
                _pse_cycles,
                note="`0001` to `0009`: PSE writes its cycle number here (one digit in the PSE "
                "formats). Banks write their branch instead; validation reports that once per "
                "file (PR111).",
            ),
            Catalog(
                "causal_devolucion", "Causal de devolución",
                "manual 7.2: obligatorio para devoluciones, blanco",
                lambda width: {"": "Sin devolución", **RETURN_CAUSES},
                "RETURN_CAUSES",
                "Blank unless the record is a return; then a cheque-return cause of Asobancaria's "
                "interbank agreement on current accounts and cheques (2008, chapter VII, article "
                "22), zero-filled. Some banks write `000` for no return; validation reports that "
                "once per file (PR110), and a code not listed here once per code (PR113). "
                + _UNOFFICIAL,
            ),
        )
    }
)


def catalog(name: str) -> Catalog:
    """The catalog a layout names; LookupError saying where to add a missing one."""
    try:
        return CATALOGS[name]
    except KeyError:
        raise LookupError(
            f"catalog {name!r} is named by a layout but not defined: add it to "
            "pse_recon.catalogs.CATALOGS"
        ) from None
