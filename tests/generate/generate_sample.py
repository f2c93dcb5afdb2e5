"""The sample collection of the generator tests: the one of examples/transactions.csv,
built here in code so that the expected lines can be worked out from it by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from pse_recon.generator import Collection
from pse_recon.model import Bank, CollectingAccount, Company, Cycle, Service, Transaction

EXAMPLES = Path(__file__).parents[2] / "examples"

COMPANY = Company(nit="800123456", name="Gases del Llano S.A. ESP")  # DV 5
ACCOUNT = CollectingAccount(bank=Bank.from_code("1007"), account_type="02", number="12345678901")
GAS = Service(code="7701234000011", name="Gas domiciliario", account=ACCOUNT)
CHECK = Service(code="7701234000028", name="Revisión periódica", account=ACCOUNT)
CYCLE = Cycle(number=3, closing_date=dt.date(2026, 11, 20), closing_time=dt.time(11))


def at(hhmmss: str) -> dt.datetime:
    h, m, s = (int(x) for x in hhmmss.split(":"))
    return dt.datetime(2026, 11, 20, h, m, s)


def tx(
    cus: str, ticket: str, ref: str, amount: str, state: str, bank: str, *,
    service: Service = GAS, auth: str = "", cause: str | None = None, created: str, processed: str,
    reference_2: str = "", iva: str = "0",
) -> Transaction:
    return Transaction(
        cus=cus, ticket_id=ticket, reference_1=ref, reference_2=reference_2, amount=Decimal(amount),
        iva=Decimal(iva), state=state, authorizing_bank=Bank.from_code(bank), authorization_code=auth,
        service=service, cycle=CYCLE, created_at=at(created), processed_at=at(processed), cause=cause,
    )


TRANSACTIONS = (
    tx("100234561", "5001", "21053", "18000.00", "1", "1051", auth="457812",
       created="09:12:45", processed="09:13:10"),
    tx("100234562", "5002", "0021054", "85400.50", "1", "1007", auth="X7Q2A1",
       created="09:20:03", processed="09:20:41"),
    tx("100234563", "5003", "30077", "120000.00", "2", "1013", cause="00011",
       created="09:31:17", processed="09:33:02"),
    tx("100234564", "5004", "30078", "45000.00", "3", "1023", created="10:02:55", processed="10:02:55"),
    tx("100234565", "5005", "30079", "99000.00", "4", "1051", cause="10002",
       created="10:15:30", processed="10:15:31"),
    tx("100234566", "5006", "40001", "250000.00", "1", "1019", service=CHECK, auth="00123456",
       reference_2="2026", iva="39915.97", created="10:40:12", processed="10:41:00"),
    tx("100234567", "5007", "FAC-2026-118", "61250.75", "1", "1052", service=CHECK, auth="665544",
       created="10:52:08", processed="10:52:40"),
)


def sample_collection() -> Collection:
    return Collection(
        company=COMPANY, cycle=CYCLE, services=(GAS, CHECK), transactions=TRANSACTIONS, pse_code="10234"
    )
