"""compile/model.constructor against the class it replaces: for hostile arguments it
makes the same object or raises the same error, and no Check's ``passes`` expression
accepts a value its validator refuses (the fast path's soundness)."""

from __future__ import annotations

import datetime as dt
import decimal
import string
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pse_recon import catalogs
from pse_recon.compile.model import constructor
from pse_recon.generator.values import Group, Scope
from pse_recon.model import (
    Bank,
    CollectingAccount,
    Collection,
    Company,
    Cycle,
    PseState,
    Service,
    Transaction,
)
from pse_recon.model._checks import Check, digits, instance_of, money, text
from pse_recon.testing import banks, collections, cycles, services, transactions

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _own_decimal_context() -> Iterator[None]:
    """Hostile amounts (sNaN compared) flag the context: this module's own, not the thread's."""
    with decimal.localcontext():
        yield


class Str(str):
    """A str subclass: the validators take it (isinstance), the expressions refuse it."""


class Dec(Decimal):
    """A Decimal subclass."""


UTC_5 = dt.timezone(dt.timedelta(hours=-5))
NAIVE = dt.datetime(2026, 11, 20, 9, 12, 45)

HOSTILE_TEXT = st.sampled_from([
    "", " ", "   ", "\t", "a\nb", "a\x00b", "\x7f", "a\u200bb", "²", "12²", "٣٤", "０１２", "1" * 20,
    "1" * 21, "1" * 40, "0", "007", "1007", "10071", "100", " 1007", "1007 ", "-1", "+1", "1.5",
    "abc", "ñandú", "A-1", "1", "2", "3", "4", "5", "approved", "APPROVED",
    *sorted(catalogs.REJECTION_CODES)[:3], *sorted(catalogs.FAILURE_CODES)[:3],
])
HOSTILE_DECIMALS = st.sampled_from([
    "NaN", "-NaN", "sNaN", "Infinity", "-Infinity", "-1", "-0", "-0.00", "0", "0.00", "0.000",
    "1.001", "0.1", "1E+2", "1E+15", "1E+16", "1E+17", "1E+100", "9999999999999999.99",
    "10000000000000000", "9999999999999999", "1E-2", "1E-3", "12.5", "5E-1", "100.10",
]).map(Decimal)
HOSTILE_DATETIMES = st.sampled_from([
    NAIVE, NAIVE.replace(tzinfo=dt.UTC), NAIVE.replace(tzinfo=UTC_5), NAIVE - dt.timedelta(seconds=1),
    NAIVE + dt.timedelta(days=1), dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59),
])
HOSTILE: st.SearchStrategy[Any] = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_TEXT.map(Str),
    st.text(max_size=8),
    HOSTILE_DECIMALS,
    HOSTILE_DECIMALS.filter(lambda d: d.is_finite()).map(Dec),
    HOSTILE_DATETIMES,
    st.sampled_from([None, True, False, 0, 1, 1007, -1, 0.1, 18000.0, float("nan"), float("inf"),
                     dt.date(2026, 11, 20), dt.time(9), b"1007", [], ()]),
    st.sampled_from(list(PseState)),
    banks(known=False),
    services(),
    cycles(),
)


def _outcome(make: Any, kwargs: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "made", make(**kwargs)
    except Exception as exc:  # the exception is the result compared
        return "raised", exc


def assert_same(cls: type, kwargs: dict[str, Any]) -> None:
    """``cls(**kwargs)`` and ``constructor(cls)(**kwargs)``: the same object of exactly
    ``cls`` (the compiled one frozen), or the same exception type and message."""
    want, got = _outcome(cls, kwargs), _outcome(constructor(cls), kwargs)
    if want[0] == "raised" or got[0] == "raised":
        assert (got[0], type(got[1]), str(got[1])) == (want[0], type(want[1]), str(want[1]))
        return
    made, compiled = want[1], got[1]
    assert type(made) is cls and type(compiled) is cls
    # == of equal objects is not always True (a NaN field), nor always an answer (sNaN)
    eq, reflexive = _outcome(lambda: compiled == made, {}), _outcome(lambda: made == made, {})
    assert (eq[0], type(eq[1]), str(eq[1])) == (reflexive[0], type(reflexive[1]), str(reflexive[1]))
    for a in attrs.fields(cls):
        x, y = getattr(made, a.name), getattr(compiled, a.name)
        assert type(x) is type(y) and (x is y or (x == y and repr(x) == repr(y))), a.name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(compiled, attrs.fields(cls)[0].name, getattr(compiled, attrs.fields(cls)[0].name))


def test_compiled_classes() -> None:
    assert constructor(Transaction) is not Transaction
    assert constructor(Bank) is not Bank
    assert constructor(Scope) is not Scope


@st.composite
def hostile_kwargs(draw: st.DrawFn, valid: dict[str, Any],
                   own: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """``valid`` with 0 to 3 fields replaced (by ``own[name]`` or anything hostile)."""
    kwargs = dict(valid)
    for name in draw(st.lists(st.sampled_from(sorted(kwargs)), max_size=3, unique=True)):
        kwargs[name] = draw(own[name] if name in own and draw(st.booleans()) else HOSTILE)
    return kwargs


def _fields(obj: Any) -> dict[str, Any]:
    return {a.name: getattr(obj, a.name) for a in attrs.fields(type(obj))}


@st.composite
def transaction_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    valid = _fields(draw(transactions()))
    kwargs = draw(hostile_kwargs(valid, {
        "cus": HOSTILE_TEXT, "ticket_id": HOSTILE_TEXT, "reference_1": HOSTILE_TEXT,
        "reference_2": HOSTILE_TEXT, "reference_3": HOSTILE_TEXT, "authorization_code": HOSTILE_TEXT,
        "amount": HOSTILE_DECIMALS, "iva": HOSTILE_DECIMALS, "created_at": HOSTILE_DATETIMES,
        "processed_at": HOSTILE_DATETIMES,
        "state": st.sampled_from([*PseState, "1", "2", "3", "4", "5", "", 1]),
        "cause": st.one_of(st.none(), HOSTILE_TEXT),
    }))
    cross = draw(st.sampled_from(["none", "iva", "approved", "before", "aware", "cause", "drop"]))
    if cross == "iva" and isinstance(kwargs["amount"], Decimal) and kwargs["amount"].is_finite():
        kwargs["iva"] = kwargs["amount"] + Decimal("0.01")
    elif cross == "approved":
        kwargs.update(state=PseState.APPROVED, cause=None,
                      authorization_code=draw(st.sampled_from(["", " ", "   ", "\t"])))
    elif cross == "before" and isinstance(kwargs["created_at"], dt.datetime) \
            and kwargs["created_at"].year > 1:
        kwargs["processed_at"] = kwargs["created_at"] - dt.timedelta(microseconds=draw(st.integers(1, 10**7)))
    elif cross == "aware" and isinstance(kwargs["created_at"], dt.datetime):
        kwargs["processed_at"] = kwargs["created_at"].replace(
            tzinfo=None if kwargs["created_at"].tzinfo else draw(st.sampled_from([dt.UTC, UTC_5])))
    elif cross == "cause":
        kwargs["cause"] = draw(st.sampled_from(
            [None, "", "XX", *sorted(catalogs.REJECTION_CODES), *sorted(catalogs.FAILURE_CODES)]))
    elif cross == "drop":
        for name in draw(st.lists(st.sampled_from(
                ["reference_2", "reference_3", "iva", "authorization_code", "cause"]), unique=True)):
            kwargs.pop(name)
    return kwargs


@st.composite
def bank_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    valid = _fields(draw(banks(known=False)))
    return draw(hostile_kwargs(valid, {"code": HOSTILE_TEXT, "name": HOSTILE_TEXT}))


@st.composite
def scope_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    c = draw(collections(max_transactions=2))
    t = c.transactions[0] if c.transactions else None
    valid = {"collection": c, "title": "t", "account": c.services[0].account, "bank": draw(banks()),
             "service": c.services[0], "transaction": t, "group": Group(t) if t else None,
             "made": (dt.date(2026, 1, 1), dt.time(1)), "modifier": "A"}
    kwargs = draw(hostile_kwargs(valid, {}))
    for name in draw(st.lists(st.sampled_from(list(valid)[2:]), unique=True)):
        kwargs.pop(name)
    return kwargs


CASES = [(Transaction, transaction_kwargs()), (Bank, bank_kwargs()), (Scope, scope_kwargs())]


@pytest.mark.parametrize("disabled", [False, True], ids=["validated", "validators-disabled"])
@pytest.mark.parametrize(("cls", "kwargs"), CASES, ids=[c.__name__ for c, _ in CASES])
def test_compiled_constructor_is_the_class(cls: type, kwargs: st.SearchStrategy[dict[str, Any]],
                                           disabled: bool) -> None:
    @SETTINGS
    @given(kwargs)
    def check(kw: dict[str, Any]) -> None:
        if disabled:
            with attrs.validators.disabled():
                assert_same(cls, kw)
        else:
            assert_same(cls, kw)

    check()


@SETTINGS
@given(transactions())
def test_valid_transactions_take_the_fast_path(t: Transaction) -> None:
    """Every field of a valid transaction passes its expression: the property above
    compares compiled objects, not only the fallback to the class."""
    for a in attrs.fields(Transaction):
        if isinstance(a.validator, Check):
            value = a.converter(getattr(t, a.name)) if a.converter else getattr(t, a.name)
            expression, names = a.validator.test("v", "_n_")
            assert eval(expression, {**names, "v": value}) is True, a.name


def test_wrong_arguments_raise_what_the_class_raises() -> None:
    """A missing or unknown keyword, or a positional argument: the same TypeError."""
    valid = _fields(Bank.from_code("1007"))
    assert_same(Bank, {})
    assert_same(Bank, {"code": "1007"})
    assert_same(Bank, {**valid, "bogus": 1})
    with pytest.raises(TypeError) as want:
        Bank("1007", "x")  # type: ignore[misc]
    with pytest.raises(TypeError) as got:
        constructor(Bank)("1007", "x")
    assert str(got.value) == str(want.value)


# -- every Check's expression accepts only what its validator accepts -------------
def _model_checks() -> list[tuple[str, Check, attrs.Attribute[Any]]]:
    found = []
    for cls in (Transaction, Bank, Company, CollectingAccount, Service, Cycle, Collection):
        for a in attrs.fields(cls):
            if isinstance(a.validator, Check):
                found.append((f"{cls.__name__}.{a.name}", a.validator, a))
    return found


_ANY_ATTRIBUTE = attrs.fields(Transaction).cus
CHECKS = [
    *_model_checks(),
    *((f"digits{span}", digits(*span), _ANY_ATTRIBUTE)
      for span in [(1,), (1, 1), (4, 4), (1, 13), (1, 15), (1, 20), (0, None), (3, 5)]),
    *((f"text(required={r}, max_len={n})", text(required=r, max_len=n), _ANY_ATTRIBUTE)
      for r in (True, False) for n in (None, 0, 1, 17)),
    ("money", money, _ANY_ATTRIBUTE),
    ("instance_of(Bank)", instance_of(Bank), _ANY_ATTRIBUTE),
    ("instance_of(str, None)", instance_of(str, type(None)), _ANY_ATTRIBUTE),
    ("instance_of(int, Decimal)", instance_of(int, Decimal), _ANY_ATTRIBUTE),
]

ARBITRARY: st.SearchStrategy[Any] = st.one_of(
    HOSTILE,
    st.text(),
    st.text(string.digits, max_size=25),
    st.text(string.digits, max_size=25).map(Str),
    st.text(string.printable, max_size=25),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.decimals(min_value=0, max_value=10**16, places=2),
    st.builds(lambda n, e: Decimal(n).scaleb(e), st.integers(-10**20, 10**20), st.integers(-6, 20)),
    st.builds(lambda n, e: Dec(n).scaleb(e), st.integers(0, 10**6), st.integers(-3, 3)),
    st.datetimes(timezones=st.sampled_from([None, dt.UTC, UTC_5])),
    st.dates(),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
)


def test_every_check_of_the_model_is_tested() -> None:
    names = {name for name, _, _ in CHECKS}
    assert {"Transaction.cus", "Transaction.amount", "Transaction.created_at", "Bank.code"} <= names


@pytest.mark.parametrize(("name", "check", "attribute"), CHECKS, ids=[n for n, _, _ in CHECKS])
def test_passes_only_what_the_check_accepts(name: str, check: Check, attribute: attrs.Attribute[Any]) -> None:
    expression, names = check.test("value", "_p_")

    @settings(max_examples=400, deadline=None)
    @given(ARBITRARY)
    def prove(value: Any) -> None:
        passes = eval(expression, {**names, "value": value})  # as compile/model.py runs it
        if passes:
            check(object(), attribute, value)  # must not raise

    prove()


# -- a validator that is not a Check: the class itself --------------------------
@attrs.frozen(kw_only=True)
class _Plain:
    x: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen(kw_only=True)
class _Checked:
    x: str = attrs.field(validator=digits(1))
    y: str = attrs.field(validator=lambda i, a, v: None)


@pytest.mark.parametrize("cls", [Company, Cycle, CollectingAccount, Service, Collection, _Plain, _Checked])
def test_not_compiled(cls: type) -> None:
    assert constructor(cls) is cls
