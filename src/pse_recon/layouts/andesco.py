"""Andesco: the 2001 record structure at 110 columns, with a secondary reference."""

from pse_recon.declaration import (
    FileLayout,
    LotStructure,
    Sequence,
    amount,
    constant,
    date,
    digits,
    filler,
    numeric,
    record,
    text,
)
from pse_recon.layouts.asobancaria_2001 import ASOBANCARIA_2001

ANDESCO = FileLayout(
    name="andesco",
    title="Andesco",
    width=110,
    structure=LotStructure("01", "05", "06", "08", "09"),
    records={
        "01": record(
            "01",
            "file header",
            constant("tipo_registro", "01"),
            digits("nit_empresa", 10, obligatory=True,
                   description="NIT of the billing company, with check digit"),
            date("fecha_pago", description="cycle closing date"),
            digits("codigo_entidad_recaudadora", 3, catalog="transit_code",
                   description="transit code of the bank holding the account"),
            digits("numero_cuenta", 17, obligatory=True, description="account credited (numeric here)"),
            date("fecha_archivo", description="file creation date"),
            text("modificador_archivo", 1, catalog="modificador_archivo", pse="0",
                 description="A-Z or 0-9 (the manual says 'Num.' yet lists letters)"),
            filler("reservado", 61),
        ),
        # Lot header and controls are 2001's, their trailing reservado cut to 110.
        "05": ASOBANCARIA_2001["05"].with_width(110),
        "06": record(
            "06",
            "detail",
            constant("tipo_registro", "06"),
            digits("referencia_principal", 24, obligatory=True, description="payer reference / ticket id"),
            amount("valor_recaudado", 14, decimals=2, description="12 integer + 2 decimal digits"),
            digits("procedencia_pago", 2, catalog="procedencia_pago", pse="99", description="99 for PSE"),
            digits("medio_pago", 2, catalog="medio_pago", pse="15", description="15 = debit by internet"),
            digits("numero_operacion", 6, optional=True, description="last 6 of the CUS"),
            digits("numero_autorizacion", 6, optional=True,
                   description="last 6 of the authorization"),
            digits("codigo_entidad_debitada", 3, catalog="transit_code",
                   description="transit code of the authorizing bank"),
            digits("codigo_sucursal", 4, catalog="pse_cycle", description="cycle number"),
            digits("referencia_secundaria", 24, optional=True, description="optional"),
            numeric("secuencia", 7, computed=Sequence(start=2, per_lot=True),
                    description="from 2 in each lot"),
            filler("reservado", 16),
        ),
        "08": ASOBANCARIA_2001["08"].with_width(110),
        "09": ASOBANCARIA_2001["09"].with_width(110),
    },
)
