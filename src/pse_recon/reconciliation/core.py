"""Reconciliation: which of the payments a company expects did a file carry?

The file's payments are its details, found by their roles (:mod:`pse_recon.declaration.roles`),
so a layout declared outside the package is reconciled like the built-in ones: the
field of role ``reference`` (with a ``ticket`` beside it, the reference a recaudo file
would carry: :func:`~pse_recon.generator.payment_reference`) and of role ``amount``;
with a ``state``, only the approved ones. That is the details of the recaudo formats
(Asobancaria 1998 and 2001, Andesco) and the approved type-2 lines of
``pse-detail``; a format whose lines aggregate transactions (role ``transactions``:
``pse-summary``) has no per-payment lines and is refused. Payments and expectations
are paired by reference, compared after removing leading zeros (a payer types 21053
for client 0021053, and the files zero-fill it), then by amount.

Per reference, the pairing is:

1. a payment whose amount equals an expectation's is **matched** with the first such
   expectation (file order, then expectation order);
2. a payment left over is paired with the next expectation left over: **amount
   differs**;
3. a payment still left over is a **duplicate** when its reference was expected (it
   was paid more times than expected) or appeared earlier in the file; otherwise it
   is **unexpected** (the first payment of a reference nobody expected);
4. an expectation left over is **missing**.

An expectation may appear more than once: each one is a payment expected (a client
owing two invoices with the same reference). :attr:`Reconciliation.repeated` lists
such references, so that an accidental repetition does not go unnoticed.
"""

from __future__ import annotations

import operator
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from enum import StrEnum

import attrs

from pse_recon import catalogs
from pse_recon import money as exact
from pse_recon.codec.lines import Source
from pse_recon.codec.reader import read
from pse_recon.declaration import FileLayout, Role
from pse_recon.errors import ReconcileError
from pse_recon.generator.values import payment_reference
from pse_recon.model import Transaction
from pse_recon.model._checks import money, text
from pse_recon.records.base import Record
from pse_recon.records.files import File as FileObject
from pse_recon.records.files import FlatFile, LotFile, PseFile

__all__ = [
    "ExpectedPayment",
    "Item",
    "Payment",
    "Reconciliation",
    "ReconciliationSummary",
    "Status",
    "normalize_reference",
    "paid_payments",
    "reconcile",
]

def normalize_reference(reference: str) -> str:
    """The reference as compared: surrounding blanks and leading zeros removed
    (``"0021053"`` → ``"21053"``; an all-zero reference is ``"0"``)."""
    ref = reference.strip()
    return ref.lstrip("0") or ("0" if ref else "")


class Status(StrEnum):
    """How one payment or expectation came out of the reconciliation."""

    MATCHED = "matched"
    AMOUNT_DIFFERS = "amount_differs"
    MISSING = "missing"
    UNEXPECTED = "unexpected"
    DUPLICATE = "duplicate"


def _reference(instance: ExpectedPayment, attribute: attrs.Attribute[str], value: object) -> None:
    text(required=True)(instance, attribute, value)


@attrs.frozen(kw_only=True)
class ExpectedPayment:
    """A payment the company expects: a reference (client, invoice) and an amount.

    ``line`` is where it was read from (CSV line, JSON item number from 1; 0 when
    made in code) and takes no part in equality.
    """

    reference: str = attrs.field(validator=_reference)
    amount: Decimal = attrs.field(validator=money)
    description: str = attrs.field(default="", validator=text(required=False))
    line: int = attrs.field(default=0, eq=False)

    @property
    def key(self) -> str:
        return normalize_reference(self.reference)

    @classmethod
    def from_transaction(cls, transaction: Transaction) -> ExpectedPayment:
        """What a company expects of one of its PSE transactions: its reference as a
        recaudo file writes it (:func:`~pse_recon.generator.payment_reference`) and
        its amount."""
        return cls(
            reference=payment_reference(transaction.reference_1, transaction.ticket_id),
            amount=transaction.amount,
        )


@attrs.frozen(kw_only=True)
class Payment:
    """A payment found in the file: its reference as written, amount and line."""

    reference: str
    amount: Decimal
    line: int

    @property
    def key(self) -> str:
        return normalize_reference(self.reference)


@attrs.frozen(kw_only=True)
class Item:
    """One outcome: a payment and the expectation it answers, or either alone.

    ``duplicate_of`` is the line of the first payment of the same reference, for
    duplicates.
    """

    status: Status
    reference: str
    expected: ExpectedPayment | None = None
    paid: Payment | None = None
    duplicate_of: int | None = None

    @property
    def difference(self) -> Decimal | None:
        """Paid minus expected, when there are both."""
        if self.expected is None or self.paid is None:
            return None
        return exact.difference(self.paid.amount, self.expected.amount)


@attrs.frozen(kw_only=True)
class ReconciliationSummary:
    """Counts and totals of a reconciliation (all totals are exact Decimals, whatever
    the decimal context, when they are computed and when they are read).

    ``expected_total`` adds every expectation, ``paid_total`` every payment of the
    file taken into account; the per-status totals add the paid amounts, except
    ``missing_total`` (expected amounts) and the two ``differs`` totals.
    """

    expected_count: int
    expected_total: Decimal
    paid_count: int
    paid_total: Decimal
    matched_count: int
    matched_total: Decimal
    amount_differs_count: int
    amount_differs_expected_total: Decimal
    amount_differs_paid_total: Decimal
    missing_count: int
    missing_total: Decimal
    unexpected_count: int
    unexpected_total: Decimal
    duplicate_count: int
    duplicate_total: Decimal

    @property
    def difference(self) -> Decimal:
        """Paid total minus expected total."""
        return exact.difference(self.paid_total, self.expected_total)


@attrs.frozen(kw_only=True)
class Reconciliation:
    """The outcome of :func:`reconcile`: every payment and expectation, once each.

    ``items`` lists the file's payments in file order, then the missing expectations
    in their order. ``repeated`` holds the (normalized) references expected more
    than once.
    """

    format: str
    items: tuple[Item, ...]
    expected: tuple[ExpectedPayment, ...]
    payments: tuple[Payment, ...]
    repeated: tuple[str, ...] = ()

    def of(self, status: Status) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.status is status)

    @property
    def matched(self) -> tuple[Item, ...]:
        return self.of(Status.MATCHED)

    @property
    def amount_differs(self) -> tuple[Item, ...]:
        return self.of(Status.AMOUNT_DIFFERS)

    @property
    def missing(self) -> tuple[Item, ...]:
        return self.of(Status.MISSING)

    @property
    def unexpected(self) -> tuple[Item, ...]:
        return self.of(Status.UNEXPECTED)

    @property
    def duplicates(self) -> tuple[Item, ...]:
        return self.of(Status.DUPLICATE)

    @property
    def unmatched(self) -> tuple[Item, ...]:
        """Every item but the matched ones, in order: what needs looking at."""
        return tuple(i for i in self.items if i.status is not Status.MATCHED)

    @property
    def ok(self) -> bool:
        """Whether every payment matched an expectation and every expectation was paid."""
        return all(i.status is Status.MATCHED for i in self.items)

    @property
    def summary(self) -> ReconciliationSummary:
        def paid(status: Status) -> Decimal:
            return exact.total(i.paid.amount for i in self.of(status) if i.paid is not None)

        differs = self.amount_differs
        return ReconciliationSummary(
            expected_count=len(self.expected),
            expected_total=exact.total(e.amount for e in self.expected),
            paid_count=len(self.payments),
            paid_total=exact.total(p.amount for p in self.payments),
            matched_count=len(self.matched),
            matched_total=paid(Status.MATCHED),
            amount_differs_count=len(differs),
            amount_differs_expected_total=exact.total(i.expected.amount for i in differs if i.expected),
            amount_differs_paid_total=paid(Status.AMOUNT_DIFFERS),
            missing_count=len(self.missing),
            missing_total=exact.total(i.expected.amount for i in self.missing if i.expected),
            unexpected_count=len(self.unexpected),
            unexpected_total=paid(Status.UNEXPECTED),
            duplicate_count=len(self.duplicates),
            duplicate_total=paid(Status.DUPLICATE),
        )


# -- the file's payments --------------------------------------------------------------
def paid_payments(file: FileObject) -> list[Payment]:
    """The payments ``file`` reports, in file order: recaudo details, or the approved
    type-2 lines of ``pse-detail`` (see the module). Raises :class:`ReconcileError` for a
    format without per-payment lines (``pse-summary``) or without a reference."""
    return list(payments_of(file.layout, file.details))


def payments_of(layout: FileLayout, records: Iterable[Record]) -> Iterator[Payment]:
    """The payments of ``records`` of ``layout`` (a whole file's, streamed), as
    :func:`paid_payments` finds them, one at a time; raises :class:`ReconcileError`
    at once, before any record is taken, for a layout without them."""
    detail = layout.detail
    reference = detail.role(Role.REFERENCE)
    if detail.role(Role.TRANSACTIONS) is not None:
        raise ReconcileError(
            f"{layout.name} has no per-payment lines (one line per bank and state): "
            "reconcile a pse-detail or a recaudo file instead"
        )
    if reference is None:
        raise ReconcileError(
            f"{layout.name} has no payment reference to match on: no field of record "
            f"{detail.record_type} has role=Role.REFERENCE"
        )
    ticket = detail.role(Role.TICKET)
    state = detail.role(Role.STATE)
    ref_of = operator.attrgetter(reference.name)
    ticket_of = None if ticket is None else operator.attrgetter(ticket.name)
    amount_of = operator.attrgetter(layout.amount_field)
    code = detail.record_type
    details: Iterable[Record] = (r for r in records if r.record_type == code)
    if state is not None:
        state_of = operator.attrgetter(state.name)
        details = (d for d in details if state_of(d) == catalogs.PSE_APPROVED)
    return (
        Payment(
            reference=ref_of(d) if ticket_of is None else payment_reference(ref_of(d), ticket_of(d)),
            amount=amount_of(d),
            line=d.line,
        )
        for d in details
    )


# -- pairing --------------------------------------------------------------------------
def _expectations(expected: Iterable[ExpectedPayment | Transaction]) -> tuple[ExpectedPayment, ...]:
    out = []
    for i, e in enumerate(expected):
        if isinstance(e, Transaction):
            out.append(ExpectedPayment.from_transaction(e))
        elif isinstance(e, ExpectedPayment):
            out.append(e)
        else:
            raise TypeError(
                f"expected[{i}] must be an ExpectedPayment or a Transaction, got {type(e).__name__}"
            )
    return tuple(out)


def pair_amounts(paid: Sequence[Decimal], expected: Sequence[Decimal]
                 ) -> tuple[list[tuple[Status, int]], list[int]]:
    """The pairing of one reference (the module's four steps): for each amount of
    ``paid`` (file order), its status and the index in ``expected`` of the
    expectation it answers (-1 for none); then the indexes of the expectations left
    over (missing), in order. On amounts alone, so that :func:`reconcile` and the
    command's spilled path (:mod:`.spilled`) pair by the same code.

    Linear in the payments and expectations of the reference: the expectations
    left for each amount wait in a queue (equal amounts hash alike, ``85400.5`` and
    ``85400.50`` too), and those left for step 2 are found by a cursor that only
    moves forward, so a reference paid 100,000 times costs no more per payment
    than one paid once.
    """
    if len(paid) == 1 and len(expected) <= 1:  # most references: paid once, expected once
        if not expected:
            return [(Status.UNEXPECTED, -1)], []
        return [(Status.MATCHED if paid[0] == expected[0] else Status.AMOUNT_DIFFERS, 0)], []
    by_amount: dict[Decimal, deque[int]] = {}
    for j, amount in enumerate(expected):
        by_amount.setdefault(amount, deque()).append(j)
    taken = [False] * len(expected)
    out: list[tuple[Status, int] | None] = [None] * len(paid)
    for n, amount in enumerate(paid):  # 1. exact amounts, the first such expectation
        queue = by_amount.get(amount)
        if queue:
            j = queue.popleft()
            taken[j] = True
            out[n] = (Status.MATCHED, j)
    left = 0  # expectations before it are all taken
    for n in range(len(paid)):
        if out[n] is not None:
            continue
        while left < len(expected) and taken[left]:
            left += 1
        if left < len(expected):  # 2. the reference was expected, for another amount
            taken[left] = True
            out[n] = (Status.AMOUNT_DIFFERS, left)
        elif expected or n > 0:  # 3. paid more times than expected, or again
            out[n] = (Status.DUPLICATE, -1)
        else:
            out[n] = (Status.UNEXPECTED, -1)
    return [o for o in out if o is not None], [j for j, done in enumerate(taken) if not done]


def _pair(
    key: str, paid: Sequence[Payment], expected: Sequence[tuple[int, ExpectedPayment]]
) -> tuple[list[Item], list[tuple[int, Item]]]:
    """Items for one reference (:func:`pair_amounts`): one per payment of ``paid``
    (same order), and the missing ones with the index of their expectation."""
    outcomes, left = pair_amounts([p.amount for p in paid], [e.amount for _, e in expected])
    first_line = paid[0].line if paid else None
    items = [
        Item(status=status, reference=key, paid=p,
             expected=expected[j][1] if j >= 0 else None,
             duplicate_of=first_line if status is Status.DUPLICATE else None)
        for p, (status, j) in zip(paid, outcomes, strict=True)
    ]
    missing = [(expected[j][0], Item(status=Status.MISSING, reference=key, expected=expected[j][1]))
               for j in left]
    return items, missing


def _match(
    format: str, payments: Sequence[Payment], expected: Sequence[ExpectedPayment]
) -> Reconciliation:
    paid_by: dict[str, list[int]] = {}
    for n, p in enumerate(payments):
        paid_by.setdefault(p.key, []).append(n)
    expected_by: dict[str, list[tuple[int, ExpectedPayment]]] = {}
    for n, e in enumerate(expected):
        expected_by.setdefault(e.key, []).append((n, e))
    by_payment: dict[int, Item] = {}
    missing: list[tuple[int, Item]] = []
    for key in dict.fromkeys([*paid_by, *expected_by]):
        indexes = paid_by.get(key, [])
        items, gone = _pair(key, [payments[n] for n in indexes], expected_by.get(key, []))
        by_payment.update(zip(indexes, items, strict=True))
        missing.extend(gone)
    ordered = [by_payment[n] for n in range(len(payments))] + [i for _, i in sorted(missing, key=_first)]
    return Reconciliation(
        format=format,
        items=tuple(ordered),
        expected=tuple(expected),
        payments=tuple(payments),
        repeated=tuple(k for k, es in expected_by.items() if len(es) > 1),
    )


def _first(pair: tuple[int, Item]) -> int:
    return pair[0]


def reconcile(
    source: FileObject | Source,
    expected: Iterable[ExpectedPayment | Transaction] | str | os.PathLike[str],
    *,
    format: str | FileLayout | None = None,
) -> Reconciliation:
    """Compare the payments of ``source`` with those ``expected``.

    ``source`` is a file object or anything :func:`pse_recon.read` reads (a path,
    bytes, a binary stream; ``format``, a name or a layout, is detected when not given).
    ``expected`` is
    a list of :class:`ExpectedPayment` or :class:`~pse_recon.model.Transaction`
    (:meth:`ExpectedPayment.from_transaction`), or the path of a CSV or JSON file
    (:func:`~pse_recon.reconciliation.load_expected`).
    """
    file = source if isinstance(source, LotFile | FlatFile | PseFile) else read(source, format)
    if isinstance(expected, str | os.PathLike):
        from pse_recon.reconciliation.expected import load_expected

        expectations: tuple[ExpectedPayment, ...] = tuple(load_expected(expected))
    else:
        expectations = _expectations(expected)
    return _match(file.format, paid_payments(file), expectations)
