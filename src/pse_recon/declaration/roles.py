"""Semantic roles: what a field means, declared with it, so that code that needs a
meaning asks the layout for it instead of naming a format's field.

A layout declares ``digits("referencia_principal", 48, role=Role.REFERENCE)``;
reconciliation then matches on ``rec.role(Role.REFERENCE)`` whatever the field is
called, the generator writes each model value into the field of its role, ``show``
labels and groups by role, and the file objects add up ``Role.AMOUNT``. A format (or
a bank's variant) declared outside the package is reconciled, generated and shown
like the built-in ones as long as its fields say what they are.

A role is one field's per record type: a record declares it at most once. Which
record carries it follows from the structure: a payment's reference, amount, bank
and state are in the detail; the service of a lot is in the lot header; what a file
has one of (the account credited, the date it reports; 1998's one paying bank) is in
its header. Records themselves have their roles in the structure
(:mod:`pse_recon.declaration.structures`: header, lot header, detail, controls,
totals).
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType
from typing import Final

__all__ = ["ROLE_DESCRIPTIONS", "Role"]


class Role(StrEnum):
    """What a field means. The value is the name used in docs and ``describe --json``."""

    # -- one payment ------------------------------------------------------------------
    REFERENCE = "reference"
    SECONDARY_REFERENCE = "secondary_reference"
    THIRD_REFERENCE = "third_reference"
    TICKET = "ticket"
    AMOUNT = "amount"
    VAT = "vat"
    STATE = "state"
    PAYING_BANK = "paying_bank"
    CUS = "cus"
    AUTHORIZATION = "authorization"
    PAYMENT_ORIGIN = "payment_origin"
    PAYMENT_CHANNEL = "payment_channel"
    CYCLE = "cycle"
    PROCESS_DATE = "process_date"
    REGISTERED_TIME = "registered_time"
    TRANSACTIONS = "transactions"
    # -- who collects, and where the money goes -----------------------------------------
    SERVICE = "service"
    ACCOUNT = "account"
    ACCOUNT_TYPE = "account_type"
    COLLECTING_BANK = "collecting_bank"
    COMPANY_NIT = "company_nit"
    COMPANY_CODE = "company_code"
    PSE_CODE = "pse_code"
    # -- the file ---------------------------------------------------------------------
    DATE = "date"
    CLOSING_TIME = "closing_time"
    FILE_DATE = "file_date"
    FILE_TIME = "file_time"
    FILE_MODIFIER = "file_modifier"

    @property
    def description(self) -> str:
        return ROLE_DESCRIPTIONS[self]


#: What each role means, and what the library does with it.
ROLE_DESCRIPTIONS: Final = MappingProxyType({
    Role.REFERENCE: "the payment's reference (client or invoice number): what reconciliation "
    "matches on; with a ticket field beside it, a payment's reference is this one when it is "
    "all digits, else the ticket",
    Role.SECONDARY_REFERENCE: "a second reference of the payment",
    Role.THIRD_REFERENCE: "a third reference of the payment",
    Role.TICKET: "the company's tracking code of the payment (ticket id)",
    Role.AMOUNT: "the money of the payment (or of an aggregate line): what the totals add up",
    Role.VAT: "the VAT included in the amount",
    Role.STATE: "the PSE transaction state; a format without it carries approved payments only",
    Role.PAYING_BANK: "the bank that authorized (debited) the payment, by transit code or PSE code",
    Role.CUS: "PSE's unique tracking code (CUS), its last digits as the field holds",
    Role.AUTHORIZATION: "the bank's authorization code (its last digits in a field of digits)",
    Role.PAYMENT_ORIGIN: "where the payment was made (procedencia de pago)",
    Role.PAYMENT_CHANNEL: "how the payment was made (medio de pago)",
    Role.CYCLE: "the PSE cycle: the file's, in a header; the payment's, in a detail",
    Role.PROCESS_DATE: "the date the payment was processed",
    Role.REGISTERED_TIME: "the time the payment was registered",
    Role.TRANSACTIONS: "how many transactions an aggregate line stands for (one per bank and "
    "state): such a format has no per-payment lines",
    Role.SERVICE: "the service paid for (código de servicio, EAN-13 or NIT), its last digits as "
    "the field holds",
    Role.ACCOUNT: "the account credited, its first characters as the field holds",
    Role.ACCOUNT_TYPE: "the type of the account credited",
    Role.COLLECTING_BANK: "the bank holding the account credited, by transit code or PSE code",
    Role.COMPANY_NIT: "the collecting company's NIT with its check digit",
    Role.COMPANY_CODE: "the collecting company's code at PSE's registry (its NIT, without check digit)",
    Role.PSE_CODE: "the company's code at PSE (entidad de origen)",
    Role.DATE: "the date the file reports: the cycle's closing date (fecha de pago)",
    Role.CLOSING_TIME: "the time the cycle closed",
    Role.FILE_DATE: "the date the file was made",
    Role.FILE_TIME: "the time the file was made",
    Role.FILE_MODIFIER: "tells apart files made the same day (modificador de archivo)",
})
