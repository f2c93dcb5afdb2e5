"""Bank, Company, CollectingAccount, Service and Cycle: built valid, refused invalid."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_recon.calendar import CycleAssignment, CycleSchedule
from pse_recon.model import Bank, CollectingAccount, Company, Cycle, Service

BANCOLOMBIA = Bank(code="1007", name="Bancolombia")


# --- Bank ---------------------------------------------------------------------


def test_bank_transit_code_is_last_three_digits() -> None:
    assert BANCOLOMBIA.transit_code == "007"
    assert Bank(code="1507", name="Nequi").transit_code == "507"


def test_bank_from_code() -> None:
    assert Bank.from_code("1051") == Bank(code="1051", name="Davivienda")


def test_bank_from_transit() -> None:
    assert Bank.from_transit("040") == Bank(code="1040", name="Banco Agrario")
    assert Bank.from_transit("023") == Bank(code="1023", name="Banco de Occidente")
    assert Bank.from_transit("507") == Bank(code="1507", name="Nequi")


def test_bank_outside_the_catalog_can_still_be_built() -> None:
    assert Bank(code="1099", name="Banco Nuevo").transit_code == "099"


def test_unknown_bank_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match=r"Bank\.code '1099' is not in catalogs\.BANKS"):
        Bank.from_code("1099")


def test_unknown_transit_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match=r"Bank\.transit_code '999' matches no bank"):
        Bank.from_transit("999")


@pytest.mark.parametrize("code", ["007", "01007", "10a7", ""])
def test_malformed_lookup_code_is_a_value_error(code: str) -> None:
    with pytest.raises(ValueError, match=r"Bank\.code must be 4 digits"):
        Bank.from_code(code)


@pytest.mark.parametrize("code", ["07", "1007", "0x7"])
def test_malformed_transit_code_is_a_value_error(code: str) -> None:
    with pytest.raises(ValueError, match=r"Bank\.transit_code must be 3 digits"):
        Bank.from_transit(code)


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"code": "107", "name": "X"}, ValueError, r"^Bank\.code must be 4 digits"),
        ({"code": "10070", "name": "X"}, ValueError, r"^Bank\.code must be 4 digits"),
        ({"code": "1 07", "name": "X"}, ValueError, r"^Bank\.code must be 4 digits"),
        ({"code": 1007, "name": "X"}, TypeError, r"^Bank\.code must be a str"),
        ({"code": "1007", "name": "  "}, ValueError, r"^Bank\.name must not be empty"),
        ({"code": "1007", "name": "A\nB"}, ValueError, r"^Bank\.name must not hold control"),
    ],
)
def test_invalid_bank(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        Bank(**kwargs)


def test_bank_is_frozen() -> None:
    with pytest.raises(AttributeError):
        BANCOLOMBIA.code = "1001"  # type: ignore[misc]


# --- Company ------------------------------------------------------------------


def test_company_computes_the_check_digit() -> None:
    company = Company(nit="900649119", name="Empresa recaudadora")
    assert company.check_digit == "9"
    assert company.nit_with_dv == "9006491199"


@pytest.mark.parametrize(
    ("nit", "dv", "header"),
    [
        ("900649119", "9", "9006491199"),
        ("890399029", "5", "8903990295"),
        ("899999061", "9", "8999990619"),
    ],
)
def test_company_from_real_headers(nit: str, dv: str, header: str) -> None:
    assert Company(nit=nit, check_digit=dv, name="X").nit_with_dv == header


def test_wrong_check_digit_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^Company\.check_digit '8' is wrong .* DIAN gives '9'"):
        Company(nit="900649119", check_digit="8", name="X")


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"nit": "", "name": "X"}, ValueError, r"^Company\.nit must be 1 to 15 digits"),
        ({"nit": "900.649.119", "name": "X"}, ValueError, r"^Company\.nit must be"),
        ({"nit": "1" * 16, "name": "X"}, ValueError, r"^Company\.nit must be"),
        ({"nit": 900649119, "name": "X"}, TypeError, r"^Company\.nit must be a str"),
        (
            {"nit": "900649119", "check_digit": "19", "name": "X"},
            ValueError,
            r"^Company\.check_digit must be 1 digits",
        ),
        (
            {"nit": "900649119", "check_digit": 9, "name": "X"},
            TypeError,
            r"^Company\.check_digit must be a str",
        ),
        ({"nit": "900649119", "name": ""}, ValueError, r"^Company\.name must not be empty"),
    ],
)
def test_invalid_company(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        Company(**kwargs)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_computed_check_digit_round_trips_through_company(nit: str) -> None:
    computed = Company(nit=nit, name="X")
    again = Company(nit=nit, check_digit=computed.check_digit, name="X")
    assert again == computed
    assert again.nit_with_dv == nit + computed.check_digit
    for wrong in "0123456789".replace(computed.check_digit, ""):
        with pytest.raises(ValueError, match=r"Company\.check_digit"):
            Company(nit=nit, check_digit=wrong, name="X")


# --- CollectingAccount --------------------------------------------------------


def test_collecting_account() -> None:
    account = CollectingAccount(bank=BANCOLOMBIA, account_type="02", number="12345678901234567")
    assert account.account_type_name == "Corriente"
    assert account.number == "12345678901234567"


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        (
            {"bank": "1007", "account_type": "01", "number": "1"},
            TypeError,
            r"^CollectingAccount\.bank must be Bank, got str",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": "04", "number": "1"},
            ValueError,
            r"^CollectingAccount\.account_type must be one of 01, 02, 03",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": 1, "number": "1"},
            TypeError,
            r"^CollectingAccount\.account_type must be a str",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": "01", "number": "1" * 18},
            ValueError,
            r"^CollectingAccount\.number must be at most 17 characters",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": "01", "number": ""},
            ValueError,
            r"^CollectingAccount\.number must not be empty",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": "01", "number": " 123"},
            ValueError,
            r"^CollectingAccount\.number must be ASCII without surrounding spaces",
        ),
        (
            {"bank": BANCOLOMBIA, "account_type": "01", "number": "123ñ"},
            ValueError,
            r"^CollectingAccount\.number must be ASCII",
        ),
    ],
)
def test_invalid_collecting_account(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        CollectingAccount(**kwargs)


# --- Service ------------------------------------------------------------------

ACCOUNT = CollectingAccount(bank=BANCOLOMBIA, account_type="01", number="00123456789")


def test_service_with_ean13_code() -> None:
    service = Service(code="7709998888487", name="Gas natural", account=ACCOUNT)
    assert service.is_ean13 is True


def test_service_with_nit_code() -> None:
    service = Service(code="900649119", name="Aportes", account=ACCOUNT)
    assert service.is_ean13 is False


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        (
            # The real Banco de Occidente file's code: 13 digits, check digit wrong.
            {"code": "7707202600090", "name": "X", "account": ACCOUNT},
            ValueError,
            r"^Service\.code '7707202600090' has 13 digits but is not a valid EAN-13",
        ),
        (
            {"code": "77099988884870", "name": "X", "account": ACCOUNT},
            ValueError,
            r"^Service\.code must be 1 to 13 digits",
        ),
        ({"code": "", "name": "X", "account": ACCOUNT}, ValueError, r"^Service\.code must be"),
        ({"code": "77-0", "name": "X", "account": ACCOUNT}, ValueError, r"^Service\.code must"),
        (
            {"code": "7709998888487", "name": "", "account": ACCOUNT},
            ValueError,
            r"^Service\.name must not be empty",
        ),
        (
            {"code": "7709998888487", "name": "X", "account": BANCOLOMBIA},
            TypeError,
            r"^Service\.account must be CollectingAccount, got Bank",
        ),
    ],
)
def test_invalid_service(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        Service(**kwargs)


# --- Cycle --------------------------------------------------------------------


def test_cycle() -> None:
    cycle = Cycle(number=3, closing_date=date(2024, 7, 2), closing_time=time(11))
    assert cycle.closing == datetime(2024, 7, 2, 11, 0)


def test_cycle_from_assignment() -> None:
    assignment = CycleAssignment(7, date(2024, 7, 2), time(19, 30))
    assert Cycle.from_assignment(assignment) == Cycle(
        number=7, closing_date=date(2024, 7, 2), closing_time=time(19, 30)
    )


def test_cycle_for_payment_uses_the_schedule() -> None:
    # Friday 28 June 2024 at 22:00; Monday 1 July is a festivo.
    assert Cycle.for_payment(datetime(2024, 6, 28, 22, 0)) == Cycle(
        number=1, closing_date=date(2024, 7, 2), closing_time=time(7)
    )
    two = CycleSchedule((time(10), time(16)))
    assert Cycle.for_payment(datetime(2024, 7, 2, 10, 0, 1), two) == Cycle(
        number=2, closing_date=date(2024, 7, 2), closing_time=time(16)
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "pattern"),
    [
        ({"number": 0}, ValueError, r"^Cycle\.number must be 1 to 9"),
        ({"number": 10}, ValueError, r"^Cycle\.number must be 1 to 9"),
        ({"number": "1"}, TypeError, r"^Cycle\.number must be an int"),
        ({"number": True}, TypeError, r"^Cycle\.number must be an int"),
        (
            {"closing_date": datetime(2024, 7, 2, 11)},
            TypeError,
            r"^Cycle\.closing_date must be a datetime\.date \(not a datetime\)",
        ),
        ({"closing_date": "20240702"}, TypeError, r"^Cycle\.closing_date must be"),
        ({"closing_time": "110000"}, TypeError, r"^Cycle\.closing_time must be a datetime\.time"),
        (
            {"closing_time": time(11, tzinfo=UTC)},
            ValueError,
            r"^Cycle\.closing_time must be naive",
        ),
    ],
)
def test_invalid_cycle(kwargs: dict[str, Any], error: type[Exception], pattern: str) -> None:
    valid: dict[str, Any] = {
        "number": 1,
        "closing_date": date(2024, 7, 2),
        "closing_time": time(7),
    }
    with pytest.raises(error, match=pattern):
        Cycle(**(valid | kwargs))
