"""Values.maker, a payment's record made by one generated function, against what it
replaces, ``made_and_encoded(cls, values(scope_of(t)))``: the same record and line, or
the same error, for every record type of every built-in format, fitting or not."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from pse_recon.generator.values import Scope, Values
from pse_recon.layouts import FORMATS, layout
from pse_recon.model import Bank, CollectingAccount, Collection, Company, Service, Transaction
from pse_recon.records.factory import made_and_encoded, record_classes
from pse_recon.testing import collections

VARIANTS = [(name, None) for name in FORMATS] + [("asobancaria-2001", 150)]
RECORDS = [
    (name, width, code)
    for name, width in VARIANTS
    for code, rec in layout(name, width).records.items()
]


@pytest.fixture(autouse=True)
def _own_decimal_context() -> Iterator[None]:
    """Hostile amounts (sNaN compared) flag the context: this module's own, not the thread's."""
    with decimal.localcontext():
        yield


def _outcome(make: Any) -> tuple[str, Any]:
    try:
        return "made", make()
    except Exception as exc:  # the exception is the result compared
        return "raised", exc


def hostile(t: Transaction, i: int, draw: st.DrawFn) -> Transaction:
    """``t`` with values that do not fit some format's fields (built unchecked)."""
    changes = draw(st.fixed_dictionaries({}, optional={
        "cus": st.sampled_from(["1" * 28 + f"{i:02d}", f"{i}", "0" * 20 + f"{i}"]),
        "ticket_id": st.sampled_from(["1" * 20, "0"]),
        "reference_1": st.sampled_from(["ñandú", "ABC-1", "1" * 40, " 12 ", "€", "x" * 60]),
        "reference_2": st.sampled_from(["ñ", "1" * 40, "abc"]),
        "reference_3": st.sampled_from(["€", "9" * 40]),
        "amount": st.sampled_from([Decimal("9999999999999999.99"), Decimal("1E+15"), Decimal("0.5"),
                                   Decimal("0")]),
        "iva": st.sampled_from([Decimal("9999999999999999.99"), Decimal("0.01")]),
        "authorization_code": st.sampled_from(["", "12345678901234567890", "AB12", "é1", "x" * 60]),
        "created_at": st.sampled_from([dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(1, 1, 1, 0, 0)]),
        "processed_at": st.sampled_from([dt.datetime(9999, 12, 31, 23, 59, 59)]),
        "authorizing_bank": st.sampled_from([Bank(code="9999", name="Otro")]),
    }))
    return _unchecked(t, changes) if changes else t


def _unchecked(t: Transaction, changes: dict[str, Any]) -> Transaction:
    with attrs.validators.disabled():
        try:
            return attrs.evolve(t, **changes)
        except Exception:  # a rule across fields (iva > amount): keep the valid one
            return t


@st.composite
def payments(draw: st.DrawFn) -> Collection:
    """A drawn collection, in half the cases with values that do not fit some format
    (a 15-digit NIT, an account not all digits, long or non-ASCII texts, big amounts)."""
    c: Collection = draw(collections(min_transactions=1, max_transactions=4))
    if draw(st.booleans()):
        company = draw(st.sampled_from([Company(nit="123456789012345", name="Larga"), c.company]))
        account = CollectingAccount(bank=c.services[0].account.bank, account_type="01",
                                    number=draw(st.sampled_from(["ABC-123", "1" * 17, "12345"])))
        service = Service(code=c.services[0].code, name="S", account=account)
        txs = [hostile(attrs.evolve(t, service=service, cus=f"{t.cus}{i:02d}"), i, draw)
               for i, t in enumerate(c.transactions)]
        with attrs.validators.disabled():
            c = Collection(company=company, cycle=c.cycle, services=[service], transactions=txs,
                           pse_code=draw(st.sampled_from(["", "12345678901234567890"])))
    return c


def scope_makers(c: Collection, title: str) -> list[Any]:
    """Functions giving a payment's scope: ``_Writer``'s (its account and it), and
    others of the same payment (no account, a bank, a service, a header's made)."""
    made = (c.cycle.closing_date, c.cycle.closing_time)
    return [
        lambda t: Scope(collection=c, title=title, account=t.service.account, transaction=t),
        lambda t: Scope(collection=c, title=title, transaction=t),
        lambda t: Scope(collection=c, title=title, account=t.service.account, bank=t.authorizing_bank,
                        service=t.service, transaction=t, made=made, modifier="A"),
    ]


def _maker(fmt: Any, code: str, scope_of: Any) -> Any:
    return Values(fmt.records[code].attributes, code).maker(record_classes(fmt)[code], scope_of)


def test_every_detail_maker_is_compiled() -> None:
    """The comparison below is of generated functions, not of the fallback."""
    for name, width in VARIANTS:
        fmt = layout(name, width)
        assert _maker(fmt, fmt.structure.detail, lambda t: None).__name__ == "made", (name, width)


@pytest.mark.parametrize(("name", "width", "code"), RECORDS, ids=[f"{n}-{w}-{c}" for n, w, c in RECORDS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(c=payments())
def test_maker_is_made_and_encoded(name: str, width: int | None, code: str, c: Collection) -> None:
    fmt = layout(name, width)
    cls = record_classes(fmt)[code]
    for scope_of in scope_makers(c, fmt.title):
        maker = _maker(fmt, code, scope_of)
        for t in c.transactions:
            want = _outcome(lambda t=t, s=scope_of: made_and_encoded(
                cls, Values(fmt.records[code].attributes, code)(s(t))))
            got = _outcome(lambda t=t, m=maker: m(t))
            if want[0] == "raised" or got[0] == "raised":
                assert (got[0], type(got[1]), str(got[1])) == (want[0], type(want[1]), str(want[1]))
                continue
            (record, line), (made, made_line) = want[1], got[1]
            assert type(made) is type(record) is cls
            assert made == record and made_line == line
            for a in attrs.fields(cls):
                x, y = getattr(record, a.name), getattr(made, a.name)
                assert type(x) is type(y) and repr(x) == repr(y), a.name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(made, attrs.fields(cls)[0].name, None)


@pytest.mark.parametrize("outcome", ["made", "raised"])
def test_payments_make_records_and_errors(outcome: str) -> None:
    """A check of the strategy: it draws payments that make a detail and payments that
    raise, searched for deterministically (60 random draws once held no raising one)."""
    fmt = layout("asobancaria-2001")

    def outcomes(c: Collection) -> set[str]:
        maker = _maker(fmt, fmt.structure.detail, scope_makers(c, fmt.title)[0])
        return {_outcome(lambda t=t: maker(t))[0] for t in c.transactions}

    search = settings(max_examples=2000, derandomize=True, database=None, phases=[Phase.generate],
                      suppress_health_check=list(HealthCheck))
    found = find(payments(), lambda c: outcome in outcomes(c), settings=search)
    assert outcome in outcomes(found)
