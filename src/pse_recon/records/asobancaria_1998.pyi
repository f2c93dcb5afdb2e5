"""Record classes of ``asobancaria-1998``: generated from its layout, do not edit
(``python -m pse_recon.records.stubs``)."""

import datetime
from decimal import Decimal
from typing import TypeAlias

from pse_recon.records.base import Record
from pse_recon.records.files import FlatFile

class Header(Record):
    """Record 01: header."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        nit_empresa: str,
        fecha_pago: datetime.date,
        codigo_recaudo: str,
        cuenta_abono: str,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def nit_empresa(self) -> str: ...
    @property
    def fecha_pago(self) -> datetime.date: ...
    @property
    def codigo_recaudo(self) -> str: ...
    @property
    def cuenta_abono(self) -> str: ...


class Detail(Record):
    """Record 02: detail."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        identificacion_usuario: str,
        valor_recaudado: Decimal,
        procedencia_pago: str = ...,
        secuencia: int = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def identificacion_usuario(self) -> str: ...
    @property
    def valor_recaudado(self) -> Decimal: ...
    @property
    def procedencia_pago(self) -> str: ...
    @property
    def secuencia(self) -> int: ...


class Totals(Record):
    """Record 09: totals."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        total_registros: int = ...,
        valor_total: Decimal = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def total_registros(self) -> int: ...
    @property
    def valor_total(self) -> Decimal: ...


File: TypeAlias = FlatFile[Header, Detail, Totals]

__all__ = ['Detail', 'File', 'Header', 'Totals']
