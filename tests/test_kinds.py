"""Field kinds are objects (pse_recon.declaration.kinds): each kind class keeps its
contract, and nothing outside kinds.py asks which kind a field is.

The contract of a kind, for every field of it in the built-in layouts: a value of
its strategy encodes to a text as wide as the field, of the kind (no problem, no
remark), that decodes back to the value; a bad text is refused with the catalog
code the manual's rule gives. The HHMM rule ("0001 to 2400", ``0000`` readable but
PR109) is checked over every four-digit text against each form the fast paths
derive from the one ``Time`` class.
"""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pse_recon
from pse_recon import layouts
from pse_recon.declaration import (
    END_OF_DAY,
    KINDS,
    Amount,
    Code,
    Constant,
    Date,
    DigitKind,
    Digits,
    Field,
    Filler,
    Kind,
    Numeric,
    Text,
    Time,
)
from pse_recon.describe import layout_json, layout_text
from pse_recon.validation import control_characters

SRC = Path(pse_recon.__file__).parent
KINDS_MODULE = SRC / "declaration" / "kinds.py"
REPO = SRC.parent.parent
KIND_CLASSES = {k.__name__ for k in (*KINDS, Kind, DigitKind)}
KIND_NAMES = {k.name for k in KINDS}
LATIN1_CONTROLS = control_characters("latin-1")


# -- nothing outside kinds.py asks which kind a field is ---------------------------------
def _final_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_kind_expr(node: ast.expr) -> bool:
    """``x.kind``, ``x.kind.name``, ``x.kind.__class__``, ``type(x.kind)``, ``kind``."""
    if isinstance(node, ast.Name):
        return node.id == "kind"
    if isinstance(node, ast.Attribute):
        if node.attr == "kind":
            return True
        return node.attr in ("name", "__class__", "__name__") and _is_kind_expr(node.value)
    if isinstance(node, ast.Call) and _final_name(node.func) == "type" and node.args:
        return _is_kind_expr(node.args[0])
    return False


def kind_inspections(source: str) -> list[tuple[int, str]]:
    """Where ``source`` asks which kind a field is: a kind class named other than to
    make one (isinstance, issubclass, a comparison, a key, a match pattern, its
    attributes), or a field's kind compared with anything or looked up (``f.kind == …``,
    ``f.kind.name in …``, ``type(f.kind) is …``)."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    annotations = [n.annotation for n in ast.walk(tree) if isinstance(n, ast.arg | ast.AnnAssign)]
    annotations += [n.returns for n in ast.walk(tree)
                    if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    typed = {id(sub) for a in annotations if a is not None for sub in ast.walk(a)}  # a kind as a type
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported |= {a.asname or a.name for a in node.names if a.name in KIND_CLASSES}
    for node in ast.walk(tree):
        if isinstance(node, ast.MatchClass) and _final_name(node.cls) in KIND_CLASSES:
            found.append((node.lineno, f"case {_final_name(node.cls)}()"))
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_kind_expr(o) for o in operands):
                texts = [o.value for o in operands if isinstance(o, ast.Constant)]
                # ``kind == "zip"`` (an input's kind) is no field kind
                if not texts or any(t in KIND_NAMES | KIND_CLASSES for t in texts):
                    found.append((node.lineno, ast.unparse(node)))
        elif (isinstance(node, ast.Subscript) and _is_kind_expr(node.slice)
              and not isinstance(node.slice, ast.Name)):
            found.append((node.lineno, ast.unparse(node)))  # a table by kind
        elif isinstance(node, ast.Name | ast.Attribute) and id(node) not in called | typed:
            name = _final_name(node)
            is_class = name in imported or (
                isinstance(node, ast.Attribute) and _final_name(node.value) == "kinds"
            )
            if name in KIND_CLASSES and is_class and isinstance(node.ctx, ast.Load):
                found.append((node.lineno, ast.unparse(node)))
    return sorted(set(found))


def test_no_module_but_kinds_asks_which_kind_a_field_is() -> None:
    offences = []
    for path in sorted(SRC.rglob("*.py")):
        if path == KINDS_MODULE:
            continue
        for line, what in kind_inspections(path.read_text(encoding="utf-8")):
            offences.append(f"{path.relative_to(SRC)}:{line}: {what}")
    assert offences == []


@pytest.mark.parametrize(
    "source",
    [
        "from pse_recon.declaration import Text\nif isinstance(f.kind, Text): pass",
        "from pse_recon.declaration import Time, Date\nok = isinstance(f.kind, (Date, Time))",
        "from pse_recon.declaration import kinds\nok = isinstance(f.kind, kinds.Amount)",
        "from pse_recon.declaration import Numeric\nif f.kind == Numeric(): pass",
        "if f.kind.name == 'amount': pass",
        "if field.kind.name in ('date', 'time'): pass",
        "if type(f.kind) is Foo: pass",
        "if f.kind.__class__.__name__ == 'Time': pass",
        "if kind == 'numeric': pass",
        "from pse_recon.declaration.kinds import Filler\nLABELS = {Filler: 'blank'}",
        "from pse_recon.declaration import Time\nmatch f.kind:\n    case Time(): pass",
        "from pse_recon.declaration import Time\nend = Time.end_text",
        "label = LABELS[f.kind.name]",
        "label = LABELS[type(f.kind)]",
        "from pse_recon.declaration import Time\ndef f(k: Time = Time(4)) -> bool: return k is Time",
    ],
)
def test_the_scan_finds_each_way_of_asking(source: str) -> None:
    assert kind_inspections(source) != []


@pytest.mark.parametrize(
    "source",
    [
        "from pse_recon.declaration import Amount\nk = Amount(2)",  # making one
        "if kind == 'gzip': pass",  # another kind of thing
        "label = f.kind.label\nok = f.kind.money",  # asking the kind itself
        "if kind is None: pass",
        "from pse_recon.declaration import Kind\ndef f(k: Kind) -> Kind: return k",  # a type
    ],
)
def test_the_scan_lets_kinds_be_made_and_asked(source: str) -> None:
    assert kind_inspections(source) == []


# -- each kind's contract -------------------------------------------------------------
def fields_of(kind: type[Kind]) -> list[Field]:
    """Every field of the built-in layouts (both 2001 widths) whose kind is ``kind``."""
    found = {}
    for name in layouts.FORMATS:
        for rec in pse_recon.layout(name):
            for f in rec.fields:
                if type(f.kind) is kind:
                    found[(name, rec.record_type, f.name)] = f
    return list(found.values())


def test_every_kind_is_declared_by_some_layout() -> None:
    assert {k.__name__ for k in KINDS if not fields_of(k)} == set()


def test_kinds_have_distinct_names_and_labels_of_their_name() -> None:
    assert len({k.name for k in KINDS}) == len(KINDS)
    for kind in KINDS:
        assert kind.doc_label.startswith(kind.name)
        for f in fields_of(kind):
            assert f.kind.label.startswith(kind.name)


def test_describe_and_the_docs_show_each_kind_by_its_label() -> None:
    index = (REPO / "docs" / "formats" / "index.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0].lstrip("| ") for line in index.splitlines() if line.startswith("| ")}
    assert {k.doc_label for k in KINDS} <= rows
    expected = {  # by hand, from the layout tables
        ("asobancaria-2001", "06", "valor_recaudado"): "amount(2)",
        ("asobancaria-2001", "01", "hora_archivo"): "time(HHMM)",
        ("asobancaria-2001", "06", "causal_devolucion"): "code",
        ("asobancaria-1998", "02", "valor_recaudado"): "amount(0)",
        ("pse-detail", "2", "hora_registro_pse"): "time(HHMMSS)",
        ("pse-detail", "2", "cuenta_credito"): "alphanumeric",
        ("pse-detail", "2", "fecha_proceso"): "date",
        ("andesco", "06", "tipo_registro"): "constant",
    }
    for (name, code, field), label in expected.items():
        described = layout_json(pse_recon.layout(name))
        rec = next(r for r in described["records"] if r["record_type"] == code)
        assert next(x["kind"] for x in rec["fields"] if x["name"] == field) == label
        row = next(line for line in layout_text(pse_recon.layout(name)).splitlines()
                   if line.split()[:1] == [field])
        assert row.split()[-1] == label or label in row.split()


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_value_of_the_strategy_round_trips_through_the_kind(kind: type[Kind], data: st.DataObject) -> None:
    f = data.draw(st.sampled_from(fields_of(kind)))
    value = data.draw(f.kind.strategy(f))
    assert isinstance(value, f.kind.python_type)
    text = f.kind.encode(f, value)
    assert len(text) == f.length
    assert f.problem(text) is None
    assert f.kind.remark(f, text, LATIN1_CONTROLS) is None
    decoded = f.kind.decode(f, text)
    assert decoded == value
    assert f.kind.encode(f, decoded) == text
    if f.kind.byte_class == "digits":
        assert text.isascii() and text.isdigit()
    accepted = f.kind.accepted_bytes(f)
    if accepted is not None:
        assert text.encode("latin-1") in accepted
    json.dumps(f.kind.render(decoded))  # what JSON and CSV hold


def make(kind: Kind, length: int) -> Field:
    return attrs.evolve(Field("campo", length, kind), start=1, end=length)


#: Texts each kind refuses (or reads with a remark), and the rule that says so.
BAD_TEXTS: list[tuple[Kind, int, str, str, bool]] = [
    (Numeric(), 4, "12a4", "PR101", False),
    (Numeric(), 4, "-123", "PR101", False),
    (Numeric(), 4, "١٢٣٤", "PR101", False),  # digits, not ASCII ones
    (Digits(), 3, "0 1", "PR101", False),
    (Amount(2), 6, "00001.", "PR101", False),
    (Date(), 8, "20260230", "PR102", False),
    (Date(), 8, "2026113 ", "PR101", False),
    (Time(4), 4, "2401", "PR103", False),
    (Time(4), 4, "1260", "PR103", False),
    (Time(6), 6, "235960", "PR103", False),
    (Time(6), 6, "240001", "PR103", False),
    (Constant("06"), 2, "07", "PR104", False),
    (Filler(), 3, " x ", "PR105", False),
    (Code(), 3, "0 1", "PR112", False),
    (Code(), 3, "AB ", "PR112", False),
    (Time(4), 4, "0000", "PR109", True),
    # read as text, but an error: what it holds is not taken as the field's value
    (Text(), 5, "a\x1bb  ", "PR114", False),
    (Text(), 5, "a\x85b  ", "PR114", False),  # C1, a control character in latin-1
]


@pytest.mark.parametrize(("kind", "length", "text", "code", "usable"), BAD_TEXTS)
def test_a_bad_text_is_refused_with_its_rule(kind: Kind, length: int, text: str, code: str,
                                             usable: bool) -> None:
    f = make(kind, length)
    problem = f.problem(text) or kind.remark(f, text, LATIN1_CONTROLS)
    assert problem is not None
    assert (problem.code, problem.usable) == (code, usable)
    if not usable and f.problem(text) is not None:
        with pytest.raises(ValueError, match=r"must|is not"):
            f.decode(text)


@pytest.mark.parametrize(
    ("kind", "length", "value"),
    [
        (Numeric(), 3, 1000),
        (Numeric(), 3, -1),
        (Numeric(), 3, True),
        (Digits(), 3, "1a"),
        (Digits(), 3, 12),
        (Amount(2), 5, Decimal("1.005")),
        (Amount(2), 5, Decimal("1000.00")),
        (Amount(2), 5, 1.5),
        (Date(), 8, dt.datetime(2026, 11, 20, 12, 0)),
        (Time(4), 4, dt.time(12, 0, 30)),
        (Time(4), 4, dt.time(12, 0, tzinfo=dt.UTC)),
        (Constant("06"), 2, "07"),
        (Code(), 3, "1234"),
        (Text(), 3, "a\nb"),
        (Text(), 3, "abcd"),
    ],
)
def test_a_value_that_does_not_fit_is_refused_by_name(kind: Kind, length: int, value: Any) -> None:
    with pytest.raises(pse_recon.EncodeError) as info:
        make(kind, length).encode(value, "06")
    assert (info.value.record_type, info.value.field) == ("06", "campo")


def test_2400_is_the_end_of_the_day_both_ways() -> None:
    for kind, text in ((Time(4), "2400"), (Time(6), "240000")):
        f = make(kind, kind.length)
        assert f.decode(text) is END_OF_DAY
        assert f.encode(END_OF_DAY) == text


# -- the HHMM rule, in one place ------------------------------------------------------
def manual_hhmm(text: str) -> str | None:
    """The manual's rule, written here by hand (spec decision 4): None for a time in
    range, else the finding's code."""
    if not (text.isascii() and text.isdigit()):
        return "PR101"
    hours, minutes = int(text[:2]), int(text[2:])
    if text == "2400":
        return None
    if hours > 23 or minutes > 59:
        return "PR103"
    return "PR109" if text == "0000" else None


def _range_test(f: Field) -> Any:
    kind = f.kind
    assert isinstance(kind, Time)
    return eval(f"lambda raw: {kind.range_test(f, 'raw')}")


HHMM_TEXTS = ["".join(t) for t in itertools.product("0123456789", repeat=4)] + ["2 00", "24 0", "x000"]


def test_the_hhmm_rule_is_the_same_in_every_form_derived_from_time() -> None:
    f = make(Time(4), 4)
    kind = f.kind
    assert isinstance(kind, Time)
    in_range = _range_test(f)
    valid = kind.valid_values(f)
    block_test = kind.block_test(f)
    for text in HHMM_TEXTS:
        expected = manual_hhmm(text)
        problem = f.problem(text) or kind.remark(f, text, LATIN1_CONTROLS)
        assert (problem.code if problem else None) == expected, text
        good = expected is None
        raw = text.encode()
        assert (raw in valid) == good, text
        if expected != "PR101":  # the scanner checks digits apart
            assert bool(in_range(raw)) == good, text
            # a block test is sure only of times before the end of the day
            assert block_test(raw + b"\n", 0, 5) == (good and text != "2400"), text


def test_the_block_test_of_times_holds_for_blocks_of_many_lines() -> None:
    rng = random.Random(7)
    for kind in (Time(4), Time(6)):
        f = make(kind, kind.length)
        valid = kind.valid_values(f)
        texts = sorted(valid)
        for _ in range(300):
            lines = rng.choices(texts, k=rng.randrange(1, 40))
            if rng.random() < 0.5:
                lines[rng.randrange(len(lines))] = rng.choice(
                    [b"0" * kind.length, b"2401".ljust(kind.length, b"0"), b"2360".ljust(kind.length, b"0"),
                     b"3000".ljust(kind.length, b"0"), b"1970".ljust(kind.length, b"0")])
            block = b"".join(t + b"\n" for t in lines)
            surely = kind.block_test(f)(block, 0, kind.length + 1)
            if surely:
                assert all(t in valid and t != kind.end_text.encode() for t in lines)
            elif all(t in valid for t in lines):
                assert kind.end_text.encode() in lines  # only the end of the day is left to look at


def test_the_strategy_of_hhmm_draws_the_manual_range() -> None:
    f = make(Time(4), 4)
    seen: set[str] = set()

    @settings(max_examples=400, deadline=None, database=None, derandomize=True)
    @given(f.kind.strategy(f))
    def draw(value: dt.time) -> None:
        text = f.kind.encode(f, value)
        assert manual_hhmm(text) is None
        seen.add(text)

    draw()
    assert "0000" not in seen and len(seen) > 100


@pytest.mark.parametrize(("length", "moment", "expected"), [
    (4, dt.datetime(2026, 12, 1, 0, 0, 59), (dt.date(2026, 11, 30), END_OF_DAY)),
    (4, dt.datetime(2026, 12, 1, 0, 1, 30, 5), (dt.date(2026, 12, 1), dt.time(0, 1))),
    (4, dt.datetime(2026, 12, 1, 23, 59, 59), (dt.date(2026, 12, 1), dt.time(23, 59))),
    (6, dt.datetime(2026, 12, 1, 0, 0, 0, 7), (dt.date(2026, 12, 1), dt.time(0, 0))),
    (6, dt.datetime(2026, 12, 1, 13, 5, 9, 999), (dt.date(2026, 12, 1), dt.time(13, 5, 9))),
])
def test_a_moment_as_a_time_field_says_it(length: int, moment: dt.datetime,
                                          expected: tuple[dt.date, dt.time]) -> None:
    """HHMM has no 0000 (spec decision 4): midnight is 2400 of the day before; the
    value is always one the field writes and reads back."""
    kind = Time(length)
    assert kind.at(moment) == expected
    assert kind.decode_text(kind.encode_value(expected[1])) == expected[1]
