"""What one cell of a transactions CSV, or one value of its JSON, reads as (a state,
a bank, a date, a whole number...), and the errors of the loaders: every problem an
:class:`InputError` naming where it is. Shared by :mod:`~pse_recon.generator.csv_input`
and :mod:`~pse_recon.generator.inputs` (JSON), which read them alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, TypeVar

from pse_recon import catalogs
from pse_recon.errors import InputError
from pse_recon.generator.cus_index import CusIndex
from pse_recon.generator.input_files import brief
from pse_recon.model import Bank, PseState

T = TypeVar("T")

#: Whole numbers (cycle numbers) longer than this are refused before conversion.
WHOLE_NUMBER_DIGITS: Final = 18
_STATE_NAMES: Final = {
    "approved": PseState.APPROVED,
    "rejected": PseState.REJECTED,
    "pending": PseState.PENDING,
    "failed": PseState.FAILED,
}


# -- values -----------------------------------------------------------------------
def _state(value: str) -> PseState:
    text = value.strip()
    if text in catalogs.PSE_STATES:
        return PseState(text)
    try:
        return _STATE_NAMES[text.lower()]
    except KeyError:
        raise ValueError(
            f"must be 1 (approved), 2 (rejected), 3 (pending) or 4 (failed), got {brief(value)}"
        ) from None


def _bank(value: str) -> Bank:
    code = value.strip()
    if not (len(code) == 4 and code.isascii() and code.isdigit()):
        raise ValueError(f"must be a 4-digit PSE/ACH bank code (e.g. 1007), got {brief(value)}")
    return Bank(code=code, name=catalogs.BANKS.get(code, f"Bank {code}"))


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a date YYYY-MM-DD, got {brief(value)}") from None


def _time(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a time HH:MM or HH:MM:SS, got {brief(value)}") from None


def _datetime(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"must be a date and time YYYY-MM-DDTHH:MM:SS, got {brief(value)}") from None


def _int(value: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"must be a whole number, got {brief(value)}")
    if len(text) > WHOLE_NUMBER_DIGITS:
        raise ValueError(f"must be a whole number of at most {WHOLE_NUMBER_DIGITS} digits, got {len(text)}")
    return int(text)


def _pse_code(value: str) -> str:
    """The company's code at PSE: digits, or empty (``Collection.pse_code``)."""
    text = value.strip()
    if text and not (text.isascii() and text.isdigit()):
        raise ValueError(f"must be digits (or empty), got {brief(value)}")
    return text


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"must be text, got {brief(value)}")
    return str(value)


# -- errors -------------------------------------------------------------------------
def _cell(where: str, column: str, parse: Callable[[str], T], value: str) -> T:
    try:
        return parse(value)
    except ValueError as exc:
        raise InputError(str(exc), where=f"{where}, column {column}") from None


def _build(where: str, make: Callable[[], T]) -> T:
    """A model object; its own checks (Class.attribute: why) become an InputError."""
    try:
        return make()
    except InputError:
        raise
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(str(exc.args[0]) if exc.args else str(exc), where=where) from None


def _unique_cus(where: str, cus: str, seen: dict[str, int] | CusIndex, here: int, what: str) -> None:
    """A CUS identifies one payment: refuse the second (``seen`` maps CUS → where first)."""
    first = seen.setdefault(cus, here)
    if first != here:
        place = f"line {first}" if what == "line" else f"{what}[{first}]"
        raise InputError(f"CUS {cus} is also at {place}: a CUS identifies one payment", where=where)
