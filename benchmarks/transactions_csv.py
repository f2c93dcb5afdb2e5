"""Write a CSV of N transactions for ``pse-recon generate`` (the columns of
``examples/transactions.csv``), and the CSV of the payments a company expects of
them for ``pse-recon reconcile`` (``examples/expected.csv``), to profile and
benchmark both at size.

    python benchmarks/transactions_csv.py 1000000 /tmp/transactions.csv [/tmp/expected.csv]
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

#: The columns of examples/transactions.csv, in its order.
HEADER = (Path(__file__).resolve().parent.parent / "examples" / "transactions.csv").read_text(
    encoding="utf-8").splitlines()[0].split(",")
SERVICES = (("7701234000011", "Gas domiciliario"), ("7701234000028", "Revisión periódica"))
BANKS = ("1007", "1051", "1013", "1019")


def rows(n: int) -> Iterator[list[str]]:
    """``n`` approved transactions over two services, amounts with centavos."""
    for i in range(n):
        code, name = SERVICES[i % 2]
        seconds = i % 36000
        moment = f"2026-11-20T{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        yield ["800123456", "Gases del Llano S.A. ESP", "10234", code, name, "1007", "02",
               "12345678901", "3", "2026-11-20", "11:00", str(100000000 + i), str(i + 1),
               str(20000 + i), "", f"{1000 + i % 900000}.{i % 100:02d}", "0", "1",
               BANKS[i % 4], f"{i % 1000000:06d}", moment, moment, ""]


def write(n: int, path: Path, expected: Path | None = None) -> None:
    """The ``n`` transactions to ``path``; to ``expected``, each one's reference and
    amount, so that reconciling the file generated from them matches every payment."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(HEADER)
        out.writerows(rows(n))
    if expected is not None:
        reference, amount = HEADER.index("reference_1"), HEADER.index("amount")
        with expected.open("w", newline="", encoding="utf-8") as f:
            out = csv.writer(f, lineterminator="\n")
            out.writerow(["reference", "amount", "description"])
            out.writerows([r[reference], r[amount], "Factura"] for r in rows(n))


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
