"""Record classes of ``pse-detail``: generated from its layout, do not edit
(``python -m pse_recon.records.stubs``)."""

import datetime
from decimal import Decimal
from typing import TypeAlias

from pse_recon.records.base import Record
from pse_recon.records.files import PseFile

class Header(Record):
    """Record 1: header."""

    def __init__(
        self,
        *,
        registro: str = ...,
        codigo_entidad_origen: str,
        fecha_cierre_ciclo: datetime.date,
        hora_cierre_ciclo: datetime.time,
        codigo_ciclo: str,
        codigo_empresa: str,
        line: int = ...,
    ) -> None: ...
    @property
    def registro(self) -> str: ...
    @property
    def codigo_entidad_origen(self) -> str: ...
    @property
    def fecha_cierre_ciclo(self) -> datetime.date: ...
    @property
    def hora_cierre_ciclo(self) -> datetime.time: ...
    @property
    def codigo_ciclo(self) -> str: ...
    @property
    def codigo_empresa(self) -> str: ...


class Transaction(Record):
    """Record 2: transaction."""

    def __init__(
        self,
        *,
        registro: str = ...,
        estado: str,
        ticket_id: str,
        cus: str,
        codigo_entidad: str,
        codigo_servicio: str,
        entidad_credito: str,
        cuenta_credito: str,
        valor_transaccion: Decimal,
        valor_iva: Decimal,
        codigo_autorizacion: str = ...,
        referencia_1: str = ...,
        referencia_2: str = ...,
        referencia_3: str = ...,
        canal_pago: str = ...,
        fecha_proceso: datetime.date,
        hora_registro_pse: datetime.time,
        ciclo_proceso: str,
        line: int = ...,
    ) -> None: ...
    @property
    def registro(self) -> str: ...
    @property
    def estado(self) -> str: ...
    @property
    def ticket_id(self) -> str: ...
    @property
    def cus(self) -> str: ...
    @property
    def codigo_entidad(self) -> str: ...
    @property
    def codigo_servicio(self) -> str: ...
    @property
    def entidad_credito(self) -> str: ...
    @property
    def cuenta_credito(self) -> str: ...
    @property
    def valor_transaccion(self) -> Decimal: ...
    @property
    def valor_iva(self) -> Decimal: ...
    @property
    def codigo_autorizacion(self) -> str: ...
    @property
    def referencia_1(self) -> str: ...
    @property
    def referencia_2(self) -> str: ...
    @property
    def referencia_3(self) -> str: ...
    @property
    def canal_pago(self) -> str: ...
    @property
    def fecha_proceso(self) -> datetime.date: ...
    @property
    def hora_registro_pse(self) -> datetime.time: ...
    @property
    def ciclo_proceso(self) -> str: ...


class StateTotals(Record):
    """Record 3: state totals."""

    def __init__(
        self,
        *,
        registro: str = ...,
        estado: str,
        cantidad_registros: int = ...,
        valor_total: Decimal = ...,
        valor_iva: Decimal = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def registro(self) -> str: ...
    @property
    def estado(self) -> str: ...
    @property
    def cantidad_registros(self) -> int: ...
    @property
    def valor_total(self) -> Decimal: ...
    @property
    def valor_iva(self) -> Decimal: ...


File: TypeAlias = PseFile[Header, Transaction, StateTotals]

__all__ = ['File', 'Header', 'StateTotals', 'Transaction']
