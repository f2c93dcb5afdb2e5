"""Colombian festivos, business days and PSE cycle assignment.

Expected holiday lists are the published ones, written out by hand; each date was
also checked against Ley 51 de 1983 and that year's Easter (2024-03-31,
2025-04-20, 2026-04-05).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pse_recon.calendar import (
    DEFAULT_SCHEDULE,
    CycleAssignment,
    CycleSchedule,
    Holiday,
    assign_cycle,
    holiday_names,
    holidays,
    is_business_day,
    is_holiday,
    named_holidays,
    next_business_day,
)

HOLIDAYS_2024 = [
    date(2024, 1, 1),
    date(2024, 1, 8),
    date(2024, 3, 25),
    date(2024, 3, 28),
    date(2024, 3, 29),
    date(2024, 5, 1),
    date(2024, 5, 13),
    date(2024, 6, 3),
    date(2024, 6, 10),
    date(2024, 7, 1),
    date(2024, 7, 20),
    date(2024, 8, 7),
    date(2024, 8, 19),
    date(2024, 10, 14),
    date(2024, 11, 4),
    date(2024, 11, 11),
    date(2024, 12, 8),
    date(2024, 12, 25),
]

# 18 festivos but 17 dates: San Pedro y San Pablo (29 Jun, a Sunday) and Sagrado
# Corazón (Easter + 71) are both observed on Monday 30 June.
HOLIDAYS_2025 = [
    date(2025, 1, 1),
    date(2025, 1, 6),
    date(2025, 3, 24),
    date(2025, 4, 17),
    date(2025, 4, 18),
    date(2025, 5, 1),
    date(2025, 6, 2),
    date(2025, 6, 23),
    date(2025, 6, 30),
    date(2025, 7, 20),
    date(2025, 8, 7),
    date(2025, 8, 18),
    date(2025, 10, 13),
    date(2025, 11, 3),
    date(2025, 11, 17),
    date(2025, 12, 8),
    date(2025, 12, 25),
]

HOLIDAYS_2026 = [
    date(2026, 1, 1),
    date(2026, 1, 12),
    date(2026, 3, 23),
    date(2026, 4, 2),
    date(2026, 4, 3),
    date(2026, 5, 1),
    date(2026, 5, 18),
    date(2026, 6, 8),
    date(2026, 6, 15),
    date(2026, 6, 29),
    date(2026, 7, 20),
    date(2026, 8, 7),
    date(2026, 8, 17),
    date(2026, 10, 12),
    date(2026, 11, 2),
    date(2026, 11, 16),
    date(2026, 12, 8),
    date(2026, 12, 25),
]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, HOLIDAYS_2024), (2025, HOLIDAYS_2025), (2026, HOLIDAYS_2026)],
)
def test_holidays_match_published_lists(year: int, expected: list[date]) -> None:
    assert holidays(year) == expected


def test_2025_keeps_both_names_on_30_june() -> None:
    named = named_holidays(2025)
    assert len(named) == 18
    assert Holiday(date(2025, 6, 30), "San Pedro y San Pablo") in named
    assert Holiday(date(2025, 6, 30), "Sagrado Corazón de Jesús") in named
    assert holiday_names(2025)[date(2025, 6, 30)] == (
        "San Pedro y San Pablo",
        "Sagrado Corazón de Jesús",
    )


def test_holiday_names_2026() -> None:
    names = holiday_names(2026)
    assert list(names) == HOLIDAYS_2026
    assert names[date(2026, 1, 12)] == ("Reyes Magos",)
    assert names[date(2026, 4, 3)] == ("Viernes Santo",)
    assert names[date(2026, 5, 18)] == ("Ascensión del Señor",)
    assert names[date(2026, 6, 8)] == ("Corpus Christi",)
    assert names[date(2026, 11, 16)] == ("Independencia de Cartagena",)


def test_holidays_returns_a_fresh_list() -> None:
    first = holidays(2024)
    first.clear()
    assert len(holidays(2024)) == 18


def test_years_before_ley_51_are_refused() -> None:
    with pytest.raises(ValueError, match="1984"):
        holidays(1983)


def test_year_must_be_an_int() -> None:
    with pytest.raises(TypeError, match="year"):
        holidays("2024")  # type: ignore[arg-type]


@given(st.integers(min_value=1984, max_value=9998))
def test_every_year_has_eighteen_festivos_on_the_right_weekdays(year: int) -> None:
    named = named_holidays(year)
    assert len(named) == 18
    assert all(h.date.year == year for h in named)
    fixed = {(1, 1), (5, 1), (7, 20), (8, 7), (12, 8), (12, 25)}
    for h in named:
        if (h.date.month, h.date.day) in fixed:
            continue
        expected_weekday = {"Jueves Santo": 3, "Viernes Santo": 4}.get(h.name, 0)
        assert h.date.weekday() == expected_weekday, h


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 7, 2), True),  # Tuesday
        (date(2024, 12, 24), True),  # Tuesday, Nochebuena is not a festivo
        (date(2024, 7, 1), False),  # Monday, San Pedro y San Pablo
        (date(2024, 3, 28), False),  # Jueves Santo
        (date(2024, 7, 6), False),  # Saturday
        (date(2024, 7, 7), False),  # Sunday
        (date(2025, 6, 30), False),  # two festivos on one Monday
        (date(2025, 7, 20), False),  # festivo on a Sunday
    ],
)
def test_is_business_day(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


def test_is_holiday() -> None:
    assert is_holiday(date(2025, 7, 20)) is True  # Sunday, still a festivo
    assert is_holiday(date(2025, 7, 21)) is False


@pytest.mark.parametrize("func", [is_business_day, is_holiday, next_business_day])
def test_datetime_is_refused_where_a_date_is_expected(func: object) -> None:
    assert callable(func)
    with pytest.raises(TypeError, match="not a datetime"):
        func(datetime(2024, 7, 1, 10, 0))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 7, 2), date(2024, 7, 2)),  # already a business day
        (date(2024, 6, 29), date(2024, 7, 2)),  # Sat, Sun, festivo Monday
        (date(2024, 12, 25), date(2024, 12, 26)),
        (date(2024, 3, 28), date(2024, 4, 1)),  # Jueves Santo to Monday after Easter
        (date(2022, 12, 31), date(2023, 1, 2)),  # across the year, 1 Jan a Sunday
        (date(2026, 1, 1), date(2026, 1, 2)),
    ],
)
def test_next_business_day(day: date, expected: date) -> None:
    assert next_business_day(day) == expected


# Tuesday 2 July 2024 is a business day; the default closings are 07:00, 09:00,
# 11:00, 13:00, 15:00, 17:00 and 19:30.
TUE = date(2024, 7, 2)


@pytest.mark.parametrize(
    ("moment", "number", "closing"),
    [
        (time(0, 0), 1, time(7)),
        (time(6, 15), 1, time(7)),
        (time(7, 0), 1, time(7)),  # exactly at a closing: makes that cycle
        (time(7, 0, 0, 1), 2, time(9)),
        (time(9, 0), 2, time(9)),
        (time(12, 30), 4, time(13)),
        (time(17, 0, 1), 7, time(19, 30)),
        (time(19, 30), 7, time(19, 30)),
    ],
)
def test_assign_cycle_on_a_business_day(moment: time, number: int, closing: time) -> None:
    assert assign_cycle(datetime.combine(TUE, moment)) == CycleAssignment(number, TUE, closing)


def test_after_last_closing_rolls_to_next_business_day() -> None:
    result = assign_cycle(datetime(2024, 7, 2, 19, 30, 1))
    assert result == CycleAssignment(1, date(2024, 7, 3), time(7))
    assert result.closing == datetime(2024, 7, 3, 7, 0)


def test_friday_evening_before_festivo_monday_rolls_to_tuesday() -> None:
    # Friday 28 June 2024; Monday 1 July is San Pedro y San Pablo.
    result = assign_cycle(datetime(2024, 6, 28, 21, 45))
    assert result == CycleAssignment(1, date(2024, 7, 2), time(7))


def test_weekend_payment_goes_to_first_cycle_of_next_business_day() -> None:
    # Saturday morning, before any closing time: still no cycle runs that day.
    assert assign_cycle(datetime(2024, 6, 29, 6, 0)) == CycleAssignment(1, date(2024, 7, 2), time(7))


def test_holy_week_payment_waits_for_monday() -> None:
    # Jueves Santo 2024 at 10:00: Thursday, Friday, Saturday, Sunday are off.
    assert assign_cycle(datetime(2024, 3, 28, 10, 0)) == CycleAssignment(1, date(2024, 4, 1), time(7))


def test_aware_timestamps_are_converted_to_colombian_time() -> None:
    # 14:30 UTC is 09:30 in Bogotá: cycle 3 (closing 11:00).
    assert assign_cycle(datetime(2024, 7, 2, 14, 30, tzinfo=UTC)) == CycleAssignment(3, TUE, time(11))
    # 01:00 UTC on the 3rd is 20:00 on the 2nd in Bogotá: after the last closing.
    assert assign_cycle(datetime(2024, 7, 3, 1, 0, tzinfo=UTC)) == CycleAssignment(
        1, date(2024, 7, 3), time(7)
    )
    five_east = timezone(timedelta(hours=5))
    # 23:00 at UTC+5 on the 2nd is 13:00 in Bogotá: cycle 4, closing exactly then.
    assert assign_cycle(datetime(2024, 7, 2, 23, 0, tzinfo=five_east)) == CycleAssignment(4, TUE, time(13))


def test_custom_schedule() -> None:
    noon_only = CycleSchedule([time(12)])
    assert noon_only.closings == (time(12),)
    assert assign_cycle(datetime(2024, 7, 2, 11, 0), noon_only) == CycleAssignment(1, TUE, time(12))
    assert assign_cycle(datetime(2024, 7, 2, 12, 0, 1), noon_only) == CycleAssignment(
        1, date(2024, 7, 3), time(12)
    )


def test_default_schedule_is_the_documented_one() -> None:
    assert DEFAULT_SCHEDULE.closings == (
        time(7),
        time(9),
        time(11),
        time(13),
        time(15),
        time(17),
        time(19, 30),
    )


def test_assign_cycle_takes_a_datetime() -> None:
    with pytest.raises(TypeError, match="datetime"):
        assign_cycle(date(2024, 7, 2))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("closings", "error", "message"),
    [
        ((), ValueError, "at least one"),
        ((time(9), time(8)), ValueError, "strictly increasing"),
        ((time(9), time(9)), ValueError, "strictly increasing"),
        (tuple(time(h) for h in range(10)), ValueError, "at most 9"),
        ((time(9), "10:00"), TypeError, "datetime.time"),
        ((time(9, tzinfo=UTC),), ValueError, "naive"),
        (None, TypeError, "iterable"),
    ],
)
def test_invalid_schedules(closings: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        CycleSchedule(closings)  # type: ignore[arg-type]
    assert "closings" in str(info.value)


def test_nine_cycles_are_allowed() -> None:
    assert len(CycleSchedule(tuple(time(h) for h in range(1, 10))).closings) == 9
