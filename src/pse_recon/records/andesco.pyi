"""Record classes of ``andesco``: generated from its layout, do not edit
(``python -m pse_recon.records.stubs``)."""

import datetime
from decimal import Decimal
from typing import TypeAlias

from pse_recon.records.base import Record
from pse_recon.records.files import Lot as _Lot
from pse_recon.records.files import LotFile

class FileHeader(Record):
    """Record 01: file header."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        nit_empresa: str,
        fecha_pago: datetime.date,
        codigo_entidad_recaudadora: str,
        numero_cuenta: str,
        fecha_archivo: datetime.date,
        modificador_archivo: str,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def nit_empresa(self) -> str: ...
    @property
    def fecha_pago(self) -> datetime.date: ...
    @property
    def codigo_entidad_recaudadora(self) -> str: ...
    @property
    def numero_cuenta(self) -> str: ...
    @property
    def fecha_archivo(self) -> datetime.date: ...
    @property
    def modificador_archivo(self) -> str: ...


class LotHeader(Record):
    """Record 05: lot header."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        codigo_servicio: str,
        numero_lote: int = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def codigo_servicio(self) -> str: ...
    @property
    def numero_lote(self) -> int: ...


class Detail(Record):
    """Record 06: detail."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        referencia_principal: str,
        valor_recaudado: Decimal,
        procedencia_pago: str,
        medio_pago: str,
        numero_operacion: str = ...,
        numero_autorizacion: str = ...,
        codigo_entidad_debitada: str,
        codigo_sucursal: str,
        referencia_secundaria: str = ...,
        secuencia: int = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def referencia_principal(self) -> str: ...
    @property
    def valor_recaudado(self) -> Decimal: ...
    @property
    def procedencia_pago(self) -> str: ...
    @property
    def medio_pago(self) -> str: ...
    @property
    def numero_operacion(self) -> str: ...
    @property
    def numero_autorizacion(self) -> str: ...
    @property
    def codigo_entidad_debitada(self) -> str: ...
    @property
    def codigo_sucursal(self) -> str: ...
    @property
    def referencia_secundaria(self) -> str: ...
    @property
    def secuencia(self) -> int: ...


class LotControl(Record):
    """Record 08: lot control."""

    def __init__(
        self,
        *,
        tipo_registro: str = ...,
        total_registros_lote: int = ...,
        valor_total_lote: Decimal = ...,
        numero_lote: int = ...,
        line: int = ...,
    ) -> None: ...
    @property
    def tipo_registro(self) -> str: ...
    @property
    def total_registros_lote(self) -> int: ...
    @property
    def valor_total_lote(self) -> Decimal: ...
    @property
    def numero_lote(self) -> int: ...


class FileControl(Record):
    """Record 09: file control."""

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


Lot: TypeAlias = _Lot[LotHeader, Detail, LotControl]
File: TypeAlias = LotFile[FileHeader, LotHeader, Detail, LotControl, FileControl]

__all__ = ['Detail', 'File', 'FileControl', 'FileHeader', 'Lot', 'LotControl', 'LotHeader']
