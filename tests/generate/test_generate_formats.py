"""The generator's files, line by line, for the sample collection (conftest.py).

Every expected line is assembled here from the manual's field order with the values
worked out by hand from the sample transactions: approved payments only in the
recaudo formats (CUS 100234561, 100234562, 100234566, 100234567), every state in
the PSE formats.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from generate_sample import ACCOUNT, COMPANY, CYCLE, GAS, TRANSACTIONS, tx  # type: ignore[import-not-found]

import pse_recon
from pse_recon.generator import Collection, GenerateError, generate
from pse_recon.model import Bank, CollectingAccount, Cycle, Service


def lines(f: pse_recon.File) -> list[str]:
    return pse_recon.dumps(f).decode("latin-1").split("\n")[:-1]


def row(width: int, *parts: str) -> str:
    text = "".join(parts)
    assert len(text) <= width, text
    return text.ljust(width)


# -- Asobancaria 2001 -------------------------------------------------------------
def detail_2001(width: int, ref: str, amount: str, op: str, auth: str, bank: str, seq: str) -> str:
    return row(width, "06", ref.zfill(48), amount, "99", "15", op, auth, bank, "0003", seq)


def expected_2001(width: int) -> list[str]:
    return [
        row(width, "01", "8001234565", "20261120", "007", "12345678901".ljust(17), "20261120", "1100",
            "A", "02"),
        row(width, "05", "7701234000011", "0001"),
        detail_2001(width, "21053", "00000001800000", "234561", "457812", "051", "0000002"),
        # authorization X7Q2A1 is not digits: the optional field keeps its zeros
        detail_2001(width, "0021054", "00000008540050", "234562", "000000", "007", "0000003"),
        row(width, "08", "000000002", "000000000010340050", "0001"),
        row(width, "05", "7701234000028", "0002"),
        detail_2001(width, "40001", "00000025000000", "234566", "123456", "019", "0000002"),
        # reference FAC-2026-118 is not digits: the ticket id 5007 is written
        detail_2001(width, "5007", "00000006125075", "234567", "665544", "052", "0000003"),
        row(width, "08", "000000002", "000000000031125075", "0002"),
        row(width, "09", "000000004", "000000000041465125"),
    ]


def test_asobancaria_2001_at_162(sample: Collection) -> None:
    f = generate("asobancaria-2001", sample)
    assert lines(f) == expected_2001(162)
    assert f.total == Decimal("414651.25")
    assert [lot.control.valor_total_lote for lot in f.lots] == [Decimal("103400.50"), Decimal("311250.75")]


def test_asobancaria_2001_at_150(sample: Collection) -> None:
    f = generate("asobancaria-2001", sample, width=150)
    assert f.width == 150
    assert lines(f) == expected_2001(150)


def test_file_time_modifier_and_midnight(sample: Collection) -> None:
    f = generate("asobancaria-2001", sample, created_at=dt.datetime(2026, 11, 20, 18, 45, 59), modifier="Z")
    assert lines(f)[0][40:55] == "202611201845Z02"  # fecha_archivo, hora_archivo (minutes), modifier, type
    # midnight is written 2400 of the day before (HHMM runs from 0001 to 2400)
    f = generate("asobancaria-2001", sample, created_at=dt.datetime(2026, 11, 21, 0, 0))
    assert lines(f)[0][40:52] == "202611202400"


# -- Andesco ------------------------------------------------------------------------
def detail_andesco(ref: str, amount: str, op: str, auth: str, bank: str, ref2: str, seq: str) -> str:
    return row(110, "06", ref.zfill(24), amount, "99", "15", op, auth, bank, "0003", ref2.zfill(24), seq)


def test_andesco(sample: Collection) -> None:
    assert lines(generate("andesco", sample)) == [
        row(110, "01", "8001234565", "20261120", "007", "12345678901".zfill(17), "20261120", "A"),
        row(110, "05", "7701234000011", "0001"),
        detail_andesco("21053", "00000001800000", "234561", "457812", "051", "", "0000002"),
        detail_andesco("0021054", "00000008540050", "234562", "000000", "007", "", "0000003"),
        row(110, "08", "000000002", "000000000010340050", "0001"),
        row(110, "05", "7701234000028", "0002"),
        # reference_2 "2026" is digits: it is the referencia_secundaria
        detail_andesco("40001", "00000025000000", "234566", "123456", "019", "2026", "0000002"),
        detail_andesco("5007", "00000006125075", "234567", "665544", "052", "", "0000003"),
        row(110, "08", "000000002", "000000000031125075", "0002"),
        row(110, "09", "000000004", "000000000041465125"),
    ]


# -- Asobancaria 1998 -----------------------------------------------------------------
def test_asobancaria_1998_one_authorizing_bank(sample: Collection) -> None:
    # Davivienda (1051) authorized one approved payment (the other, CUS 100234565, failed)
    f = generate("asobancaria-1998", sample, authorizing_bank="1051")
    assert lines(f) == [
        row(64, "01", "8001234565".zfill(13), "20261120", "051", "12345678901".zfill(15)),
        row(64, "02", "21053".zfill(25), "0000000018000", "06", "0000002"),
        row(64, "09", "000000001", "000000000000018000"),
    ]


def test_asobancaria_1998_whole_pesos_only(sample: Collection) -> None:
    with pytest.raises(GenerateError) as caught:
        generate("asobancaria-1998", sample, authorizing_bank="1007")  # 85400.50
    assert caught.value.field == "valor_recaudado"
    assert caught.value.transaction is TRANSACTIONS[1]
    assert "85400.50" in str(caught.value) and "valor_recaudado" in str(caught.value)


def test_asobancaria_1998_needs_one_bank(sample: Collection) -> None:
    with pytest.raises(GenerateError, match=r"4 authorizing banks \(1007, 1019, 1051, 1052\)") as caught:
        generate("asobancaria-1998", sample)
    assert caught.value.field == "codigo_recaudo"


def test_asobancaria_1998_bank_from_the_only_approved_one(sample: Collection) -> None:
    c = attrs.evolve(sample, transactions=[TRANSACTIONS[0], TRANSACTIONS[2]])  # approved 1051, rejected 1013
    assert lines(generate("asobancaria-1998", c))[0][23:26] == "051"


def test_asobancaria_1998_without_approved_payments(sample: Collection) -> None:
    c = attrs.evolve(sample, transactions=[TRANSACTIONS[2]])
    with pytest.raises(GenerateError, match="no approved payment"):
        generate("asobancaria-1998", c)
    assert lines(generate("asobancaria-1998", c, authorizing_bank=Bank.from_code("1013"))) == [
        row(64, "01", "8001234565".zfill(13), "20261120", "013", "12345678901".zfill(15)),
        row(64, "09", "000000000", "000000000000000000"),
    ]


# -- PSE ----------------------------------------------------------------------------------
HEADER_PSE = "1" + "00010234" + "20261120" + "110000" + "3" + "800123456".zfill(15)


def pse_line(state: str, ticket: str, cus: str, bank: str, service: str, value: str, iva: str,
             auth: str, ref1: str, ref2: str, hhmmss: str) -> str:
    return "".join([
        "2", state, ticket.zfill(20), cus, bank.zfill(8), service, "00001007", "12345678901".ljust(17),
        value, iva, auth.ljust(50), ref1.ljust(20), ref2.ljust(20), " " * 20, "1", "20261120", hhmmss, "3",
    ])


ZERO18 = "0" * 18


def test_pse_detail(sample: Collection) -> None:
    assert lines(generate("pse-detail", sample)) == [
        HEADER_PSE,
        # state 1 first (lines grouped by state, in the collection's order within one)
        pse_line("1", "5001", "00234561", "1051", "1234000011", "000000000001800000", ZERO18,
                 "457812", "21053", "", "091245"),
        pse_line("1", "5002", "00234562", "1007", "1234000011", "000000000008540050", ZERO18,
                 "X7Q2A1", "0021054", "", "092003"),
        pse_line("1", "5006", "00234566", "1019", "1234000028", "000000000025000000", "000000000003991597",
                 "00123456", "40001", "2026", "104012"),
        pse_line("1", "5007", "00234567", "1052", "1234000028", "000000000006125075", ZERO18,
                 "665544", "FAC-2026-118", "", "105208"),
        pse_line("2", "5003", "00234563", "1013", "1234000011", "000000000012000000", ZERO18,
                 "", "30077", "", "093117"),
        pse_line("3", "5004", "00234564", "1023", "1234000011", "000000000004500000", ZERO18,
                 "", "30078", "", "100255"),
        pse_line("4", "5005", "00234565", "1051", "1234000011", "000000000009900000", ZERO18,
                 "", "30079", "", "101530"),
        "31" + "000004" + "000000000041465125" + "000000000003991597",
        "32" + "000001" + "000000000012000000" + ZERO18,
        "33" + "000001" + "000000000004500000" + ZERO18,
        "34" + "000001" + "000000000009900000" + ZERO18,
        "39" + "000007" + "000000000067865125" + "000000000003991597",  # grand total, state 9
    ]


def test_pse_summary(sample: Collection) -> None:
    def bank_line(state: str, bank: str, value: str, iva: str = ZERO18) -> str:
        return "2" + state + bank.zfill(8) + "000001" + value + iva

    assert lines(generate("pse-summary", sample)) == [
        HEADER_PSE,
        bank_line("1", "1007", "000000000008540050"),
        bank_line("1", "1019", "000000000025000000", "000000000003991597"),
        bank_line("1", "1051", "000000000001800000"),
        bank_line("1", "1052", "000000000006125075"),
        bank_line("2", "1013", "000000000012000000"),
        bank_line("3", "1023", "000000000004500000"),
        bank_line("4", "1051", "000000000009900000"),
        "31" + "000004" + "000000000041465125" + "000000000003991597",
        "32" + "000001" + "000000000012000000" + ZERO18,
        "33" + "000001" + "000000000004500000" + ZERO18,
        "34" + "000001" + "000000000009900000" + ZERO18,
    ]


def test_pse_summary_adds_up_one_bank_and_state(sample: Collection) -> None:
    extra = tx("777", "9", "21053", "0.05", "1", "1051", auth="1", created="10:00:00", processed="10:00:00")
    c = attrs.evolve(sample, transactions=[TRANSACTIONS[0], extra])
    expected = "21" + "00001051" + "000002" + "000000000001800005" + ZERO18
    assert lines(generate("pse-summary", c))[1] == expected


def test_pse_times_are_colombian_local_time(sample: Collection) -> None:
    utc = dt.UTC
    t = attrs.evolve(
        TRANSACTIONS[0],
        created_at=dt.datetime(2026, 11, 20, 14, 12, 45, 999, tzinfo=utc),  # 09:12:45 in Bogotá
        processed_at=dt.datetime(2026, 11, 21, 4, 0, tzinfo=utc),  # 23:00 on the 20th in Bogotá
    )
    line = lines(generate("pse-detail", attrs.evolve(sample, transactions=[t])))[1]
    assert line[220:235] == "20261120" + "091245" + "3"


def test_pse_cus_and_service_keep_their_last_digits(sample: Collection) -> None:
    t = attrs.evolve(TRANSACTIONS[0], cus="123456789012")
    line = lines(generate("pse-detail", attrs.evolve(sample, transactions=[t])))[1]
    assert line[22:30] == "56789012"  # the last 8 digits
    assert line[38:48] == "1234000011"  # last 10 digits of EAN-13 7701234000011


def test_pse_code_defaults_to_zeros(sample: Collection) -> None:
    f = generate("pse-detail", attrs.evolve(sample, pse_code=""))
    assert f.header.codigo_entidad_origen == "00000000"


# -- selection and errors ------------------------------------------------------------
OTHER = CollectingAccount(bank=Bank.from_code("1051"), account_type="01", number="000550012345")


def two_accounts(sample: Collection) -> Collection:
    other = Service(code="900555123", name="Alumbrado", account=OTHER)
    t = attrs.evolve(TRANSACTIONS[0], service=other, cus="42", ticket_id="42")
    return attrs.evolve(sample, services=(*sample.services, other), transactions=(*sample.transactions, t))


def test_two_accounts_need_a_choice(sample: Collection) -> None:
    c = two_accounts(sample)
    with pytest.raises(GenerateError, match=r"2 accounts \(12345678901, 000550012345\)"):
        generate("asobancaria-2001", c)
    f = generate("asobancaria-2001", c, account="000550012345")
    assert [lot.header.codigo_servicio for lot in f.lots] == ["0000900555123"]
    assert f.header.numero_cuenta == "000550012345" and f.header.codigo_entidad_recaudadora == "051"
    assert f.total == Decimal("18000.00")
    assert generate("asobancaria-2001", c, account=ACCOUNT) == generate("asobancaria-2001", sample)
    # PSE formats carry every account: 8 transactions
    assert len(generate("pse-detail", c).lines) == 8
    with pytest.raises(GenerateError, match="no service of the collection is credited to account '1'"):
        generate("andesco", c, account="1")


def test_value_too_wide_names_field_and_transaction(sample: Collection) -> None:
    t = attrs.evolve(TRANSACTIONS[0], reference_1="1" * 25)  # Andesco references hold 24 digits
    c = attrs.evolve(sample, transactions=[t])
    with pytest.raises(GenerateError, match=r"CUS 100234561 .*field referencia_principal") as caught:
        generate("andesco", c)
    assert (caught.value.field, caught.value.record_type, caught.value.transaction) == (
        "referencia_principal", "06", t)
    assert generate("asobancaria-2001", c).details[0].referencia_principal == "0" * 23 + "1" * 25


def test_amount_too_large_for_a_detail(sample: Collection) -> None:
    t = attrs.evolve(TRANSACTIONS[0], amount=Decimal("1000000000000.00"))  # 13 integer digits
    c = attrs.evolve(sample, transactions=[t])
    with pytest.raises(GenerateError, match="field valor_recaudado") as caught:
        generate("asobancaria-2001", c)
    assert caught.value.field == "valor_recaudado"
    assert generate("pse-detail", c).lines[0].valor_transaccion == Decimal("1000000000000.00")


def test_text_outside_latin_1(sample: Collection) -> None:
    t = attrs.evolve(TRANSACTIONS[0], reference_2="€")
    with pytest.raises(GenerateError, match="field referencia_2") as caught:
        generate("pse-detail", attrs.evolve(sample, transactions=[t]))
    assert caught.value.field == "referencia_2"


def test_non_numeric_account_for_numeric_fields(sample: Collection) -> None:
    account = CollectingAccount(bank=Bank.from_code("1007"), account_type="02", number="123-456")
    service = Service(code="7701234000011", name="Gas", account=account)
    t = attrs.evolve(TRANSACTIONS[0], service=service)
    c = Collection(company=COMPANY, cycle=CYCLE, transactions=[t])
    assert generate("asobancaria-2001", c).header.numero_cuenta == "123-456"
    for name, field in (("andesco", "numero_cuenta"), ("asobancaria-1998", "cuenta_abono")):
        with pytest.raises(GenerateError, match=f"field {field}: .*'123-456' is not all digits"):
            generate(name, c)


def test_empty_collection() -> None:
    c = Collection(company=COMPANY, cycle=CYCLE, services=[GAS])
    assert lines(generate("asobancaria-2001", c)) == [
        row(162, "01", "8001234565", "20261120", "007", "12345678901".ljust(17), "20261120", "1100", "A",
            "02"),
        row(162, "09", "000000000", "000000000000000000"),
    ]
    with pytest.raises(GenerateError, match="no service"):
        generate("andesco", Collection(company=COMPANY, cycle=CYCLE))


def test_collection_checks() -> None:
    assert Collection(company=COMPANY, cycle=CYCLE, transactions=TRANSACTIONS).services == (
        GAS, TRANSACTIONS[5].service)
    with pytest.raises(ValueError, match=r"not among Collection\.services"):
        Collection(company=COMPANY, cycle=CYCLE, services=[GAS], transactions=TRANSACTIONS)
    clash = Service(code=GAS.code, name="Otro", account=ACCOUNT)
    with pytest.raises(ValueError, match="two different services with code '7701234000011'"):
        Collection(company=COMPANY, cycle=CYCLE, services=[GAS, clash])
    with pytest.raises(ValueError, match="pse_code must be digits"):
        Collection(company=COMPANY, cycle=CYCLE, pse_code="ACH")
    with pytest.raises(TypeError, match=r"Collection.transactions\[0\] must be a Transaction"):
        Collection(company=COMPANY, cycle=CYCLE, transactions=["x"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="generate takes a Collection"):
        generate("andesco", TRANSACTIONS)  # type: ignore[arg-type]


def test_codigo_sucursal_is_the_transaction_cycle(sample: Collection) -> None:
    earlier = Cycle(number=1, closing_date=dt.date(2026, 11, 20), closing_time=dt.time(7))
    t = attrs.evolve(TRANSACTIONS[0], cycle=earlier)
    c = attrs.evolve(sample, transactions=[t])
    assert generate("asobancaria-2001", c).details[0].codigo_sucursal == "0001"
    pse = generate("pse-detail", c)
    assert (pse.header.codigo_ciclo, pse.lines[0].ciclo_proceso) == ("3", "1")


@pytest.mark.parametrize(("format", "options"), [
    ("asobancaria-2001", {}), ("asobancaria-2001", {"width": 150}), ("andesco", {}),
    ("pse-detail", {}), ("pse-summary", {}), ("asobancaria-1998", {"authorizing_bank": "1051"}),
])
def test_generate_lines_are_the_generated_file(sample: Collection, format: str,
                                               options: dict[str, object]) -> None:
    """What ``pse-recon generate`` writes (the lines only) is the file ``generate`` returns,
    with its detail count and total as the file gives them back."""
    from pse_recon.generator.core import generate_lines

    if format == "asobancaria-1998":  # whole pesos: the one payment of bank 1051 (18000.00)
        sample = attrs.evolve(sample, transactions=[t for t in sample.transactions
                                                    if t.authorizing_bank.code == "1051"][:1])
    f = generate(format, sample, **options)  # type: ignore[arg-type]
    got = generate_lines(format, sample, **options)  # type: ignore[arg-type]
    assert b"".join(got.lines) == pse_recon.dumps(f)
    assert (got.format, got.details, got.total) == (f.format, len(f.details), f.total)
    assert str(got.total) == str(f.total)  # the same exponent: 18000 in 1998, not 18000.00
