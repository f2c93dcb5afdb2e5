"""NIT check digits (DIAN) and EAN-13 check digits (GS1).

Known values come from real Asobancaria 2001 file headers and service codes in
shared/corpus/real, or from the companies' published NITs, and each was also
worked out by hand. For 900649119 the weighted sum (weights from the right) is
9·3 + 1·7 + 1·13 + 9·17 + 4·19 + 6·23 + 0·29 + 0·37 + 9·41 = 783; 783 mod 11 = 2,
so the DV is 11 - 2 = 9.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_recon.model import (
    DIAN_WEIGHTS,
    ean13_check_digit,
    ean13_is_valid,
    nit_check_digit,
)


@pytest.mark.parametrize(
    ("nit", "dv"),
    [
        ("900649119", "9"),  # header 9006491199 (Banco Agrario and Banco de Bogotá files)
        ("890399029", "5"),  # header 8903990295 (Davivienda file); sum 1095, r 6
        ("899999061", "9"),  # header 8999990619 (Banco de Occidente file); sum 1498, r 2
        ("860034313", "7"),  # Davivienda S.A.; sum 730, r 4
        ("890903938", "8"),  # Bancolombia S.A.; sum 1081, r 3
        ("1", "8"),  # 1·3 = 3, r 3
        ("4", "1"),  # 4·3 = 12, r 1: the remainder itself
        ("15", "0"),  # 1·7 + 5·3 = 22, r 0: the remainder itself
        ("11", "1"),  # 1·7 + 1·3 = 10, r 10: 11 - 10
        ("0", "0"),
    ],
)
def test_known_nits(nit: str, dv: str) -> None:
    assert nit_check_digit(nit) == dv


def test_leading_zeros_do_not_change_the_check_digit() -> None:
    assert nit_check_digit("0000900649119") == "9"


def test_weights_are_dians() -> None:
    assert DIAN_WEIGHTS == (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def test_fifteen_digit_nit() -> None:
    # 1 in the 15th position from the right only: weight 71, 71 mod 11 = 5, DV 6.
    assert nit_check_digit("100000000000000") == "6"


@pytest.mark.parametrize("bad", ["", "90064911-9", "900.649.119", " 900649119", "９００", "1" * 16, "12a"])
def test_bad_nits_are_value_errors(bad: str) -> None:
    with pytest.raises(ValueError, match=r"^nit must be 1 to 15 digits"):
        nit_check_digit(bad)


def test_nit_must_be_a_str() -> None:
    with pytest.raises(TypeError, match=r"^nit must be a str"):
        nit_check_digit(900649119)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "code",
    [
        "7709998888487",  # service code in the Banco Agrario and Banco de Bogotá files
        "7709998416949",  # service code in the Davivienda file
        "4006381333931",  # GS1's textbook example: sum 89, check 1
    ],
)
def test_valid_ean13(code: str) -> None:
    assert ean13_is_valid(code) is True


@pytest.mark.parametrize(
    "code",
    [
        # Service code of the real Banco de Occidente file: the first 12 digits give
        # check digit 2 (sum 98), the file has 0. Real files carry such codes.
        "7707202600090",
        "7709998888480",  # right code, wrong last digit
        "770999888848",  # 12 digits
        "77099988884870",  # 14 digits
        "770999888848x",
        "",
    ],
)
def test_invalid_ean13(code: str) -> None:
    assert ean13_is_valid(code) is False


def test_ean13_check_digit_of_known_codes() -> None:
    assert ean13_check_digit("770999888848") == "7"
    assert ean13_check_digit("770720260009") == "2"


def test_ean13_check_digit_needs_12_digits() -> None:
    with pytest.raises(ValueError, match=r"^first12 must be exactly 12 digits"):
        ean13_check_digit("7709998888487")


def test_ean13_is_valid_needs_a_str() -> None:
    with pytest.raises(TypeError, match=r"^code must be a str"):
        ean13_is_valid(7709998888487)  # type: ignore[arg-type]


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_computed_ean13_digit_validates_and_no_other_does(first12: str) -> None:
    check = ean13_check_digit(first12)
    assert ean13_is_valid(first12 + check)
    for other in "0123456789".replace(check, ""):
        assert not ean13_is_valid(first12 + other)


@given(st.text(alphabet="0123456789", min_size=1, max_size=15))
def test_nit_check_digit_matches_the_definition(nit: str) -> None:
    # Restated independently: weights from the left for the reversed digits.
    weights = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71]
    total = sum(int(nit[-1 - i]) * weights[i] for i in range(len(nit)))
    r = total % 11
    assert nit_check_digit(nit) == str(r if r in (0, 1) else 11 - r)
