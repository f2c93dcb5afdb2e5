"""Asobancaria 1998: 64 columns, whole pesos, one sequence over the whole file."""

from pse_recon.declaration import (
    Count,
    FileLayout,
    FlatStructure,
    Sequence,
    Sum,
    amount,
    constant,
    date,
    digits,
    filler,
    numeric,
    record,
)

ASOBANCARIA_1998 = FileLayout(
    name="asobancaria-1998",
    title="Asobancaria 1998",
    width=64,
    structure=FlatStructure("01", "02", "09"),
    records={
        "01": record(
            "01",
            "header",
            constant("tipo_registro", "01"),
            digits("nit_empresa", 13, obligatory=True, description="NIT of the collecting company"),
            date("fecha_pago", description="cycle or process closing date"),
            digits("codigo_recaudo", 3, catalog="transit_code",
                   description="transit code of the authorizing bank"),
            digits("cuenta_abono", 15, description="first 15 digits of the collecting account"),
            filler("filler", 23),
        ),
        "02": record(
            "02",
            "detail",
            constant("tipo_registro", "02"),
            digits("identificacion_usuario", 25, description="payer reference, zero-filled"),
            amount("valor_recaudado", 13, decimals=0, description="whole pesos, no decimals"),
            constant("procedencia_pago", "06", description="fixed value"),
            numeric("secuencia", 7, computed=Sequence(start=2, per_lot=False),
                    description="recording sequence over the file, from 2"),
            filler("filler", 15),
        ),
        "09": record(
            "09",
            "totals",
            constant("tipo_registro", "09"),
            numeric("total_registros", 9, computed=Count(), description="detail records"),
            amount("valor_total", 18, decimals=0, computed=Sum("valor_recaudado"),
                   description="sum of amounts, whole pesos"),
            filler("filler", 35),
        ),
    },
)
