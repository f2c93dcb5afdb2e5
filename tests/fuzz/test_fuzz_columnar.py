"""read_table against read on mutated seeds and generated files: the same tables, or
the same ReadError (the same finding: code, line, columns, field, words), whichever
path (columnar or row) read_table took."""

from __future__ import annotations

import random
from typing import Any

import harness
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pse_recon

pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from pse_recon.columnar import read_table
from pse_recon.columnar.rows import numbered

SEEDS = harness.seeds()
NAMES = sorted(SEEDS)
MUTATOR = harness.Mutator([SEEDS[n] for n in NAMES])
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def same_as_read(data: bytes, **kw: Any) -> None:
    try:
        want = pse_recon.read(data, **kw)
    except pse_recon.ReadError as exc:
        with pytest.raises(pse_recon.ReadError) as caught:
            read_table(data, **kw)
        assert caught.value.findings == exc.findings
        return
    got = read_table(data, **kw)
    assert got.findings == want.findings
    rows: dict[str, list[Any]] = {code: [] for code in want.layout.records}
    for r, lot in numbered(want):
        rows[r.record_type].append((r, lot))
    for code, records in rows.items():
        table = got[code]
        for name in table.column_names:
            values = [lot for _, lot in records] if name == "lot" else [getattr(r, name) for r, _ in records]
            assert table.column(name).to_pylist() == values, (code, name)


@FUZZ
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 2**32 - 1), lang=st.sampled_from(["en", "es"]))
def test_mutated_seeds_read_as_read_reads_them(name: str, seed: int, lang: str) -> None:
    same_as_read(MUTATOR.mutate(SEEDS[name], random.Random(seed)), lang=lang)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 2**32 - 1))
def test_mutated_seeds_strict_and_by_format(name: str, seed: int) -> None:
    data = MUTATOR.mutate(SEEDS[name], random.Random(seed))
    same_as_read(data, strict=True)
    for fmt in ("asobancaria-2001", "pse-detail"):
        same_as_read(data, format=fmt)
