"""Shared test fixtures: where the real bank files live."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
REAL = TESTS.parent.parent / "shared" / "corpus" / "real"


@pytest.fixture
def real_dir() -> Path:
    if not REAL.is_dir():
        pytest.skip(f"real corpus not present at {REAL}")
    return REAL
