"""Reconciliation outcomes, worked out by hand on small files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import pse_recon
from pse_recon.generator.inputs import load_collection
from pse_recon.reconciliation import (
    ExpectedPayment,
    Item,
    Payment,
    ReconcileError,
    Status,
    normalize_reference,
    paid_payments,
    reconcile,
)
from pse_recon.records import asobancaria_1998 as r98
from pse_recon.records import asobancaria_2001 as r01

EXAMPLES = Path(__file__).parents[2] / "examples"
D = Decimal


def file_2001(*payments: tuple[str, str]) -> pse_recon.File:
    """A one-lot 2001 file: the header is line 1, the lot header line 2, details from line 3."""
    header = r01.FileHeader(
        nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20), codigo_entidad_recaudadora="007",
        numero_cuenta="12345678901", fecha_archivo=dt.date(2026, 11, 20), hora_archivo=dt.time(11),
        modificador_archivo="A", tipo_cuenta="02",
    )
    details = [
        r01.Detail(referencia_principal=ref, valor_recaudado=D(amount), procedencia_pago="99",
                   medio_pago="15", codigo_entidad_debitada="051", codigo_sucursal="0003")
        for ref, amount in payments
    ]
    lot = r01.LotHeader(codigo_servicio="7701234000011")
    return pse_recon.build("asobancaria-2001", header, [(lot, details)])


def exp(reference: str, amount: str, line: int = 0) -> ExpectedPayment:
    return ExpectedPayment(reference=reference, amount=D(amount), line=line)


def test_every_outcome() -> None:
    f = file_2001(
        ("0021053", "18000.00"),   # line 3: matched (expected as 21053)
        ("21054", "85400.50"),     # line 4: matched
        ("40001", "250000.00"),    # line 5: expected for 225000.00
        ("5007", "61250.75"),      # line 6: nobody expects 5007
        ("21053", "18000.00"),     # line 7: 21053 paid a second time
        ("777", "10.00"),          # line 8: unexpected
        ("000777", "10.00"),       # line 9: and again
    )
    expected = [
        exp("21053", "18000.00", 2), exp("21054", "85400.50", 3), exp("40001", "225000.00", 4),
        exp("30077", "120000.00", 5), exp("0030078", "45000", 6), exp("30078", "45000.00", 7),
    ]
    r = reconcile(f, expected)
    p = r.payments
    assert [p_.line for p_ in p] == [3, 4, 5, 6, 7, 8, 9]
    assert r.items == (
        Item(status=Status.MATCHED, reference="21053", expected=expected[0], paid=p[0]),
        Item(status=Status.MATCHED, reference="21054", expected=expected[1], paid=p[1]),
        Item(status=Status.AMOUNT_DIFFERS, reference="40001", expected=expected[2], paid=p[2]),
        Item(status=Status.UNEXPECTED, reference="5007", paid=p[3]),
        Item(status=Status.DUPLICATE, reference="21053", paid=p[4], duplicate_of=3),
        Item(status=Status.UNEXPECTED, reference="777", paid=p[5]),
        Item(status=Status.DUPLICATE, reference="777", paid=p[6], duplicate_of=8),
        Item(status=Status.MISSING, reference="30077", expected=expected[3]),
        Item(status=Status.MISSING, reference="30078", expected=expected[4]),
        Item(status=Status.MISSING, reference="30078", expected=expected[5]),
    )
    assert p[0] == Payment(reference="0" * 41 + "0021053", amount=D("18000.00"), line=3)
    assert r.items[2].difference == D("25000.00")
    assert r.items[3].difference is None
    assert r.repeated == ("30078",)
    assert not r.ok
    s = r.summary
    assert (s.expected_count, s.expected_total) == (6, D("538400.50"))
    assert (s.paid_count, s.paid_total) == (7, D("432671.25"))
    assert (s.matched_count, s.matched_total) == (2, D("103400.50"))
    assert (s.amount_differs_count, s.amount_differs_expected_total, s.amount_differs_paid_total) == (
        1, D("225000.00"), D("250000.00"))
    assert (s.missing_count, s.missing_total) == (3, D("210000.00"))
    assert (s.unexpected_count, s.unexpected_total) == (2, D("61260.75"))
    assert (s.duplicate_count, s.duplicate_total) == (2, D("18010.00"))
    assert s.difference == D("-105729.25")
    assert [i.reference for i in r.missing] == ["30077", "30078", "30078"]
    assert len(r.matched) == 2 and len(r.amount_differs) == 1
    assert len(r.unexpected) == 2 and len(r.duplicates) == 2


def test_all_matched() -> None:
    f = file_2001(("21053", "18000"), ("21054", "1.5"))
    r = reconcile(f, [exp("21054", "1.50"), exp("021053", "18000.00")])
    assert r.ok and r.repeated == ()
    assert [i.status for i in r.items] == [Status.MATCHED, Status.MATCHED]
    assert r.summary.matched_total == r.summary.expected_total == D("18001.50")


def test_expected_twice_exact_amounts_pair_first() -> None:
    # 21053 owes two invoices, 100 and 200; the file pays 200 first, then 100
    expected = [exp("21053", "100"), exp("21053", "200")]
    r = reconcile(file_2001(("21053", "200.00"), ("21053", "100.00")), expected)
    assert [(i.status, i.expected) for i in r.items] == [
        (Status.MATCHED, expected[1]), (Status.MATCHED, expected[0])]
    assert r.ok and r.repeated == ("21053",)
    # one payment of 150: it answers the first expectation, the other is missing
    r = reconcile(file_2001(("21053", "150.00")), expected)
    assert [(i.status, i.expected, i.difference) for i in r.items] == [
        (Status.AMOUNT_DIFFERS, expected[0], D("50.00")), (Status.MISSING, expected[1], None)]


def test_paid_more_times_than_expected_even_for_other_amounts() -> None:
    r = reconcile(file_2001(("9", "5.00"), ("9", "7.00")), [exp("9", "7")])
    assert [(i.status, i.paid.amount if i.paid else None, i.duplicate_of) for i in r.items] == [
        (Status.DUPLICATE, D("5.00"), 3), (Status.MATCHED, D("7.00"), None)]


def test_empty_sides() -> None:
    r = reconcile(file_2001(), [])
    assert r.ok and r.items == ()
    assert r.summary.paid_total == r.summary.expected_total == D(0)
    r = reconcile(file_2001(), [exp("1", "1")])
    assert [i.status for i in r.items] == [Status.MISSING]


@pytest.mark.parametrize(
    ("raw", "key"),
    [("0021053", "21053"), ("21053", "21053"), (" 0021053 ", "21053"), ("000", "0"), ("0", "0"),
     ("", ""), ("   ", ""), ("A0021", "A0021"), ("00A1", "A1")],
)
def test_normalize_reference(raw: str, key: str) -> None:
    assert normalize_reference(raw) == key


def test_asobancaria_1998_whole_pesos() -> None:
    header = r98.Header(nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20), codigo_recaudo="051",
                        cuenta_abono="12345678901")
    f = pse_recon.build("asobancaria-1998", header, [
        r98.Detail(identificacion_usuario="21053", valor_recaudado=D(18000))])
    assert paid_payments(f) == [Payment(reference="0" * 20 + "21053", amount=D(18000), line=2)]
    r = reconcile(f, [exp("21053", "18000.00"), exp("21053", "0.50")])
    assert [i.status for i in r.items] == [Status.MATCHED, Status.MISSING]


def test_pse_detail_reconciles_approved_lines_like_the_recaudo_file(tmp_path: Path) -> None:
    c = load_collection(EXAMPLES / "transactions.csv")
    pse = pse_recon.generate("pse-detail", c)
    recaudo = pse_recon.generate("asobancaria-2001", c)
    # 7 type-2 lines (lines 2-8), 4 approved: 21053, 0021054, 40001 and FAC-2026-118 (ticket 5007)
    assert [(p.reference, p.amount, p.line) for p in paid_payments(pse)] == [
        ("21053", D("18000.00"), 2), ("0021054", D("85400.50"), 3),
        ("40001", D("250000.00"), 4), ("00000000000000005007", D("61250.75"), 5)]
    expected = EXAMPLES / "expected.csv"
    a, b = reconcile(pse, expected), reconcile(recaudo, expected)
    assert [(i.status, i.reference, i.expected) for i in a.items] == [
        (i.status, i.reference, i.expected) for i in b.items]
    assert [(i.status.value, i.reference) for i in a.items] == [
        ("matched", "21053"), ("matched", "21054"), ("amount_differs", "40001"), ("unexpected", "5007"),
        ("missing", "30077")]
    assert a.summary == b.summary
    # the same from the file's bytes, a path, and against the transactions themselves
    path = tmp_path / "pse.txt"
    pse_recon.write(pse, path)
    assert reconcile(path, expected).items == a.items
    assert reconcile(pse_recon.dumps(pse), expected, format="pse-detail").items == a.items
    assert reconcile(path, c.transactions).ok is False  # rejected, pending, failed ones are missing
    assert reconcile(path, c.approved).ok


def test_pse_summary_is_refused() -> None:
    c = load_collection(EXAMPLES / "transactions.csv")
    with pytest.raises(ReconcileError, match="pse-summary has no per-payment lines"):
        reconcile(pse_recon.generate("pse-summary", c), [])


def test_expectations_from_transactions() -> None:
    c = load_collection(EXAMPLES / "transactions.csv")
    assert [ExpectedPayment.from_transaction(t) for t in c.approved] == [
        exp("21053", "18000.00"), exp("0021054", "85400.50"), exp("40001", "250000.00"),
        exp("5007", "61250.75")]
    with pytest.raises(TypeError, match=r"expected\[0\] must be an ExpectedPayment or a Transaction"):
        reconcile(file_2001(), [("21053", D(1))])  # type: ignore[list-item]


def test_expected_payment_checks() -> None:
    with pytest.raises(ValueError, match=r"ExpectedPayment\.reference must not be empty"):
        ExpectedPayment(reference=" ", amount=D(1))
    with pytest.raises(TypeError, match=r"ExpectedPayment\.amount must be a decimal\.Decimal"):
        ExpectedPayment(reference="1", amount=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most 2 decimal places"):
        ExpectedPayment(reference="1", amount=D("1.001"))
    assert exp("1", "1", line=4) == exp("1", "1.00", line=9)  # the line takes no part in equality
