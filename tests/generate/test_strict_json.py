"""The strict JSON parser of the input files: duplicated keys, deep nesting and
numbers, each refused or read exactly, with the place worked out by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pse_recon.generator.strict_json import INT_DIGITS, MAX_DEPTH, JsonError, loads


def refused(text: str) -> tuple[int, int, str]:
    with pytest.raises(JsonError) as caught:
        loads(text)
    return caught.value.line, caught.value.column, caught.value.reason


def test_a_key_given_twice_names_both_places() -> None:
    assert refused('{"amount": "1",\n "Amount": "2",\n  "amount": "3"}') == (
        3, 3, "key 'amount' is given twice in the top-level object (first at line 1, column 2); "
        "a key may appear once in an object")


def test_a_key_given_twice_deep_inside_names_the_path() -> None:
    text = '{"transactions": [{"cus": "1"},\n {"cus": "2", "cycle": {"number": 1, "number": 2}}]}'
    assert refused(text) == (
        2, 38, "key 'number' is given twice in transactions[2].cycle (first at line 2, column 25); "
        "a key may appear once in an object")


def test_keys_compare_as_decoded() -> None:
    line, column, reason = refused('{"a": 1, "\\u0061": 2}')
    assert (line, column) == (1, 10) and reason.startswith("key 'a' is given twice")


def test_the_same_key_in_different_objects_is_fine() -> None:
    assert loads('[{"a": 1}, {"a": 2, "b": {"a": 3}}]') == [{"a": 1}, {"a": 2, "b": {"a": 3}}]


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_nesting_deeper_than_the_bound_is_refused(depth: int) -> None:
    """100,000 levels made json.loads raise RecursionError; now the same error as 33."""
    text = "[" * depth + "]" * depth
    assert refused(text) == (1, MAX_DEPTH + 1, f"nests arrays and objects more than {MAX_DEPTH} deep")
    objects = '{"a": ' * depth + "1" + "}" * depth
    assert refused(objects) == (1, 6 * MAX_DEPTH + 1, f"nests arrays and objects more than {MAX_DEPTH} deep")


def test_nesting_up_to_the_bound_is_read() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    value = loads(text)
    for _ in range(MAX_DEPTH - 1):
        (value,) = value
    assert value == []


def test_brackets_inside_strings_do_not_nest() -> None:
    assert loads('{"k": "' + "[{" * 100 + '\\"]"}') == {"k": "[{" * 100 + '"]'}


def test_numbers_are_read_exactly() -> None:
    value = loads(f'[1.50, 1e400, {"9" * INT_DIGITS}, {"9" * (INT_DIGITS + 1)}, -0, NaN, -Infinity]')
    assert [type(x) for x in value] == [Decimal, Decimal, int, Decimal, int, Decimal, Decimal]
    assert value[:5] == [
        Decimal("1.50"), Decimal("1E+400"), 10**INT_DIGITS - 1, 10 ** (INT_DIGITS + 1) - 1, 0]
    assert str(value[0]) == "1.50" and value[5].is_nan() and value[6] == Decimal("-Infinity")


def test_an_integer_of_any_length_is_read() -> None:
    """json.loads raised ValueError past 4,300 digits."""
    (value,) = loads(f"[{'1' * 5000}]")
    assert value == Decimal("1" * 5000)


def test_invalid_json_says_where() -> None:
    assert refused('{\n  "a": 1,\n  "b" 2}') == (3, 7, "is not valid JSON: Expecting ':' delimiter")

