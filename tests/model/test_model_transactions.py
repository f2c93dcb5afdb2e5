"""Transaction: money rules, states, causes and the checks across fields."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_recon.model import Bank, CollectingAccount, Cycle, PseState, Service, Transaction

BANCOLOMBIA = Bank(code="1007", name="Bancolombia")
DAVIVIENDA = Bank(code="1051", name="Davivienda")
SERVICE = Service(
    code="7709998888487",
    name="Gas natural",
    account=CollectingAccount(bank=BANCOLOMBIA, account_type="02", number="12345678901"),
)
CYCLE = Cycle(number=3, closing_date=date(2024, 7, 2), closing_time=time(11))

APPROVED = Transaction(
    cus="12345678",
    ticket_id="20240702000123",
    reference_1="1234567",
    amount=Decimal("150000.00"),
    state="1",
    authorizing_bank=DAVIVIENDA,
    authorization_code="A1B2C3",
    service=SERVICE,
    cycle=CYCLE,
    created_at=datetime(2024, 7, 2, 10, 15, 0),
    processed_at=datetime(2024, 7, 2, 10, 16, 30),
)


def rejected(**changes: Any) -> Transaction:
    base: dict[str, Any] = {"state": "2", "authorization_code": "", "cause": "00011"}
    return attrs.evolve(APPROVED, **(base | changes))


def test_approved_transaction() -> None:
    assert APPROVED.state is PseState.APPROVED
    code_in_file: str = "1"
    assert APPROVED.state == code_in_file  # a StrEnum member equals the file's code
    assert APPROVED.iva == Decimal("0")
    assert APPROVED.reference_2 == ""
    assert APPROVED.reference_3 == ""
    assert APPROVED.cause is None
    assert APPROVED.cause_description is None


def test_rejected_transaction_carries_its_cause() -> None:
    tx = rejected()
    assert tx.state is PseState.REJECTED
    assert tx.cause_description == "FONDOS INSUFICIENTES"


def test_failed_transaction_carries_a_failure_code() -> None:
    tx = attrs.evolve(APPROVED, state=PseState.FAILED, authorization_code="", cause="10002")
    assert tx.state == "4"
    assert tx.cause_description == "FAIL_BANKUNREACHEABLE – NO SE PUEDE CONECTAR CON EL BANCO"


def test_pending_transaction_has_no_cause_and_may_lack_authorization() -> None:
    tx = attrs.evolve(APPROVED, state="3", authorization_code="")
    assert tx.state is PseState.PENDING
    assert tx.cause is None


def test_rejected_may_still_carry_an_authorization_code() -> None:
    assert rejected(authorization_code="X9").authorization_code == "X9"


def test_identifiers_are_stored_as_given() -> None:
    tx = attrs.evolve(APPROVED, cus="000123456789", ticket_id="0" * 20)
    assert tx.cus == "000123456789"
    assert tx.ticket_id == "00000000000000000000"


def test_amounts_with_trailing_zeros_beyond_two_places_are_fine() -> None:
    # 1.230 is 1.23: two decimals by value.
    assert attrs.evolve(APPROVED, amount=Decimal("1.230")).amount == Decimal("1.23")


def test_largest_amount_fits_sixteen_integer_digits() -> None:
    big = Decimal("9999999999999999.99")
    assert attrs.evolve(APPROVED, amount=big, iva=big).amount == big


def test_state_enum_matches_the_catalog() -> None:
    assert [s.value for s in PseState] == ["1", "2", "3", "4"]
    assert PseState.APPROVED.description == "Aprobada (OK)"
    assert PseState.REJECTED.description == "Rechazada (NOT_AUTHORIZED)"


@pytest.mark.parametrize(
    ("changes", "error", "pattern"),
    [
        # money
        ({"amount": 150000.0}, TypeError, r"^Transaction\.amount must be a decimal\.Decimal"),
        ({"amount": 150000}, TypeError, r"^Transaction\.amount must be a decimal\.Decimal"),
        ({"amount": "150000.00"}, TypeError, r"^Transaction\.amount must be a decimal\.Decimal"),
        ({"amount": Decimal("-1")}, ValueError, r"^Transaction\.amount must not be negative"),
        ({"amount": Decimal("-0")}, ValueError, r"^Transaction\.amount must not be negative"),
        ({"amount": Decimal("0.001")}, ValueError, r"^Transaction\.amount must have at most 2"),
        ({"amount": Decimal("NaN")}, ValueError, r"^Transaction\.amount must be a finite"),
        ({"amount": Decimal("Infinity")}, ValueError, r"^Transaction\.amount must be a finite"),
        (
            {"amount": Decimal("10000000000000000")},
            ValueError,
            r"^Transaction\.amount must have at most 16 integer digits",
        ),
        ({"iva": 0.19}, TypeError, r"^Transaction\.iva must be a decimal\.Decimal"),
        ({"iva": Decimal("-0.01")}, ValueError, r"^Transaction\.iva must not be negative"),
        ({"iva": Decimal("1.999")}, ValueError, r"^Transaction\.iva must have at most 2"),
        # identifiers and text
        ({"cus": ""}, ValueError, r"^Transaction\.cus must be 1 to any number of digits"),
        ({"cus": "12-34"}, ValueError, r"^Transaction\.cus must be"),
        ({"cus": 12345678}, TypeError, r"^Transaction\.cus must be a str"),
        ({"ticket_id": "1" * 21}, ValueError, r"^Transaction\.ticket_id must be 1 to 20 digits"),
        ({"ticket_id": "T-1"}, ValueError, r"^Transaction\.ticket_id must be"),
        ({"reference_1": ""}, ValueError, r"^Transaction\.reference_1 must not be empty"),
        ({"reference_1": 1234567}, TypeError, r"^Transaction\.reference_1 must be a str"),
        ({"reference_2": "a\tb"}, ValueError, r"^Transaction\.reference_2 must not hold control"),
        ({"reference_3": "a\r\n"}, ValueError, r"^Transaction\.reference_3 must not hold"),
        # state
        ({"state": "5"}, ValueError, r"^Transaction\.state must be one of 1, 2, 3, 4"),
        ({"state": "9"}, ValueError, r"^Transaction\.state must be one of"),
        ({"state": ""}, ValueError, r"^Transaction\.state must be one of"),
        ({"state": 1}, TypeError, r"^Transaction\.state must be a str"),
        # related objects and timestamps
        ({"authorizing_bank": "1051"}, TypeError, r"^Transaction\.authorizing_bank must be Bank"),
        ({"service": "7709998888487"}, TypeError, r"^Transaction\.service must be Service"),
        ({"cycle": 3}, TypeError, r"^Transaction\.cycle must be Cycle, got int"),
        ({"authorization_code": None}, TypeError, r"^Transaction\.authorization_code must be"),
        ({"created_at": date(2024, 7, 2)}, TypeError, r"^Transaction\.created_at must be a dat"),
        ({"processed_at": "20240702"}, TypeError, r"^Transaction\.processed_at must be a dat"),
        ({"cause": 11}, TypeError, r"^Transaction\.cause must be str or None, got int"),
    ],
)
def test_invalid_values(changes: dict[str, Any], error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        attrs.evolve(APPROVED, **changes)


@pytest.mark.parametrize("code", ["", "   "])
def test_approved_needs_an_authorization_code(code: str) -> None:
    with pytest.raises(
        ValueError,
        match=r"^Transaction\.authorization_code must not be empty when state is 1",
    ):
        attrs.evolve(APPROVED, authorization_code=code)


@pytest.mark.parametrize(
    ("changes", "pattern"),
    [
        ({"cause": "00011"}, r"^Transaction\.cause must be None when state is 1"),
        (
            {"state": "3", "cause": "00001"},
            r"^Transaction\.cause must be None when state is 3 \(Pendiente\)",
        ),
        (
            {"state": "2", "cause": None},
            r"^Transaction\.cause must be a rejection code .* when state is 2",
        ),
        ({"state": "2", "cause": "10001"}, r"^Transaction\.cause must be a rejection code"),
        ({"state": "2", "cause": "00025"}, r"^Transaction\.cause must be a rejection code"),
        ({"state": "2", "cause": "11"}, r"^Transaction\.cause must be a rejection code"),
        (
            {"state": "4", "cause": None},
            r"^Transaction\.cause must be a failure code .* when state is 4",
        ),
        ({"state": "4", "cause": "00001"}, r"^Transaction\.cause must be a failure code"),
    ],
)
def test_cause_is_present_exactly_when_the_state_calls_for_one(changes: dict[str, Any], pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        attrs.evolve(APPROVED, **changes)


def test_processed_before_created_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^Transaction\.processed_at .* is before created_at"):
        attrs.evolve(APPROVED, processed_at=datetime(2024, 7, 2, 10, 14, 59))


def test_processed_equal_to_created_is_fine() -> None:
    tx = attrs.evolve(APPROVED, processed_at=APPROVED.created_at)
    assert tx.processed_at == datetime(2024, 7, 2, 10, 15, 0)


def test_naive_and_aware_timestamps_do_not_mix() -> None:
    with pytest.raises(ValueError, match=r"^Transaction\.processed_at and created_at must be both"):
        attrs.evolve(APPROVED, processed_at=datetime(2024, 7, 2, 16, 0, tzinfo=UTC))


def test_transaction_is_frozen() -> None:
    with pytest.raises(AttributeError):
        APPROVED.amount = Decimal("1.00")  # type: ignore[misc]


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_any_whole_number_of_cents_up_to_the_limit_is_accepted(cents: int) -> None:
    amount = Decimal(cents).scaleb(-2)
    assert attrs.evolve(APPROVED, amount=amount).amount * 100 == cents


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_are_always_refused(value: float) -> None:
    with pytest.raises(TypeError, match=r"^Transaction\.amount must be a decimal\.Decimal"):
        attrs.evolve(APPROVED, amount=value)  # type: ignore[arg-type]


@given(st.sampled_from(sorted({"00001", "00012", "00024"})))
def test_rejection_codes_from_the_catalog_are_accepted(code: str) -> None:
    assert rejected(cause=code).cause == code
