"""The two PSE conciliation formats: totals per bank and state, or one line per payment.

They share the header and the shape of the type-3 state totals; amounts are "16e2d"
(16 integer and 2 decimal digits). Spec decision 6: states are 1 approved,
2 rejected, 3 pending, 4 failed. ``pse-detail`` closes with five type-3 lines, one
per state and a grand total whose state code is
:data:`~pse_recon.catalogs.PSE_GRAND_TOTAL_STATE`; ``pse-summary`` with one per state.
"""

from pse_recon.catalogs import PSE_GRAND_TOTAL_STATE, PSE_STATES
from pse_recon.declaration import (
    Count,
    FileLayout,
    RecordLayout,
    Role,
    StateStructure,
    Sum,
    amount,
    constant,
    date,
    digits,
    numeric,
    record,
    text,
    time,
)

HEADER = record(
    "1",
    "header",
    constant("registro", "1"),
    digits("codigo_entidad_origen", 8, role=Role.PSE_CODE, description="PSE code"),
    date("fecha_cierre_ciclo", role=Role.DATE, description="cycle closing date"),
    time("hora_cierre_ciclo", 6, role=Role.CLOSING_TIME, description="cycle closing time, HHMMSS"),
    digits("codigo_ciclo", 1, role=Role.CYCLE, description="cycle code"),
    digits("codigo_empresa", 15, role=Role.COMPANY_CODE, description="company code (EPP)"),
)


def _state_totals(count: Count | Sum, value: str) -> RecordLayout:
    """Type 3: the same columns in both formats, computed from different type-2 fields."""
    return record(
        "3",
        "state totals",
        constant("registro", "3"),
        digits("estado", 1, catalog="pse_total_state", role=Role.STATE,
               description="state, or the grand total"),
        numeric("cantidad_registros", 6, computed=count, description="transactions in this state"),
        amount("valor_total", 18, decimals=2, computed=Sum(value), description="16e2d"),
        amount("valor_iva", 18, decimals=2, computed=Sum("valor_iva"), description="VAT, 16e2d"),
    )


PSE_SUMMARY = FileLayout(
    name="pse-summary",
    title="PSE, one type-2 line per authorizing bank and state",
    width=None,
    structure=StateStructure(
        "1", "2", "3", state_field="estado", states=tuple(PSE_STATES), grand_total=None
    ),
    records={
        "1": HEADER,
        "2": record(
            "2",
            "bank and state totals",
            constant("registro", "2"),
            digits("estado", 1, catalog="pse_state", role=Role.STATE, description="transaction state"),
            digits("codigo_entidad", 8, catalog="bank_code", role=Role.PAYING_BANK,
                   description="authorizing bank, without check digit"),
            numeric("total_transacciones", 6, role=Role.TRANSACTIONS,
                    description="transactions of this bank in this state"),
            amount("valor_transacciones", 18, decimals=2, role=Role.AMOUNT, description="16e2d"),
            amount("valor_iva", 18, decimals=2, role=Role.VAT, description="VAT, 16e2d"),
        ),
        "3": _state_totals(Sum("total_transacciones"), "valor_transacciones"),
    },
)

PSE_DETAIL = FileLayout(
    name="pse-detail",
    title="PSE, one type-2 line per transaction",
    width=None,
    structure=StateStructure(
        "1", "2", "3", state_field="estado", states=tuple(PSE_STATES),
        grand_total=PSE_GRAND_TOTAL_STATE,
    ),
    records={
        "1": HEADER,
        "2": record(
            "2",
            "transaction",
            constant("registro", "2"),
            digits("estado", 1, catalog="pse_state", role=Role.STATE, description="transaction state"),
            digits("ticket_id", 20, role=Role.TICKET, description="tracking code at the company (EPP)"),
            digits("cus", 8, role=Role.CUS, description="Código Único de Seguimiento"),
            digits("codigo_entidad", 8, catalog="bank_code", role=Role.PAYING_BANK,
                   description="authorizing bank, without check digit"),
            digits("codigo_servicio", 10, role=Role.SERVICE, description="service code"),
            digits("entidad_credito", 8, catalog="bank_code", role=Role.COLLECTING_BANK,
                   description="bank credited, without check digit"),
            text("cuenta_credito", 17, role=Role.ACCOUNT, description="account credited"),
            amount("valor_transaccion", 18, decimals=2, role=Role.AMOUNT, description="16e2d"),
            amount("valor_iva", 18, decimals=2, role=Role.VAT, description="VAT, 16e2d"),
            text("codigo_autorizacion", 50, role=Role.AUTHORIZATION, optional=True,
                 description="bank authorization code"),
            text("referencia_1", 20, role=Role.REFERENCE, optional=True, description="reference one"),
            text("referencia_2", 20, role=Role.SECONDARY_REFERENCE, optional=True,
                 description="reference two"),
            text("referencia_3", 20, role=Role.THIRD_REFERENCE, optional=True, description="reference three"),
            constant("canal_pago", "1", role=Role.PAYMENT_CHANNEL, description="payment channel, always 1"),
            date("fecha_proceso", role=Role.PROCESS_DATE, description="process date"),
            time("hora_registro_pse", 6, role=Role.REGISTERED_TIME,
                 description="time registered in PSE, HHMMSS"),
            digits("ciclo_proceso", 1, role=Role.CYCLE, description="original process cycle"),
        ),
        "3": _state_totals(Count(), "valor_transaccion"),
    },
)
