"""Asobancaria 2001, as PSE writes it: 162 columns (and the manual's 150).

Spec decision 1: every table in the manual adds up to 162 and so does every real
file, while the manual's closing note says 150. 162 is the standard; the 150
variant is this same declaration with each trailing ``reservado`` 12 columns
shorter (``ASOBANCARIA_2001.with_width(150)``).
"""

from pse_recon.computed import Count, LotNumber, Sequence, Sum
from pse_recon.fields import amount, code, constant, date, digits, filler, numeric, text, time
from pse_recon.layouts.base import FileLayout, LotStructure, record

ASOBANCARIA_2001 = FileLayout(
    name="asobancaria-2001",
    title="Asobancaria 2001",
    width=162,
    variants=(150,),
    structure=LotStructure("01", "05", "06", "08", "09"),
    records={
        "01": record(
            "01",
            "file header",
            constant("tipo_registro", "01"),
            digits("nit_empresa", 10, description="NIT of the billing company, with check digit"),
            date("fecha_pago", description="cycle closing date"),
            digits("codigo_entidad_recaudadora", 3, catalog="transit_code",
                   description="transit code of the bank holding the company's account"),
            text("numero_cuenta", 17, description="account credited with the collection"),
            date("fecha_archivo", description="file creation date"),
            time("hora_archivo", description="HHMM, 0001 to 2400"),
            text("modificador_archivo", 1, catalog="modificador_archivo",
                 description="A-Z or 0-9"),
            digits("tipo_cuenta", 2, catalog="tipo_cuenta",
                   description="01 ahorros, 02 corriente, 03 tarjeta de crédito"),
            filler("reservado", 107),
        ),
        "05": record(
            "05",
            "lot header",
            constant("tipo_registro", "05"),
            digits("codigo_servicio", 13, description="EAN-13 or NIT; last 13 characters"),
            numeric("numero_lote", 4, computed=LotNumber(), description="from 1 in each file"),
            filler("reservado", 143),
        ),
        "06": record(
            "06",
            "detail",
            constant("tipo_registro", "06"),
            digits("referencia_principal", 48, description="payer reference / ticket id"),
            amount("valor_recaudado", 14, decimals=2, description="12 integer + 2 decimal digits"),
            digits("procedencia_pago", 2, catalog="procedencia_pago",
                   description="PSE writes 99; banks the Asobancaria catalog"),
            digits("medio_pago", 2, catalog="medio_pago", description="15 = debit by internet"),
            digits("numero_operacion", 6, optional=True, description="last 6 of the CUS"),
            digits("numero_autorizacion", 6, optional=True,
                   description="last 6 of the bank authorization"),
            digits("codigo_entidad_debitada", 3, catalog="transit_code",
                   description="transit code of the authorizing bank"),
            digits("codigo_sucursal", 4, catalog="pse_cycle",
                   description="cycle number (PSE) or branch (banks)"),
            numeric("secuencia", 7, computed=Sequence(start=2, per_lot=True),
                    description="from 2 in each lot"),
            code("causal_devolucion", 3, optional=True, catalog="causal_devolucion",
                 description="blank unless a return, then the cause's code"),
            filler("reservado", 65),
        ),
        "08": record(
            "08",
            "lot control",
            constant("tipo_registro", "08"),
            numeric("total_registros_lote", 9, computed=Count(),
                    description="detail records in the lot"),
            amount("valor_total_lote", 18, decimals=2, computed=Sum("valor_recaudado"),
                   description="sum of the lot's amounts, 16 integer + 2 decimal"),
            numeric("numero_lote", 4, computed=LotNumber()),
            filler("reservado", 129),
        ),
        "09": record(
            "09",
            "file control",
            constant("tipo_registro", "09"),
            numeric("total_registros", 9, computed=Count(),
                    description="detail records in the file"),
            amount("valor_total", 18, decimals=2, computed=Sum("valor_recaudado"),
                   description="sum of all amounts, 16 integer + 2 decimal"),
            filler("reservado", 133),
        ),
    },
)
