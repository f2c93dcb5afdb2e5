"""The command's reconciliation in flat memory (``reconciliation.spilled``) gives
``reconcile``'s result: the same items in the same order, summary, repeated
references; and the command's text and JSON are those of the library's result,
byte for byte, whether the spills stay in memory or go through their files."""

from __future__ import annotations

import contextlib
import csv
import functools
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon.cli import main
from pse_recon.cli.common import dump_json
from pse_recon.cli.reconcile import print_text, result_json, write_json
from pse_recon.reconciliation import ExpectedPayment, Payment, spilled
from pse_recon.reconciliation.core import _match
from pse_recon.reconciliation.spilled import SpilledReconciliation

EXAMPLES = Path(__file__).parents[2] / "examples"


@contextlib.contextmanager
def tiny_spills() -> Iterator[None]:
    """Spills that go to their files every few tuples, and runs of two items."""
    with mock.patch.object(spilled, "FLUSH", 3), mock.patch.object(spilled, "RUN", 2), \
            mock.patch.object(spilled, "BUCKETS", 5):
        yield


def spill(payments: list[Payment], expected: list[ExpectedPayment]) -> SpilledReconciliation:
    result = SpilledReconciliation("asobancaria-2001")
    result.add_payments(payments)
    result.add_expected(expected)
    result.pair()
    return result


# Few references (zero-padded variants of the same ones) and amounts (85400.5 and
# 85400.50 are one amount): duplicates, repeated expectations, differences, all of it.
references = st.sampled_from(["1", "01", "0001", "2", "002", "30", "0", "000", "x7"])
amounts = st.sampled_from([Decimal("1"), Decimal("1.00"), Decimal("2.5"), Decimal("2.50"), Decimal("7")])
paid_lists = st.lists(st.tuples(references, amounts), max_size=14).map(
    lambda ps: [Payment(reference=r, amount=a, line=2 * n + 3) for n, (r, a) in enumerate(ps)])
expected_lists = st.lists(st.tuples(references, amounts, st.sampled_from(["", "Factura"])), max_size=14).map(
    lambda es: [ExpectedPayment(reference=r, amount=a, description=d, line=n + 2)
                for n, (r, a, d) in enumerate(es)])


@settings(max_examples=300, deadline=None)
@given(paid_lists, expected_lists, st.booleans())
def test_the_result_of_reconcile(payments: list[Payment], expected: list[ExpectedPayment],
                                 small: bool) -> None:
    whole = _match("asobancaria-2001", payments, expected)
    with tiny_spills() if small else contextlib.nullcontext(), spill(payments, expected) as result:
        items = list(result.items)
        assert items == list(whole.items)
        assert [i.expected.line for i in items if i.expected] == [i.expected.line for i in whole.items
                                                                  if i.expected]
        assert list(result.items) == items  # read again
        assert list(result.unmatched) == list(whole.unmatched) == [i for i in items if i.status != "matched"]
        assert result.summary == whole.summary
        assert result.repeated == whole.repeated
        assert result.ok == whole.ok


def test_nothing_reaches_the_disk_below_the_flush() -> None:
    with spill([Payment(reference="1", amount=Decimal(1), line=2)], []) as result:
        assert all(s.file is None for s in (result._keyed, result._paid, result._missing))
    with tiny_spills(), spill([Payment(reference=str(n), amount=Decimal(n), line=n + 2) for n in range(9)],
                              []) as result:
        assert result._paid.file is not None  # the outcomes went through the file
        assert [i.paid.line for i in result.items if i.paid] == list(range(2, 11))
    assert result._paid.file is None  # closed, and the temporary file with it


# -- the command: its output is the library result's rendering ------------------------
@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A 2001 file of 40 payments (references paid several times, amounts in
    centavos) and expected payments that miss some, repeat some, differ in amount
    and add references never paid."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    rows = list(csv.reader((EXAMPLES / "transactions.csv").read_text(encoding="utf-8").splitlines()))
    header, model = rows[0], rows[1]
    ref, amount, ticket, cus = (header.index(c) for c in ("reference_1", "amount", "ticket_id", "cus"))
    out = [header]
    for n in range(40):
        row = list(model)
        row[ref], row[amount] = str(21000 + n % 13), f"{1000 + n % 7}.{n % 3 * 25:02d}"
        row[ticket], row[cus] = str(5000 + n), str(900000 + n)
        out.append(row)
    with open("tx.csv", "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out)
    from pse_recon.generator.inputs import load_collection

    pse_recon.write(pse_recon.generate("asobancaria-2001", load_collection("tx.csv")), "recaudo.txt")
    expected = ["reference,amount,description"]
    for n in range(0, 44, 2):  # every other payment, a few differing, some never paid
        r, a = f"{21000 + n % 13:07d}", f"{1000 + n % 7}.{n % 3 * 25:02d}"
        expected.append(f"{r},{a if n % 10 else '1.00'},Factura {n}")
        if n % 8 == 0:
            expected.append(f"{r},{a},again")
    expected.append("99999,5.00,never paid")
    Path("expected.csv").write_text("\n".join(expected) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("small", [False, True])
def test_the_command_prints_the_library_result(files: Path, capsys: pytest.CaptureFixture[str],
                                               small: bool) -> None:
    whole = pse_recon.reconcile("recaudo.txt", "expected.csv")
    s = whole.summary
    assert min(s.matched_count, s.amount_differs_count, s.missing_count, s.duplicate_count) > 0
    assert whole.repeated
    with tiny_spills() if small else contextlib.nullcontext():
        code = main(["reconcile", "recaudo.txt", "--expected", "expected.csv"])
        text, _ = capsys.readouterr()
        assert main(["reconcile", "recaudo.txt", "--expected", "expected.csv", "--json"]) == code == 5
        doc, err = capsys.readouterr()
    assert err == ""
    print_text("recaudo.txt", "expected.csv", whole, out := _Out())
    assert text == out.text
    dump_json(result_json("recaudo.txt", "expected.csv", whole), out := _Out())
    assert doc == out.text
    assert len(json.loads(doc)["items"]) == len(whole.items)


def test_no_items() -> None:
    """The JSON's empty list of items, as the library's result writes it."""
    with spill([], []) as nothing:
        dump_json(result_json("x", "none.json", nothing), out := _Out())
        write_json("x", "none.json", nothing, streamed := _Out())
    assert streamed.text == out.text and '"items": []' in out.text


class _Out:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)


def test_memory_stays_flat_with_the_payments() -> None:
    """Four times the payments and expectations (distinct references), the same
    tracemalloc peak, with spills and runs small enough for both sizes to use their
    files; ``reconcile``'s own result, which holds them, grows with them (so the
    measure does see what is held)."""
    from memory_support import peak

    def inputs(n: int) -> tuple[list[Payment], list[ExpectedPayment]]:
        return ([Payment(reference=str(10**8 + i), amount=Decimal(i), line=i + 2) for i in range(n)],
                [ExpectedPayment(reference=str(10**8 + i), amount=Decimal(i)) for i in range(n)])

    def spilled_work(payments: list[Payment], expected: list[ExpectedPayment]) -> None:
        with SpilledReconciliation("asobancaria-2001") as result:
            result.add_payments(iter(payments))
            result.add_expected(iter(expected))
            result.pair()
            assert sum(1 for _ in result.items) == len(payments)

    peaks = {}
    wholes = {}
    with mock.patch.object(spilled, "FLUSH", 2048), mock.patch.object(spilled, "RUN", 1024):
        for n in (4_000, 16_000):
            payments, expected = inputs(n)
            peaks[n] = peak(functools.partial(spilled_work, payments, expected))
            wholes[n] = peak(functools.partial(_match, "asobancaria-2001", payments, expected))
    assert peaks[16_000] <= 1.25 * peaks[4_000] + 128 * 1024
    assert wholes[16_000] > 3 * wholes[4_000] and wholes[16_000] > 2 * peaks[16_000]
