"""The model strategies of pse_recon.testing draw valid, consistent objects."""

from __future__ import annotations

import datetime as dt
import string
from decimal import Decimal

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from pse_recon import catalogs
from pse_recon.calendar import DEFAULT_SCHEDULE, CycleSchedule, is_business_day
from pse_recon.generator import Collection
from pse_recon.model import (
    Bank,
    CollectingAccount,
    Company,
    Cycle,
    PseState,
    Service,
    Transaction,
    ean13_is_valid,
    nit_check_digit,
)
from pse_recon.testing import (
    MAX_AMOUNT,
    accounts,
    banks,
    collections,
    companies,
    cycles,
    nits,
    service_codes,
    services,
    transactions,
)

#: find() without shrinking: the first example that fits is enough, and shrinking a
#: composite object is slow.
NO_SHRINK = settings(phases=[Phase.generate], database=None)


@given(banks())
def test_banks_are_known(bank: Bank) -> None:
    assert catalogs.BANKS[bank.code] == bank.name


def test_unknown_banks_on_request() -> None:
    bank = find(banks(known=False), lambda b: b.code not in catalogs.BANKS)
    assert len(bank.code) == 4 and bank.name == f"Banco {bank.code}"


@given(companies())
def test_companies_have_their_dv_and_fit_2001(company: Company) -> None:
    assert company.check_digit == nit_check_digit(company.nit)
    assert 1 <= len(company.nit) <= 9 and len(company.nit_with_dv) <= 10


@given(companies(max_nit_digits=15))
def test_long_nits_on_request(company: Company) -> None:
    assert len(company.nit) <= 15


def test_nits_bounds() -> None:
    assert len(find(nits(9, 9), lambda n: True)) == 9
    with pytest.raises(ValueError, match="need 1 <= min_digits <= max_digits <= 15"):
        nits(3, 2)


@given(service_codes())
def test_service_codes(code: str) -> None:
    assert code.isdigit()
    if len(code) == 13:
        assert code.startswith("770") and ean13_is_valid(code)
    else:
        assert 2 <= len(code) <= 10 and code[-1] == nit_check_digit(code[:-1])


def test_both_kinds_of_service_code() -> None:
    assert len(find(service_codes(), lambda c: len(c) == 13)) == 13
    assert len(find(service_codes(), lambda c: len(c) < 13)) == 2


@given(accounts(Bank.from_code("1051")))
def test_accounts(account: CollectingAccount) -> None:
    assert account.bank.code == "1051"
    assert account.account_type in catalogs.TIPO_CUENTA
    assert account.number.isdigit() and 6 <= len(account.number) <= 15


@given(services())
def test_services(service: Service) -> None:
    assert service.account.bank.code in catalogs.BANKS


@given(cycles())
def test_cycles_are_ach_cycles(cycle: Cycle) -> None:
    assert is_business_day(cycle.closing_date)
    assert DEFAULT_SCHEDULE.closings[cycle.number - 1] == cycle.closing_time


@given(cycles(CycleSchedule([dt.time(12), dt.time(18)]), dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
def test_cycles_with_a_schedule(cycle: Cycle) -> None:
    assert cycle.number in (1, 2) and cycle.closing_time == (dt.time(12), dt.time(18))[cycle.number - 1]
    assert dt.date(2026, 1, 2) <= cycle.closing_date <= dt.date(2026, 2, 2)  # Jan 1 is a festivo


@given(transactions())
def test_transactions_are_consistent(t: Transaction) -> None:
    if t.state is PseState.APPROVED:
        assert t.authorization_code.strip() and t.cause is None
    elif t.state is PseState.REJECTED:
        assert t.cause in catalogs.REJECTION_CODES and t.authorization_code == ""
    elif t.state is PseState.FAILED:
        assert t.cause in catalogs.FAILURE_CODES and t.authorization_code == ""
    else:
        assert t.cause is None and t.authorization_code == ""
    assert t.created_at <= t.processed_at and t.created_at <= t.cycle.closing
    assert Decimal(0) <= t.amount <= MAX_AMOUNT and t.amount == t.amount.quantize(Decimal("0.01"))
    assert len(t.reference_1) <= 20 and len(t.ticket_id) <= 20


@pytest.mark.parametrize("state", list(PseState))
def test_every_state_is_drawn(state: PseState) -> None:
    found = find(transactions(), lambda t: t.state is state, settings=NO_SHRINK)
    assert found.state is state


@given(transactions(whole_pesos=True, max_amount=Decimal(1000), states=(PseState.APPROVED,)))
def test_transaction_options(t: Transaction) -> None:
    assert t.state is PseState.APPROVED
    assert t.amount == t.amount.to_integral_value() and t.amount <= 1000


@given(st.data())
def test_transactions_of_given_service_cycle_and_banks(data: st.DataObject) -> None:
    service, cycle = data.draw(services()), data.draw(cycles())
    t = data.draw(transactions(service, cycle, authorizing_banks=st.just(Bank.from_code("1507"))))
    assert (t.service, t.cycle, t.authorizing_bank.code) == (service, cycle, "1507")


@settings(max_examples=50)
@given(collections())
def test_collections_are_ready_for_the_generator(c: Collection) -> None:
    assert 1 <= len(c.services) <= 3 and len({s.code for s in c.services}) == len(c.services)
    assert len(c.accounts) == 1
    assert len(c.transactions) <= 12
    assert all(t.service in c.services and t.cycle == c.cycle for t in c.transactions)
    assert c.pse_code == "" or (c.pse_code.isdigit() and len(c.pse_code) <= 8)
    assert set(c.pse_code) <= set(string.digits)


@settings(max_examples=30)
@given(collections(min_transactions=3, max_transactions=3, states=(PseState.PENDING,), whole_pesos=True))
def test_collection_options(c: Collection) -> None:
    assert len(c.transactions) == 3 and not c.approved
    assert all(t.amount == t.amount.to_integral_value() for t in c.transactions)


def test_several_accounts_on_request() -> None:
    c = find(collections(one_account=False), lambda c: len(c.accounts) > 1, settings=NO_SHRINK)
    assert 2 <= len(c.accounts) <= 3
