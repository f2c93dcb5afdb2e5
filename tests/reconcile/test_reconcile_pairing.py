"""The pairing of payments and expectations against a plain reading of its rules.

``reconcile`` pairs in linear time (queues per amount, a cursor over what is left);
here a straightforward, quadratic implementation of the rules as documented
(docs/reconciling.md) decides the expected outcome of random small inputs, many of
them sharing references and amounts (equal amounts written with other scales,
references with leading zeros), and the two must agree item for item.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.reconciliation import ExpectedPayment, Item, Payment, Status, paid_payments, reconcile
from pse_recon.records import asobancaria_2001 as a01

HEADER = a01.FileHeader(
    nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20), codigo_entidad_recaudadora="007",
    numero_cuenta="12345678901", fecha_archivo=dt.date(2026, 11, 20), hora_archivo=dt.time(11),
    modificador_archivo="A", tipo_cuenta="02",
)
REFERENCES = ["21053", "0021053", "7", "007", "40001"]
AMOUNTS = [Decimal("10"), Decimal("10.00"), Decimal("10.5"), Decimal("10.50"), Decimal("20.00"), Decimal("0")]


def recaudo(payments: list[tuple[str, Decimal]]) -> pse_recon.File:
    details = [
        a01.Detail(referencia_principal=ref, valor_recaudado=amount, procedencia_pago="99", medio_pago="15",
                   codigo_entidad_debitada="051", codigo_sucursal="0003")
        for ref, amount in payments
    ]
    return pse_recon.build("asobancaria-2001", HEADER, [(a01.LotHeader(codigo_servicio="1"), details)])


def by_the_rules(paid: list[Payment], expected: list[ExpectedPayment]) -> list[Item]:
    """The documented pairing, reference by reference, as plainly as it reads."""
    items: dict[int, Item] = {}
    missing: list[tuple[int, Item]] = []
    keys = list(dict.fromkeys([p.key for p in paid] + [e.key for e in expected]))
    for key in keys:
        mine = [n for n, p in enumerate(paid) if p.key == key]
        left = [i for i, e in enumerate(expected) if e.key == key]
        unmatched = []
        for n in mine:  # 1. a payment matches the first expectation of its amount
            same = [i for i in left if expected[i].amount == paid[n].amount]
            if same:
                left.remove(same[0])
                match = expected[same[0]]
                items[n] = Item(status=Status.MATCHED, reference=key, expected=match, paid=paid[n])
            else:
                unmatched.append(n)
        for n in unmatched:
            if left:  # 2. then the next expectation left over: the amount differs
                other = expected[left.pop(0)]
                items[n] = Item(status=Status.AMOUNT_DIFFERS, reference=key, expected=other, paid=paid[n])
            elif any(e.key == key for e in expected) or n != mine[0]:  # 3. paid more often, or again
                items[n] = Item(status=Status.DUPLICATE, reference=key, paid=paid[n],
                                duplicate_of=paid[mine[0]].line)
            else:
                items[n] = Item(status=Status.UNEXPECTED, reference=key, paid=paid[n])
        missing += [(i, Item(status=Status.MISSING, reference=key, expected=expected[i])) for i in left]
    return [items[n] for n in range(len(paid))] + [item for _, item in sorted(missing, key=lambda m: m[0])]


pairs = st.tuples(st.sampled_from(REFERENCES), st.sampled_from(AMOUNTS))


@settings(max_examples=300, deadline=None)
@given(payments=st.lists(pairs, max_size=12), expectations=st.lists(pairs, max_size=12))
def test_the_pairing_follows_the_rules(
    payments: list[tuple[str, Decimal]], expectations: list[tuple[str, Decimal]]
) -> None:
    f = recaudo(payments)
    expected = [ExpectedPayment(reference=r, amount=a, line=n) for n, (r, a) in enumerate(expectations, 1)]
    result = reconcile(f, expected)
    assert list(result.items) == by_the_rules(paid_payments(f), expected)
    counts = {key: sum(e.key == key for e in expected) for key in {e.key for e in expected}}
    assert set(result.repeated) == {key for key, n in counts.items() if n > 1}


def test_one_reference_paid_and_expected_many_times() -> None:
    """The shape that was quadratic: 20,000 payments and as many expectations share a
    reference. Paid amounts cycle through 0-6, expected ones through 0-4: 2,858
    payments of 0 and 2,857 of each of 1-4 match (14,286, every one of them less
    than the 4,000 expected of each amount); the 5,714 payments of 5 and 6 take the
    5,714 expectations left, in order: amount differs; nothing is missing."""
    n = 20_000
    f = recaudo([("21053", Decimal(i % 7)) for i in range(n)])
    expected = [ExpectedPayment(reference="21053", amount=Decimal(i % 5), line=i + 1) for i in range(n)]
    result = reconcile(f, expected)
    s = result.summary
    counts = (s.matched_count, s.amount_differs_count, s.missing_count, s.duplicate_count)
    assert counts == (14_286, 5_714, 0, 0)
    differs = result.amount_differs
    taken = sorted(i.expected.line for i in result.items if i.expected is not None)
    assert taken == list(range(1, n + 1))  # each expectation answered once
    lines = [i.expected.line for i in differs if i.expected is not None]
    assert lines == sorted(lines)  # the payments left take the expectations left in order
    assert {i.paid.amount for i in differs if i.paid is not None} == {5, 6}
