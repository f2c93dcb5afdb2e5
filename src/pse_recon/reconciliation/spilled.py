"""Reconciling in flat memory: how ``pse-recon reconcile`` pairs a million payments
with a million expectations and gives :func:`~.core.reconcile`'s items.

Pairing needs one side indexed by reference, and a million references as Python
strings in a dict take more than 100 MB. So no side is indexed whole: each payment
and expectation is spilled to one of :data:`BUCKETS` buckets by the hash of its
normalized reference, and the buckets are paired one at a time by
:func:`~.core.pair_amounts`, ``reconcile``'s own pairing. A reference's payments
and expectations always share a bucket, in their order, so each reference comes out
as ``reconcile`` pairs it. The outcomes are spilled again by position (the payment's
in the file, the missing expectation's in the expected payments), in runs of
:data:`RUN`; read back run by run and sorted, the items come in ``reconcile``'s order
(the file's payments, then the missing expectations), as many times as the output
needs (the text's columns are measured, then printed).

What is held: at most :data:`FLUSH` spilled tuples per spill (then they go to a
temporary file: :mod:`pse_recon.spill`), one bucket or run at a time, the counts and
totals, and the repeated references. Memory grows with the largest reference only
(its payments and expectations are paired together, as ``reconcile`` pairs them).
Nothing reaches the disk below :data:`FLUSH` tuples.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

from pse_recon import money as exact
from pse_recon.reconciliation.core import (
    ExpectedPayment,
    Item,
    Payment,
    ReconciliationSummary,
    Status,
    normalize_reference,
    pair_amounts,
)
from pse_recon.spill import Spill

__all__ = ["BUCKETS", "FLUSH", "RUN", "SpilledReconciliation"]

#: Buckets the references are hashed to: a million references, 4,000 a bucket.
BUCKETS: Final = 256
#: Items of a run of outcomes, read back and sorted at once.
RUN: Final = 8_192
#: Tuples a spill holds in memory before it writes them to its file (its index of
#: chunks, 16 bytes a chunk, is what grows: about 1 MiB a million payments).
FLUSH: Final = 16_384


class _Sum:
    """An exact sum of many amounts, added a few thousand at a time."""

    def __init__(self) -> None:
        self._total = exact.ZERO
        self._held: list[Decimal] = []

    def add(self, amount: Decimal) -> None:
        self._held.append(amount)
        if len(self._held) >= 4096:
            self._total = self.value

    def extend(self, amounts: list[Decimal]) -> None:
        self._held += amounts
        if len(self._held) >= 4096:
            self._total = self.value

    @property
    def value(self) -> Decimal:
        self._total = exact.total([self._total, *self._held])
        self._held.clear()
        return self._total


class _Totals:
    """Counts and exact sums per outcome, added up a bucket at a time."""

    def __init__(self) -> None:
        self.count = dict.fromkeys(Status, 0)
        self.paid = {status: _Sum() for status in Status}
        self.expected = {status: _Sum() for status in Status}

    def add(self, paid: dict[Status, list[Decimal]], expected: dict[Status, list[Decimal]],
            missing: list[Decimal]) -> None:
        """A bucket's paid amounts by outcome, the expected amounts they answer, and
        the missing expectations' amounts."""
        for status, amounts in paid.items():
            self.count[status] += len(amounts)
            self.paid[status].extend(amounts)
        for status, amounts in expected.items():
            self.expected[status].extend(amounts)
        self.count[Status.MISSING] += len(missing)
        self.expected[Status.MISSING].extend(missing)


class SpilledReconciliation:
    """:func:`~.core.reconcile`'s result, in flat memory: :meth:`add_payments`, then
    :meth:`add_expected`, then :meth:`pair`; then ``format``, :attr:`summary`,
    :attr:`repeated`, :attr:`ok` as :class:`~.core.Reconciliation` has them, and
    :attr:`items`, iterable again and again, built one at a time. Close it (or use
    it as a context manager) to remove its temporary files."""

    def __init__(self, format: str) -> None:
        self.format = format
        self._keyed = Spill[int](FLUSH)  # bucket 2b: payments of bucket b, 2b + 1: expectations
        self._paid = Spill[int](FLUSH)  # outcomes of payments, by run of their position
        self._missing = Spill[int](FLUSH)  # missing expectations, by run of their position
        self._paid_count = self._expected_count = 0
        self._paid_total, self._expected_total = _Sum(), _Sum()
        self._totals = _Totals()
        self.repeated: tuple[str, ...] = ()
        self._summary: ReconciliationSummary | None = None

    def __enter__(self) -> SpilledReconciliation:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for spill in (self._keyed, self._paid, self._missing):
            spill.close()

    # -- filling ---------------------------------------------------------------------
    def add_payments(self, payments: Iterable[Payment]) -> None:
        """The file's payments, in file order."""
        add, m, total = self._keyed.add, self._paid_count, self._paid_total.add
        for p in payments:
            key = normalize_reference(p.reference)
            add(2 * (hash(key) % BUCKETS), (m, key, p.reference, str(p.amount), p.line))
            total(p.amount)
            m += 1
        self._paid_count = m

    def add_expected(self, expected: Iterable[ExpectedPayment]) -> SpilledReconciliation:
        """The expected payments, in their order (returns itself, for a loader)."""
        add, n, total = self._keyed.add, self._expected_count, self._expected_total.add
        for e in expected:
            key = e.key
            add(2 * (hash(key) % BUCKETS) + 1, (n, key, e.reference, str(e.amount), e.description, e.line))
            total(e.amount)
            n += 1
        self._expected_count = n
        return self

    # -- pairing ---------------------------------------------------------------------
    def pair(self, steps: Callable[[Iterable[int]], Iterable[int]] = iter) -> None:
        """Pair every bucket (the spilled payments and expectations are dropped);
        ``steps`` wraps the buckets' numbers as they are taken (a progress line)."""
        repeated: list[tuple[int, str]] = []
        for bucket in steps(range(BUCKETS)):
            paid = list(self._keyed.items(2 * bucket, once=True))
            repeated += self._pair_bucket(paid, list(self._keyed.items(2 * bucket + 1, once=True)))
        self._keyed.close()
        self.repeated = tuple(key for _, key in sorted(repeated))
        self._summary = self._summed()

    def _pair_bucket(self, paid: list[Any], expected: list[Any]) -> list[tuple[int, str]]:
        paid_by: dict[str, list[Any]] = {}
        for p in paid:
            paid_by.setdefault(p[1], []).append(p)
        expected_by: dict[str, list[Any]] = {}
        for e in expected:
            expected_by.setdefault(e[1], []).append(e)
        add_paid, add_missing = self._paid.add, self._missing.add
        paid_of: dict[Status, list[Decimal]] = {status: [] for status in Status}
        answered: dict[Status, list[Decimal]] = {status: [] for status in Status}
        missing: list[Decimal] = []
        for key in dict.fromkeys([*paid_by, *expected_by]):
            ps, es = paid_by.get(key, []), expected_by.get(key, [])
            amounts = [Decimal(e[3]) for e in es]
            paid_amounts = [Decimal(p[3]) for p in ps]
            outcomes, left = pair_amounts(paid_amounts, amounts)
            first_line = ps[0][4] if ps else None
            for p, amount, (status, j) in zip(ps, paid_amounts, outcomes, strict=True):
                paid_of[status].append(amount)
                if j < 0:
                    e = None
                else:
                    e = es[j][2:]
                    answered[status].append(amounts[j])
                add_paid(p[0] // RUN, (p[0], _VALUE[status], key, p[2], p[3], p[4],
                                       first_line if status is Status.DUPLICATE else None, e))
            for j in left:
                add_missing(es[j][0] // RUN, (es[j][0], key, *es[j][2:]))
                missing.append(amounts[j])
        self._totals.add(paid_of, answered, missing)
        return [(es[0][0], key) for key, es in expected_by.items() if len(es) > 1]

    def _summed(self) -> ReconciliationSummary:
        count = self._totals.count
        paid = {status: total.value for status, total in self._totals.paid.items()}
        expected = {status: total.value for status, total in self._totals.expected.items()}
        return ReconciliationSummary(
            expected_count=self._expected_count,
            expected_total=self._expected_total.value,
            paid_count=self._paid_count,
            paid_total=self._paid_total.value,
            matched_count=count[Status.MATCHED],
            matched_total=paid[Status.MATCHED],
            amount_differs_count=count[Status.AMOUNT_DIFFERS],
            amount_differs_expected_total=expected[Status.AMOUNT_DIFFERS],
            amount_differs_paid_total=paid[Status.AMOUNT_DIFFERS],
            missing_count=count[Status.MISSING],
            missing_total=expected[Status.MISSING],
            unexpected_count=count[Status.UNEXPECTED],
            unexpected_total=paid[Status.UNEXPECTED],
            duplicate_count=count[Status.DUPLICATE],
            duplicate_total=paid[Status.DUPLICATE],
        )

    # -- the result --------------------------------------------------------------------
    @property
    def summary(self) -> ReconciliationSummary:
        if self._summary is None:
            raise RuntimeError("pair() first")
        return self._summary

    @property
    def ok(self) -> bool:
        """Whether every payment matched an expectation and every expectation was paid."""
        s = self.summary
        return s.matched_count == s.paid_count and s.missing_count == 0

    @property
    def items(self) -> Iterable[Item]:
        """Every item in :func:`~.core.reconcile`'s order, built as it is taken."""
        return _Items(self, matched=True)

    @property
    def unmatched(self) -> Iterable[Item]:
        """The items that did not match, in the same order (those the text prints:
        the matched ones are skipped before they are built)."""
        return _Items(self, matched=False)

    def _items(self, matched: bool) -> Iterator[Item]:
        for run in sorted(self._paid.groups()):
            outcomes = sorted(self._paid.items(run), key=_first)
            for _, status, key, reference, amount, line, first, e in outcomes:
                if matched or status != _MATCHED:
                    yield Item(status=Status(status), reference=key,
                               paid=Payment(reference=reference, amount=Decimal(amount), line=line),
                               expected=None if e is None else _expected(*e), duplicate_of=first)
        for run in sorted(self._missing.groups()):
            for _, key, *e in sorted(self._missing.items(run), key=_first):
                yield Item(status=Status.MISSING, reference=key, expected=_expected(*e))


_first = operator.itemgetter(0)
#: Each status as its text, which the spills hold.
_VALUE: Final = {status: status.value for status in Status}
_MATCHED: Final = Status.MATCHED.value


def _expected(reference: str, amount: str, description: str, line: int) -> ExpectedPayment:
    return ExpectedPayment(reference=reference, amount=Decimal(amount), description=description, line=line)


class _Items:
    """The items (or the unmatched ones) of a :class:`SpilledReconciliation`, read from
    its spills each time they are iterated."""

    def __init__(self, result: SpilledReconciliation, *, matched: bool) -> None:
        self._result = result
        self._matched = matched

    def __iter__(self) -> Iterator[Item]:
        return self._result._items(self._matched)
