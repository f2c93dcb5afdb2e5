"""Hypothesis strategies for the domain model: banks, companies, accounts, services,
cycles, transactions and whole collections ready for :func:`pse_recon.generator.generate`.

Everything drawn is *valid* for the model (DIAN check digits, EAN-13 check digits,
state, cause and authorization consistent) and, with the defaults, fits every
format: NITs of at most 9 digits (2001 writes NIT and DV in 10), numeric account
numbers (1998 and Andesco need digits), references of at most 20 characters
(``pse-detail``), amounts small enough that every control total fits.

    >>> from hypothesis import given
    >>> from pse_recon.generator import generate
    >>> from pse_recon.testing import collections
    >>> @given(collections())
    ... def test_generates(collection):
    ...     generate("pse-detail", collection)
"""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal
from typing import Final

from hypothesis import strategies as st

from pse_recon import catalogs, money
from pse_recon.calendar import DEFAULT_SCHEDULE, CycleSchedule, assign_cycle
from pse_recon.generator import Collection
from pse_recon.model import (
    Bank,
    CollectingAccount,
    Company,
    Cycle,
    PseState,
    Service,
    Transaction,
    ean13_check_digit,
    nit_check_digit,
)

__all__ = [
    "MAX_AMOUNT",
    "accounts",
    "banks",
    "collections",
    "companies",
    "cycles",
    "nits",
    "service_codes",
    "services",
    "transactions",
]

#: Default largest amount of a transaction: what a 2001/Andesco detail holds
#: (12 integer digits) would allow, but small enough that thousands of them still
#: fit every 16-digit total.
MAX_AMOUNT: Final = Decimal("999999999.99")

_NAMES: Final = st.text(string.ascii_letters + " .", min_size=1, max_size=30).filter(str.strip)


def banks(*, known: bool = True) -> st.SearchStrategy[Bank]:
    """Banks of :data:`catalogs.BANKS` (the transit codes validation knows); with
    ``known=False``, any 4-digit code."""
    listed = st.sampled_from(sorted(catalogs.BANKS)).map(Bank.from_code)
    if known:
        return listed
    other = st.text(string.digits, min_size=4, max_size=4).map(lambda c: Bank(code=c, name=f"Banco {c}"))
    return st.one_of(listed, other)


def nits(min_digits: int = 1, max_digits: int = 9) -> st.SearchStrategy[str]:
    """NITs without their DV (not starting with 0 when longer than one digit)."""
    if not 1 <= min_digits <= max_digits <= 15:
        raise ValueError("need 1 <= min_digits <= max_digits <= 15")
    low = 0 if min_digits == 1 else 10 ** (min_digits - 1)
    return st.integers(low, 10**max_digits - 1).map(str)


def companies(*, max_nit_digits: int = 9) -> st.SearchStrategy[Company]:
    """Companies with a valid DIAN check digit. NITs have at most ``max_nit_digits``
    digits: 9 by default, so NIT and DV fit the 10 digits of 2001 and Andesco."""
    return st.builds(
        lambda nit, name: Company(nit=nit, check_digit=nit_check_digit(nit), name=name),
        nits(1, max_nit_digits),
        _NAMES,
    )


def service_codes() -> st.SearchStrategy[str]:
    """Service codes: valid EAN-13s (GS1 Colombia prefix 770) or NITs with their DV."""
    ean = st.text(string.digits, min_size=9, max_size=9).map(
        lambda body: "770" + body + ean13_check_digit("770" + body)
    )
    nit = nits(1, 9).map(lambda n: n + nit_check_digit(n))
    return st.one_of(ean, nit)


def accounts(bank: Bank | None = None) -> st.SearchStrategy[CollectingAccount]:
    """Collecting accounts of ``bank`` (any known bank by default), with a numeric
    number of 6 to 15 digits (1998 writes the first 15, Andesco needs digits)."""
    return st.builds(
        lambda b, kind, number: CollectingAccount(bank=b, account_type=kind, number=number),
        banks() if bank is None else st.just(bank),
        st.sampled_from(sorted(catalogs.TIPO_CUENTA)),
        st.text(string.digits, min_size=6, max_size=15),
    )


def services(account: CollectingAccount | None = None) -> st.SearchStrategy[Service]:
    """Services paid into ``account`` (a drawn one by default)."""
    return st.builds(
        lambda code, name, acct: Service(code=code, name=name, account=acct),
        service_codes(),
        _NAMES,
        accounts() if account is None else st.just(account),
    )


def cycles(
    schedule: CycleSchedule = DEFAULT_SCHEDULE,
    min_date: dt.date = dt.date(2000, 1, 1),
    max_date: dt.date = dt.date(2099, 12, 31),
) -> st.SearchStrategy[Cycle]:
    """Cycles as ACH runs them: the cycle :func:`~pse_recon.calendar.assign_cycle`
    gives a payment at a drawn moment (a business day, one of ``schedule``'s closings)."""
    moments = st.datetimes(dt.datetime.combine(min_date, dt.time()), dt.datetime.combine(max_date, dt.time()))
    return moments.map(lambda m: Cycle.from_assignment(assign_cycle(m, schedule)))


_REFERENCES: Final = st.one_of(
    st.text(string.digits, min_size=1, max_size=20),  # client or invoice numbers, leading zeros and all
    st.text(string.ascii_uppercase + string.digits + "-", min_size=1, max_size=20).filter(str.strip),
)
_AUTHORIZATIONS: Final = st.one_of(
    st.text(string.digits, min_size=1, max_size=12),
    st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=50),
)


def _amounts(max_amount: Decimal, whole_pesos: bool) -> st.SearchStrategy[Decimal]:
    if whole_pesos:
        return st.integers(0, int(max_amount)).map(Decimal)
    cents = int(max_amount.scaleb(2, money.EXACT))  # exact in any context, as the next line
    return st.integers(0, cents).map(lambda n: money.from_units(n, 2))


@st.composite
def transactions(
    draw: st.DrawFn,
    service: Service | None = None,
    cycle: Cycle | None = None,
    *,
    states: tuple[PseState, ...] = tuple(PseState),
    authorizing_banks: st.SearchStrategy[Bank] | None = None,
    max_amount: Decimal = MAX_AMOUNT,
    whole_pesos: bool = False,
) -> Transaction:
    """A transaction whose state, cause and authorization agree: approved ones have an
    authorization code and no cause, rejected ones a rejection cause, failed ones a
    failure cause, pending ones neither. Made before its cycle closed, processed
    within the hour. ``whole_pesos`` draws amounts without centavos (Asobancaria 1998).
    """
    svc = draw(services()) if service is None else service
    cyc = draw(cycles()) if cycle is None else cycle
    state = draw(st.sampled_from(states))
    cause = None
    if state is PseState.REJECTED:
        cause = draw(st.sampled_from(sorted(catalogs.REJECTION_CODES)))
    elif state is PseState.FAILED:
        cause = draw(st.sampled_from(sorted(catalogs.FAILURE_CODES)))
    authorization = draw(_AUTHORIZATIONS) if state is PseState.APPROVED else ""
    created = cyc.closing.replace(microsecond=0) - dt.timedelta(seconds=draw(st.integers(0, 6 * 3600)))
    processed = created + dt.timedelta(seconds=draw(st.integers(0, 3600)))
    amount = draw(_amounts(max_amount, whole_pesos))
    return Transaction(
        cus=draw(st.text(string.digits, min_size=1, max_size=12)),
        ticket_id=draw(st.text(string.digits, min_size=1, max_size=20)),
        reference_1=draw(_REFERENCES),
        reference_2=draw(st.one_of(st.just(""), st.text(string.digits, min_size=1, max_size=20))),
        reference_3=draw(st.one_of(st.just(""), st.text(string.ascii_letters, max_size=20))),
        amount=amount,
        iva=draw(_amounts(amount, whole_pesos)) if draw(st.booleans()) else Decimal(0),
        state=state,
        authorizing_bank=draw(banks() if authorizing_banks is None else authorizing_banks),
        authorization_code=authorization,
        service=svc,
        cycle=cyc,
        created_at=created,
        processed_at=processed,
        cause=cause,
    )


@st.composite
def collections(
    draw: st.DrawFn,
    *,
    min_transactions: int = 0,
    max_transactions: int = 12,
    max_services: int = 3,
    one_account: bool = True,
    states: tuple[PseState, ...] = tuple(PseState),
    whole_pesos: bool = False,
    max_amount: Decimal = MAX_AMOUNT,
) -> Collection:
    """A company's collection of one cycle: 1 to ``max_services`` services (with
    distinct codes, all paid into one account when ``one_account``, as the recaudo
    formats need), and ``min_transactions`` to ``max_transactions`` transactions of
    those services in the cycle, from known banks, in any of ``states``.
    """
    company = draw(companies())
    cycle = draw(cycles())
    shared = draw(accounts())
    pool = st.just(shared) if one_account else st.one_of(st.just(shared), accounts())
    codes = draw(st.lists(service_codes(), min_size=1, max_size=max_services, unique=True))
    svcs = [Service(code=code, name=draw(_NAMES), account=draw(pool)) for code in codes]
    txs = draw(
        st.lists(
            st.sampled_from(svcs).flatmap(
                lambda s: transactions(
                    s, cycle, states=states, whole_pesos=whole_pesos, max_amount=max_amount
                )
            ),
            min_size=min_transactions,
            max_size=max_transactions,
            unique_by=lambda t: t.cus,  # a CUS identifies one payment
        )
    )
    pse_code = draw(st.one_of(st.just(""), st.text(string.digits, min_size=1, max_size=8)))
    return Collection(company=company, cycle=cycle, services=svcs, transactions=txs, pse_code=pse_code)
