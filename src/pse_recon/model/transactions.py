"""A PSE payment: one type-2 line of the ``pse-detail`` file."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import attrs

from pse_recon import catalogs
from pse_recon.model._checks import Check, digits, instance_of, money, text, where
from pse_recon.model.entities import Bank, Cycle, Service
from pse_recon.money import as_text

__all__ = ["PseState", "Transaction"]


class PseState(StrEnum):
    """The PSE transaction states of :data:`catalogs.PSE_STATES`.

    A StrEnum, so a member equals the code written in the files ("1" to "4").
    """

    APPROVED = catalogs.PSE_APPROVED
    REJECTED = catalogs.PSE_REJECTED
    PENDING = catalogs.PSE_PENDING
    FAILED = catalogs.PSE_FAILED

    @property
    def description(self) -> str:
        return catalogs.PSE_STATES[self.value]


def _to_state(value: str) -> PseState:
    if value.__class__ is PseState:
        return value
    if not isinstance(value, str):
        raise TypeError(f"Transaction.state must be a str, got {type(value).__name__}: {value!r}")
    try:
        return PseState(value)
    except ValueError:
        raise ValueError(
            f"Transaction.state must be one of {', '.join(PseState)} (catalogs.PSE_STATES), got {value!r}"
        ) from None


def _timestamp(instance: object, attribute: attrs.Attribute[datetime], value: object) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"{where(instance, attribute)} must be a datetime, got {value!r}")


_check_timestamp = Check(_timestamp, "isinstance({v}, {ns}datetime)", {"datetime": datetime})


@attrs.frozen(kw_only=True)
class Transaction:
    """One payment made through PSE, whatever its outcome.

    Identifiers are stored as given; cutting them to a file's field (the last 6
    digits of the CUS in Asobancaria 2001, 8 in ``pse-detail``) is the writer's job.

    Rules across fields, checked when built:

    * an approved payment (state 1) has a non-empty ``authorization_code``: the bank's
      authorization is what makes it approved, and reconciliation matches on it;
    * ``cause`` is a code of :data:`catalogs.REJECTION_CODES` when rejected (2), of
      :data:`catalogs.FAILURE_CODES` when failed (4), and None when approved or
      pending: a payment that did not go through always says why;
    * ``processed_at`` is not before ``created_at``, and both are naive (local
      Colombian time, as the files write them) or both aware;
    * ``iva`` is not more than ``amount``: the VAT is part of the amount paid.
    """

    cus: str = attrs.field(validator=digits(1))
    ticket_id: str = attrs.field(validator=digits(1, 20))
    reference_1: str = attrs.field(validator=text(required=True))
    reference_2: str = attrs.field(default="", validator=text(required=False))
    reference_3: str = attrs.field(default="", validator=text(required=False))
    amount: Decimal = attrs.field(validator=money)
    iva: Decimal = attrs.field(default=Decimal(0), validator=money)
    state: PseState = attrs.field(converter=_to_state)
    authorizing_bank: Bank = attrs.field(validator=instance_of(Bank))
    authorization_code: str = attrs.field(default="", validator=text(required=False))
    service: Service = attrs.field(validator=instance_of(Service))
    cycle: Cycle = attrs.field(validator=instance_of(Cycle))
    created_at: datetime = attrs.field(validator=_check_timestamp)
    processed_at: datetime = attrs.field(validator=_check_timestamp)
    cause: str | None = attrs.field(default=None, validator=instance_of(str, type(None)))

    def __attrs_post_init__(self) -> None:
        if self.iva > self.amount:
            raise ValueError(
                f"Transaction.iva {as_text(self.iva)} is more than the amount {as_text(self.amount)} "
                f"(CUS {self.cus}): the VAT is part of the amount paid"
            )
        if self.state is PseState.APPROVED and not self.authorization_code.strip():
            raise ValueError("Transaction.authorization_code must not be empty when state is 1 (approved)")
        self._check_cause()
        if (self.created_at.tzinfo is None) != (self.processed_at.tzinfo is None):
            raise ValueError("Transaction.processed_at and created_at must be both naive or both aware")
        if self.processed_at < self.created_at:
            raise ValueError(
                f"Transaction.processed_at {self.processed_at} is before created_at {self.created_at}"
            )

    def _check_cause(self) -> None:
        if self.state is PseState.REJECTED:
            codes, kind = catalogs.REJECTION_CODES, "a rejection code (catalogs.REJECTION_CODES)"
        elif self.state is PseState.FAILED:
            codes, kind = catalogs.FAILURE_CODES, "a failure code (catalogs.FAILURE_CODES)"
        else:
            if self.cause is not None:
                raise ValueError(
                    f"Transaction.cause must be None when state is {self.state.value} "
                    f"({self.state.description}), got {self.cause!r}"
                )
            return
        if self.cause not in codes:
            raise ValueError(
                f"Transaction.cause must be {kind} when state is {self.state.value} "
                f"({self.state.description}), got {self.cause!r}"
            )

    @property
    def cause_description(self) -> str | None:
        """The catalog text of ``cause``, None when there is no cause."""
        if self.cause is None:
            return None
        return catalogs.REJECTION_CODES.get(self.cause) or catalogs.FAILURE_CODES[self.cause]
