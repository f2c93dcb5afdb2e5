"""Reconciliation: compare a collection file with the payments a company expects.

    >>> from pse_recon.reconciliation import reconcile
    >>> result = reconcile("recaudo.txt", "expected.csv")
    >>> result.ok, result.summary.matched_count, result.summary.missing_total

See :mod:`pse_recon.reconciliation.core` for the pairing rules and
``docs/reconciling.md`` for the guide.
"""

from pse_recon.errors import ReconcileError
from pse_recon.reconciliation.core import (
    ExpectedPayment,
    Item,
    Payment,
    Reconciliation,
    ReconciliationSummary,
    Status,
    normalize_reference,
    paid_payments,
    reconcile,
)
from pse_recon.reconciliation.expected import (
    EXPECTED_COLUMNS,
    expected_from_csv,
    expected_from_json,
    load_expected,
)

__all__ = [
    "EXPECTED_COLUMNS",
    "ExpectedPayment",
    "Item",
    "Payment",
    "ReconcileError",
    "Reconciliation",
    "ReconciliationSummary",
    "Status",
    "expected_from_csv",
    "expected_from_json",
    "load_expected",
    "normalize_reference",
    "paid_payments",
    "reconcile",
]
