"""Measuring the memory a piece of work takes, for the tests that bound it."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable
from typing import Any


def peak(work: Callable[[], Any], *, warm_up: bool = False) -> int:
    """tracemalloc's peak, in bytes, while ``work`` runs; after one untraced run
    first when ``warm_up`` (so compiled layouts and caches are not counted)."""
    if warm_up:
        work()
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
