"""Regression (issue 10, found by the lead): the library's loaders judged a name by its
last suffix.

``pse-recon generate --input tx.csv.gz`` worked (the commands look past ``.gz``), but
``load_collection("tx.csv.gz")`` raised "must be a .csv or .json file", and
``load_expected("expected.json.gz")`` read the JSON as CSV. Both now go by the name
under the compression suffix, as the commands do.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from pse_recon.generator.inputs import InputError, load_collection
from pse_recon.reconciliation.expected import load_expected

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.mark.parametrize("name", ["transactions.csv", "transactions.json"])
def test_a_compressed_collection_loads_like_the_plain_one(tmp_path: Path, name: str) -> None:
    packed = tmp_path / f"{name}.GZ"
    packed.write_bytes(gzip.compress((EXAMPLES / name).read_bytes(), mtime=0))

    assert load_collection(packed) == load_collection(EXAMPLES / name)


@pytest.mark.parametrize("name", ["expected.csv", "expected.json"])
def test_compressed_expected_payments_load_like_the_plain_ones(tmp_path: Path, name: str) -> None:
    packed = tmp_path / f"{name}.gz"
    packed.write_bytes(gzip.compress((EXAMPLES / name).read_bytes(), mtime=0))

    assert load_expected(packed) == load_expected(EXAMPLES / name)


def test_a_name_that_says_neither_is_still_refused(tmp_path: Path) -> None:
    packed = tmp_path / "transactions.txt.gz"
    packed.write_bytes(gzip.compress((EXAMPLES / "transactions.csv").read_bytes(), mtime=0))

    with pytest.raises(InputError) as caught:
        load_collection(packed)
    assert str(caught.value) == f"{packed}: must be a .csv or .json file"
