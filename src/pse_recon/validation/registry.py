"""Which rule codes the validator implements, declared where they are checked.

Every function or method that emits findings is decorated with the codes it may
emit; :data:`IMPLEMENTED` collects them, and the test suite checks that it is
exactly the set of codes in :data:`pse_recon.rules.RULES`: no rule in the
catalog without a check, no check without a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, TypeVar

from pse_recon.rules import RULES

IMPLEMENTED: Final[set[str]] = set()

F = TypeVar("F", bound=Callable[..., object])


def implements(*codes: str) -> Callable[[F], F]:
    """Declare that the decorated check emits findings of ``codes``."""
    unknown = [c for c in codes if c not in RULES]
    if unknown:
        raise LookupError(f"rule codes {unknown} are not in pse_recon.rules.RULES")

    def mark(fn: F) -> F:
        IMPLEMENTED.update(codes)
        return fn

    return mark
