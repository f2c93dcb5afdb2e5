"""Who collects, where the money goes, and when it settles.

The concepts of the PSE administrative module: a company (empresa) registers
collecting accounts (cuentas recaudadoras) at banks, and services (servicios),
each paid into one account; payments settle in numbered cycles (ciclos).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, Final

import attrs

from pse_recon import catalogs
from pse_recon.calendar import DEFAULT_SCHEDULE, CycleAssignment, CycleSchedule, assign_cycle
from pse_recon.model._checks import (
    digits,
    instance_of,
    is_ascii_digits,
    require_str,
    text,
    where,
)
from pse_recon.model.identifiers import ean13_is_valid, nit_check_digit

__all__ = ["Bank", "CollectingAccount", "Company", "Cycle", "Service"]

# Transit code → PSE code, built once; catalogs.BANKS has no two banks sharing
# their last three digits.
_CODE_BY_TRANSIT: Final = {code[-3:]: code for code in catalogs.BANKS}


@attrs.frozen(kw_only=True)
class Bank:
    """A bank by its 4-digit PSE/ACH code.

    Any 4-digit code is accepted, not only those of :data:`catalogs.BANKS`: that
    list is public but not ACH's, so a bank missing from it must still be usable.
    """

    code: str = attrs.field(validator=digits(4, 4))
    name: str = attrs.field(validator=text(required=True))

    @property
    def transit_code(self) -> str:
        """The 3-digit código de tránsito of the Asobancaria files: the last three."""
        return self.code[-3:]

    @classmethod
    def from_code(cls, code: str) -> Bank:
        """The bank of :data:`catalogs.BANKS` with PSE code ``code`` (e.g. "1007")."""
        if not isinstance(code, str) or len(code) != 4 or not is_ascii_digits(code):
            raise ValueError(f"Bank.code must be 4 digits, got {code!r}")
        try:
            return cls(code=code, name=catalogs.BANKS[code])
        except KeyError:
            raise KeyError(f"Bank.code {code!r} is not in catalogs.BANKS") from None

    @classmethod
    def from_transit(cls, transit_code: str) -> Bank:
        """The bank of :data:`catalogs.BANKS` whose code ends in ``transit_code``."""
        if not isinstance(transit_code, str) or len(transit_code) != 3 or not is_ascii_digits(transit_code):
            raise ValueError(f"Bank.transit_code must be 3 digits, got {transit_code!r}")
        try:
            return cls.from_code(_CODE_BY_TRANSIT[transit_code])
        except KeyError:
            raise KeyError(f"Bank.transit_code {transit_code!r} matches no bank in catalogs.BANKS") from None


def _dv_if_computable(company: Any) -> str:
    # Runs before the validators: leave a bad NIT for the nit validator to report.
    nit = company.nit
    if isinstance(nit, str) and is_ascii_digits(nit) and len(nit) <= 15:
        return nit_check_digit(nit)
    return ""


def _check_dv(instance: Company, attribute: attrs.Attribute[str], value: object) -> None:
    digits(1, 1)(instance, attribute, value)
    expected = nit_check_digit(instance.nit)
    if value != expected:
        raise ValueError(
            f"{where(instance, attribute)} {value!r} is wrong for NIT {instance.nit}: DIAN gives {expected!r}"
        )


@attrs.frozen(kw_only=True)
class Company:
    """A collecting company (empresa) by its NIT; the DV is computed when omitted.

    ``nit`` is stored as given (1 to 15 digits, without the DV): padding to a
    field's width is the file writer's job.
    """

    nit: str = attrs.field(validator=digits(1, 15))
    check_digit: str = attrs.field(
        default=attrs.Factory(_dv_if_computable, takes_self=True), validator=_check_dv
    )
    name: str = attrs.field(validator=text(required=True))

    @property
    def nit_with_dv(self) -> str:
        """NIT followed by its DV, as 2001 headers write it (10 digits for a 9-digit NIT)."""
        return self.nit + self.check_digit


def _check_account_type(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if require_str(instance, attribute, value) not in catalogs.TIPO_CUENTA:
        raise ValueError(
            f"{where(instance, attribute)} must be one of "
            f"{', '.join(catalogs.TIPO_CUENTA)} (catalogs.TIPO_CUENTA), got {value!r}"
        )


def _check_account_number(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    text(required=True, max_len=17)(instance, attribute, value)
    assert isinstance(value, str)
    if value != value.strip() or not value.isascii():
        raise ValueError(
            f"{where(instance, attribute)} must be ASCII without surrounding spaces, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class CollectingAccount:
    """A cuenta recaudadora: where a service's collections are credited.

    ``number`` is up to 17 characters, the width of the files' account fields.
    """

    bank: Bank = attrs.field(validator=instance_of(Bank))
    account_type: str = attrs.field(validator=_check_account_type)
    number: str = attrs.field(validator=_check_account_number)

    @property
    def account_type_name(self) -> str:
        return catalogs.TIPO_CUENTA[self.account_type]


def _check_service_code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    digits(1, 13)(instance, attribute, value)
    if len(str(value)) == 13 and not ean13_is_valid(str(value)):
        raise ValueError(
            f"{where(instance, attribute)} {value!r} has 13 digits but is not a valid "
            "EAN-13 (wrong check digit); a NIT has at most 12"
        )


@attrs.frozen(kw_only=True)
class Service:
    """A service (servicio) a company collects for, paid into one account.

    ``code`` is what the files call código de servicio: a 13-digit EAN-13 (its check
    digit is verified) or, when shorter, a NIT.
    """

    code: str = attrs.field(validator=_check_service_code)
    name: str = attrs.field(validator=text(required=True))
    account: CollectingAccount = attrs.field(validator=instance_of(CollectingAccount))

    @property
    def is_ean13(self) -> bool:
        return len(self.code) == 13


def _check_cycle_number(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where(instance, attribute)} must be an int, got {value!r}")
    if not 1 <= value <= 9:
        raise ValueError(
            f"{where(instance, attribute)} must be 1 to 9 (PSE writes it in one digit), got {value}"
        )


def _check_plain_date(instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(
            f"{where(instance, attribute)} must be a datetime.date (not a datetime), got {value!r}"
        )


def _check_naive_time(instance: object, attribute: attrs.Attribute[time], value: object) -> None:
    if not isinstance(value, time):
        raise TypeError(f"{where(instance, attribute)} must be a datetime.time, got {value!r}")
    if value.tzinfo is not None:
        raise ValueError(f"{where(instance, attribute)} must be naive local time, got {value!r}")


@attrs.frozen(kw_only=True)
class Cycle:
    """A settlement cycle: its number within the day and when it closed.

    The closing date is the fecha de pago of every payment the cycle carries.
    """

    number: int = attrs.field(validator=_check_cycle_number)
    closing_date: date = attrs.field(validator=_check_plain_date)
    closing_time: time = attrs.field(validator=_check_naive_time)

    @property
    def closing(self) -> datetime:
        """The closing instant, naive Colombian local time."""
        return datetime.combine(self.closing_date, self.closing_time)

    @classmethod
    def from_assignment(cls, assignment: CycleAssignment) -> Cycle:
        return cls(
            number=assignment.number,
            closing_date=assignment.payment_date,
            closing_time=assignment.closing_time,
        )

    @classmethod
    def for_payment(cls, timestamp: datetime, schedule: CycleSchedule = DEFAULT_SCHEDULE) -> Cycle:
        """The cycle that settles a payment made at ``timestamp`` (see assign_cycle)."""
        return cls.from_assignment(assign_cycle(timestamp, schedule))
