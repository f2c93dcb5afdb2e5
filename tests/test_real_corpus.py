"""The real bank files of ../shared/corpus/real read as their README says.

Expected counts and totals are copied from that README (and from the controls
visible in each file), not computed by the code under test.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import pse_recon

# file → (lots, details, sum of details, control count, control total, newline)
EXPECTED = {
    "asobancaria2001-agrario-11julio.txt": (1, 17, "300000.00", 17, "300000.00", "\r\n"),
    "asobancaria2001-bogota-24julio.txt": (1, 77, "133931000.00", 77, "133931000.00", "\r\n"),
    "asobancaria2001-occidente-valid.txt": (1, 1, "150000.00", 1, "150000.00", "\n"),
    # Hand-edited: two details (996,831.00 and 0.00) but controls claiming 4 and other totals.
    "asobancaria2001-davivienda-bad-controls.txt": (1, 2, "996831.00", 4, "125440.00", "\n"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_counts_totals_and_round_trip(real_dir: Path, name: str) -> None:
    data = (real_dir / name).read_bytes()
    lots, details, total, count, control_total, newline = EXPECTED[name]

    f = pse_recon.read(real_dir / name)

    assert isinstance(f, pse_recon.LotFile)
    assert (f.format, f.width, f.newline) == ("asobancaria-2001", 162, newline)
    assert len(f.lots) == lots
    assert len(f.details) == details
    assert f.total == Decimal(total)
    assert f.control.total_registros == count
    assert f.control.valor_total == Decimal(control_total)
    assert pse_recon.dumps(f) == data


def test_agrario_unpadded_last_record_is_kept_exactly(real_dir: Path) -> None:
    data = (real_dir / "asobancaria2001-agrario-11julio.txt").read_bytes()
    f = pse_recon.read(data)
    assert f.control.raw == b"09000000017000000000030000000"
    assert pse_recon.dumps(f).endswith(b"\r\n09000000017000000000030000000")
    canonical = pse_recon.dumps(f, canonical=True)
    assert canonical.endswith(b"09000000017000000000030000000" + b" " * 133 + b"\n")
    assert b"\r" not in canonical
    assert pse_recon.read(canonical) == f


def test_iter_records_streams_the_same_records(real_dir: Path) -> None:
    path = real_dir / "asobancaria2001-bogota-24julio.txt"
    streamed = list(pse_recon.iter_records(path))
    assert streamed == list(pse_recon.read(path).records)
    assert [r.line for r in streamed] == list(range(1, 82))
    assert streamed[2].referencia_principal == "000000000000000000106096800000000009004345062402"
    assert (streamed[2].valor_recaudado, streamed[2].medio_pago) == (Decimal("84000.00"), "01")
    cheque = streamed[15]  # line 16: one of the three cheque payments
    assert (cheque.line, cheque.medio_pago) == (16, "02")
    assert cheque.valor_recaudado == Decimal("108827000.00")
