"""Layouts declared outside the package, as a user declares them: importable (they
are what ``--layout tests.custom_layouts:NAME`` and the pickling tests load), at
module level (so their records pickle), with roles instead of the library's names.

``BANCO_X`` is a made-up bank's flat format whose fields are called nothing the
library knows; ``WIDE_REFERENCE`` is Asobancaria 2001 with a 30-digit reference
instead of 48 (the reserved columns absorb the difference).
"""

from __future__ import annotations

from pse_recon.declaration import (
    Count,
    FileLayout,
    FlatStructure,
    Role,
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
from pse_recon.layouts import ASOBANCARIA_2001

BANCO_X = FileLayout(
    name="banco-x",
    title="Banco X recaudo (a made-up bank format)",
    width=60,
    structure=FlatStructure(header="H", detail="D", totals="T"),
    records={
        "H": record("H", "encabezado", constant("tipo", "H"),
                    digits("nit", 10, role=Role.COMPANY_NIT),
                    date("dia", role=Role.DATE),
                    digits("banco", 3, role=Role.PAYING_BANK, catalog="transit_code"),
                    digits("cuenta", 12, role=Role.ACCOUNT),
                    filler("libre", 26)),
        "D": record("D", "pago", constant("tipo", "D"),
                    digits("ref", 20, role=Role.REFERENCE),
                    amount("monto", 14, decimals=2, role=Role.AMOUNT),
                    digits("ciclo", 4, role=Role.CYCLE, catalog="pse_cycle"),
                    numeric("consecutivo", 6, computed=Sequence(start=2, per_lot=False)),
                    filler("libre", 15)),
        "T": record("T", "totales", constant("tipo", "T"),
                    numeric("pagos", 9, computed=Count()),
                    amount("suma", 18, decimals=2, computed=Sum("monto")),
                    filler("libre", 32)),
    },
)


WIDE_REFERENCE = ASOBANCARIA_2001.with_field(
    "06", digits("referencia_principal", 30, role=Role.REFERENCE), name="asobancaria-2001-ref30"
)

#: Asobancaria 2001 at 170 columns, a width the manual does not declare.
LONG_LINES = ASOBANCARIA_2001.with_variant(170, name="asobancaria-2001-170")
