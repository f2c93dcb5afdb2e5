"""Record classes of ``pse-summary``: generated from its layout, do not edit
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


class BankStateTotals(Record):
    """Record 2: bank and state totals."""

    def __init__(
        self,
        *,
        registro: str = ...,
        estado: str,
        codigo_entidad: str,
        total_transacciones: int,
        valor_transacciones: Decimal,
        valor_iva: Decimal,
        line: int = ...,
    ) -> None: ...
    @property
    def registro(self) -> str: ...
    @property
    def estado(self) -> str: ...
    @property
    def codigo_entidad(self) -> str: ...
    @property
    def total_transacciones(self) -> int: ...
    @property
    def valor_transacciones(self) -> Decimal: ...
    @property
    def valor_iva(self) -> Decimal: ...


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


File: TypeAlias = PseFile[Header, BankStateTotals, StateTotals]

__all__ = ['BankStateTotals', 'File', 'Header', 'StateTotals']
