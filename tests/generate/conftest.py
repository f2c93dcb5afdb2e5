"""Fixtures of the generator tests: the sample collection of generate_sample.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from generate_sample import EXAMPLES, sample_collection  # type: ignore[import-not-found]

from pse_recon.generator import Collection


@pytest.fixture
def sample() -> Collection:
    return sample_collection()


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
