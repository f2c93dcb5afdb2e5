"""The errors: all in ``pse_recon.errors``, all exported, one constructor shape, and
every one pickles and unpickles equal, its details included (issue 12, item 6)."""

from __future__ import annotations

import ast
import datetime as dt
import errno
import inspect
import pickle
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import pse_recon
from pse_recon import errors
from pse_recon.findings import Finding, Severity

SRC = Path(pse_recon.__file__).parent

#: Exceptions that never leave the library (see pse_recon.errors' docstring), by module.
INTERNAL = {
    "codec/reader.py": {"Refused"},
    "reporting.py": {"Stop"},
    "generator/strict_json.py": {"_Refused"},
    "output.py": {"_Terminated"},
    "cli/common.py": {"UsageError"},
    "cli/outputs.py": {"StandardOutputError"},
    "cli/inputs.py": {"Refused"},
}
ERRORS = [
    cls for cls in vars(errors).values()
    if isinstance(cls, type) and issubclass(cls, BaseException) and cls.__module__ == errors.__name__
]


def _exception_classes(path: Path) -> set[str]:
    """Classes defined in ``path`` whose bases name an exception."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ClassDef):
            bases = {ast.unparse(b).rpartition(".")[2] for b in node.bases}
            if any(b.endswith(("Error", "Exception")) or b in {"Refused", "Stop"} for b in bases):
                found.add(node.name)
    return found


def test_every_exception_raised_on_purpose_is_defined_in_errors() -> None:
    elsewhere = {
        path.relative_to(SRC).as_posix(): names
        for path in SRC.rglob("*.py")
        if path.name != "errors.py" and (names := _exception_classes(path))
    }
    assert elsewhere == INTERNAL


def test_every_error_is_exported_from_the_package() -> None:
    names = {cls.__name__ for cls in ERRORS}
    assert names == set(errors.__all__)
    assert names <= set(pse_recon.__all__)
    for name in names:
        assert getattr(pse_recon, name) is getattr(errors, name)
        assert issubclass(getattr(errors, name), errors.PseReconError)


@pytest.mark.parametrize("cls", [c for c in ERRORS if c is not errors.PseReconError],
                         ids=lambda c: c.__name__)
def test_one_constructor_shape(cls: type[Exception]) -> None:
    """One positional argument (what is wrong); every other one keyword-only."""
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    assert len(positional) == 1, parameters
    assert all(p.kind is p.KEYWORD_ONLY for p in parameters[1:]), parameters


FINDING = Finding(line=3, column=51, end_column=64, record="06", field="valor_recaudado",
                  code="PR101", severity=Severity.ERROR, message="must hold digits only",
                  text="0000000854000O")


def _transaction() -> pse_recon.Transaction:
    bank = pse_recon.Bank.from_code("1007")
    account = pse_recon.CollectingAccount(bank=bank, account_type="02", number="12345678901")
    service = pse_recon.Service(code="7701234000011", name="Gas", account=account)
    cycle = pse_recon.Cycle(number=3, closing_date=dt.date(2026, 11, 20), closing_time=dt.time(14))
    moment = dt.datetime(2026, 11, 20, 10, 41)
    return pse_recon.Transaction(
        cus="45122871", ticket_id="21053", reference_1="21053", amount=Decimal("85400.00"),
        state="1", authorizing_bank=bank, authorization_code="123456", service=service,
        cycle=cycle, created_at=moment, processed_at=moment,
    )


EXAMPLES: list[Exception] = [
    errors.PseReconError("something"),
    errors.EncodeError("has more than 2 decimals", record_type="06", field="valor_recaudado",
                       value=Decimal("10.005")),
    errors.EncodeError("does not fill the record", record_type="06", field=None, value="x"),
    errors.ReadError([FINDING]),
    errors.OutputError("is read-only", errno=errno.EACCES, filename="/tmp/x.txt", reason="read_only"),
    errors.ArchiveError("not a readable gzip file", name="a.gz", problem="corrupt",
                        reasons={"es": "no es un archivo gzip legible"}),
    errors.InputError("is required", where="tx.csv, line 3, column amount"),
    errors.JsonError.at('{"a": 1,\n "a": 2}', 10, "key 'a' is given twice"),
    errors.GenerateError("does not fit", field="referencia_principal", record_type="06",
                         transaction=_transaction()),
    errors.ReconcileError("pse-summary has no per-payment lines"),
]


def test_every_error_class_has_an_example() -> None:
    assert {type(e) for e in EXAMPLES} == set(ERRORS)


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: type(e).__name__)
def test_errors_pickle_and_unpickle_equal(error: Exception) -> None:
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert again == error and hash(again) == hash(error)
    assert str(again) == str(error) and again.args == error.args
    assert vars(again) == vars(error)
    if isinstance(error, OSError):
        assert (again.errno, again.strerror, again.filename) == (error.errno, error.strerror, error.filename)


def test_a_read_errors_findings_survive_pickling() -> None:
    data = Path(__file__).parent.parent.joinpath("examples/recaudo-2001.txt").read_bytes()
    with pytest.raises(pse_recon.ReadError) as caught:
        pse_recon.read(data.replace(b"00000008540000", b"0000000854000O", 1))
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.findings == caught.value.findings
    assert (again.findings[0].code, again.findings[0].field) == ("PR101", "valor_recaudado")


def test_errors_differ_by_their_details() -> None:
    a = errors.InputError("is required", where="a.csv, line 2")
    assert a != errors.InputError("is required", where="a.csv, line 3")
    assert a != errors.GenerateError("a.csv, line 2: is required")
    assert a == errors.InputError("is required", where="a.csv, line 2")


def test_a_record_as_a_whole_is_field_none() -> None:
    """Another format's record in a file: the record, not one field, cannot be written."""
    f = pse_recon.read(Path(__file__).parent.parent / "examples/recaudo-2001.txt")
    stranger = pse_recon.build("andesco", *_andesco_content())
    assert isinstance(f, pse_recon.LotFile) and isinstance(stranger, pse_recon.LotFile)
    mixed = attrs.evolve(f, control=attrs.evolve(stranger.control))  # evolve drops its bytes
    for canonical in (False, True):
        with pytest.raises(pse_recon.EncodeError) as caught:
            pse_recon.dumps(mixed, canonical=canonical)
        assert (caught.value.record_type, caught.value.field) == ("09", None)
        assert str(caught.value).startswith("record 09: ")
        assert str(caught.value).endswith("is a andesco record, not asobancaria-2001")


def _andesco_content() -> tuple[pse_recon.Record, list[tuple[pse_recon.Record, list[pse_recon.Record]]]]:
    from pse_recon.records import andesco

    header = andesco.FileHeader(nit_empresa="8001234565", fecha_pago=dt.date(2026, 11, 20),
                                codigo_entidad_recaudadora="007", numero_cuenta="12345678901",
                                fecha_archivo=dt.date(2026, 11, 20), modificador_archivo="A")
    detail = andesco.Detail(referencia_principal="21053", valor_recaudado=Decimal("1.00"),
                            procedencia_pago="99", medio_pago="15", codigo_entidad_debitada="051",
                            codigo_sucursal="0003")
    return header, [(andesco.LotHeader(codigo_servicio="7701234000011"), [detail])]
