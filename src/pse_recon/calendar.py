"""Colombian business calendar and ACH PSE settlement-cycle assignment.

Collection files are dated by the cycle that settled the payment (``fecha_pago``,
``fecha_cierre_ciclo``), and cycles only run on business days, so the generator and
the reconciliation both need to know which days are festivos. The holidays are
computed from the law rather than listed, so every year works without a table:

* fixed dates (Ley 51 de 1983, art. 1): 1 Jan, 1 May, 20 Jul, 7 Aug, 8 Dec, 25 Dec;
* dates that Ley 51 de 1983 ("Ley Emiliani") moves to the following Monday when they
  do not fall on one: 6 Jan, 19 Mar, 29 Jun, 15 Aug, 12 Oct, 1 Nov, 11 Nov;
* Easter-based: Jueves and Viernes Santo (not moved), and Ascensión, Corpus Christi
  and Sagrado Corazón, moved to the Monday after (Easter + 43, + 64, + 71).

The law names 18 holidays a year, but two of them can land on the same Monday
(in 2025 San Pedro y San Pablo and Sagrado Corazón are both on 30 June):
:func:`named_holidays` keeps all 18, :func:`holidays` gives the distinct dates.

Times are Colombian local time (UTC-5 all year, no daylight saving). Naive values
are taken to be local; aware ones are converted to UTC-5 first.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from typing import Final

import attrs
from dateutil.easter import easter
from dateutil.relativedelta import MO, relativedelta

__all__ = [
    "COLOMBIA_TZ",
    "DEFAULT_SCHEDULE",
    "FIRST_YEAR",
    "CycleAssignment",
    "CycleSchedule",
    "Holiday",
    "assign_cycle",
    "holiday_names",
    "holidays",
    "is_business_day",
    "is_holiday",
    "named_holidays",
    "next_business_day",
]

#: Colombia has used UTC-5 all year, without daylight saving, since 1993.
COLOMBIA_TZ: Final = timezone(timedelta(hours=-5), "COT")

#: Ley 51 de 1983 took effect in 1984; earlier years followed other rules, so they
#: are refused rather than computed wrongly.
FIRST_YEAR: Final = 1984

_FIXED: Final = (
    (1, 1, "Año Nuevo"),
    (5, 1, "Día del Trabajo"),
    (7, 20, "Día de la Independencia"),
    (8, 7, "Batalla de Boyacá"),
    (12, 8, "Inmaculada Concepción"),
    (12, 25, "Navidad"),
)
_MOVED_TO_MONDAY: Final = (
    (1, 6, "Reyes Magos"),
    (3, 19, "San José"),
    (6, 29, "San Pedro y San Pablo"),
    (8, 15, "Asunción de la Virgen"),
    (10, 12, "Día de la Raza"),
    (11, 1, "Todos los Santos"),
    (11, 11, "Independencia de Cartagena"),
)
# Days after Easter Sunday, already moved to Monday where the law moves them.
_EASTER_BASED: Final = (
    (-3, "Jueves Santo"),
    (-2, "Viernes Santo"),
    (43, "Ascensión del Señor"),
    (64, "Corpus Christi"),
    (71, "Sagrado Corazón de Jesús"),
)


@attrs.frozen
class Holiday:
    """One festivo: the day it is observed and its name."""

    date: date
    name: str


@functools.cache
def _named_holidays(year: int) -> tuple[Holiday, ...]:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, not {type(year).__name__}")
    if not FIRST_YEAR <= year <= date.max.year:
        raise ValueError(
            f"year must be between {FIRST_YEAR} (Ley 51 de 1983 in force) and {date.max.year}, got {year}"
        )
    result = [Holiday(date(year, month, day), name) for month, day, name in _FIXED]
    result += [
        Holiday(date(year, month, day) + relativedelta(weekday=MO(+1)), name)
        for month, day, name in _MOVED_TO_MONDAY
    ]
    sunday = easter(year)
    result += [Holiday(sunday + timedelta(days=offset), name) for offset, name in _EASTER_BASED]
    return tuple(sorted(result, key=lambda h: h.date))


@functools.cache
def _holiday_set(year: int) -> frozenset[date]:
    return frozenset(h.date for h in _named_holidays(year))


def named_holidays(year: int) -> list[Holiday]:
    """All 18 festivos of ``year`` by date; coincident ones appear once each."""
    return list(_named_holidays(year))


def holidays(year: int) -> list[date]:
    """The distinct festivo dates of ``year``, sorted (17 when two coincide)."""
    return sorted(_holiday_set(year))


def holiday_names(year: int) -> dict[date, tuple[str, ...]]:
    """Festivo date → the names celebrated that day (two when they coincide)."""
    names: dict[date, tuple[str, ...]] = {}
    for h in _named_holidays(year):
        names[h.date] = (*names.get(h.date, ()), h.name)
    return names


def _check_date(d: date, what: str) -> None:
    # A datetime is a date, but never equal to one, so it would miss every holiday.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"{what} takes a datetime.date (not a datetime), got {d!r}")


def is_holiday(d: date) -> bool:
    """Whether ``d`` is a Colombian festivo."""
    _check_date(d, "is_holiday")
    return d in _holiday_set(d.year)


def is_business_day(d: date) -> bool:
    """Monday to Friday and not a festivo: the days ACH runs settlement cycles."""
    _check_date(d, "is_business_day")
    return d.weekday() < 5 and d not in _holiday_set(d.year)


def next_business_day(d: date) -> date:
    """``d`` itself if it is a business day, else the first one after it."""
    _check_date(d, "next_business_day")
    while not is_business_day(d):
        d += timedelta(days=1)
    return d


def _check_closings(
    instance: CycleSchedule, attribute: attrs.Attribute[tuple[time, ...]], value: object
) -> None:
    if not isinstance(value, tuple) or not value:
        raise ValueError("CycleSchedule.closings must hold at least one closing time")
    if len(value) > 9:
        raise ValueError(
            f"CycleSchedule.closings has {len(value)} times; PSE writes the cycle "
            "number in one digit, so at most 9"
        )
    for t in value:
        if not isinstance(t, time):
            raise TypeError(f"CycleSchedule.closings must hold datetime.time values, got {t!r}")
        if t.tzinfo is not None:
            raise ValueError(f"CycleSchedule.closings must be naive local times, got {t!r}")
    for earlier, later in itertools.pairwise(value):
        if not earlier < later:
            raise ValueError(f"CycleSchedule.closings must be strictly increasing: {earlier} then {later}")


def _as_closings(value: Iterable[time]) -> tuple[time, ...]:
    try:
        return tuple(value)
    except TypeError:
        raise TypeError(
            f"CycleSchedule.closings must be an iterable of datetime.time, got {value!r}"
        ) from None


@attrs.frozen
class CycleSchedule:
    """The closing times of a business day's settlement cycles, in local time.

    Cycle *n* (1-based) takes the payments made after closing *n-1* and up to and
    including closing *n*. ACH Colombia does not publish its cycle times in the
    manual, so the schedule is configurable; see :data:`DEFAULT_SCHEDULE`.
    """

    closings: tuple[time, ...] = attrs.field(converter=_as_closings, validator=_check_closings)


#: A plausible default, **not** an ACH publication: seven cycles closing at
#: 07:00, 09:00, 11:00, 13:00, 15:00, 17:00 and 19:30. Pass your own
#: :class:`CycleSchedule` where the real times are known.
DEFAULT_SCHEDULE: Final = CycleSchedule(
    (time(7), time(9), time(11), time(13), time(15), time(17), time(19, 30))
)


@attrs.frozen
class CycleAssignment:
    """The cycle a payment travels in: its number and the day it settles."""

    number: int
    payment_date: date
    closing_time: time

    @property
    def closing(self) -> datetime:
        """The cycle's closing instant, naive local time."""
        return datetime.combine(self.payment_date, self.closing_time)


def assign_cycle(timestamp: datetime, schedule: CycleSchedule = DEFAULT_SCHEDULE) -> CycleAssignment:
    """The cycle that settles a payment made at ``timestamp``.

    On a business day the payment goes to the first cycle whose closing time is at
    or after it (a payment at exactly a closing time still makes that cycle). A
    payment after the day's last closing, or on a weekend or festivo, has no cycle
    left that day: no cycles run until the next business day, so it goes to that
    day's first cycle, and that day is its ``fecha de pago``.
    """
    if not isinstance(timestamp, datetime):
        raise TypeError(f"assign_cycle takes a datetime, got {timestamp!r}")
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(COLOMBIA_TZ)
    day = timestamp.date()
    if is_business_day(day):
        moment = timestamp.time().replace(tzinfo=None)
        for number, closing in enumerate(schedule.closings, start=1):
            if moment <= closing:
                return CycleAssignment(number, day, closing)
    first_day = next_business_day(day + timedelta(days=1))
    return CycleAssignment(1, first_day, schedule.closings[0])
