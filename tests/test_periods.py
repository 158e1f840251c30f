"""TIMEX3 date values as periods of days and as labels people read."""

from __future__ import annotations

import pytest

from eventwire.periods import bounds, label, period, sort_day


@pytest.mark.parametrize(("value", "start", "end", "text"), [
    ("2005-03-10", "2005-03-10", "2005-03-10", "2005-03-10"),
    ("2005-03-10T14:00", "2005-03-10", "2005-03-10", "2005-03-10"),
    ("2005-W10", "2005-03-07", "2005-03-13", "week of 2005-03-07"),
    ("2005-W10-WE", "2005-03-12", "2005-03-13", "weekend of 2005-03-12"),
    ("2024-02", "2024-02-01", "2024-02-29", "February 2024"),
    ("2023-WI", "2023-12-01", "2024-02-29", "winter 2023-24"),
    ("2023-SU", "2023-06-01", "2023-08-31", "summer 2023"),
    ("2005-Q4", "2005-10-01", "2005-12-31", "Q4 2005"),
    ("2005-H1", "2005-01-01", "2005-06-30", "H1 2005"),
    ("1948", "1948-01-01", "1948-12-31", "1948"),
    ("199X", "1990-01-01", "1999-12-31", "the 1990s"),
])
def test_periods_known_values(value: str, start: str, end: str, text: str) -> None:
    assert bounds(value) == (start, end)
    assert label(value) == text


@pytest.mark.parametrize("value", ["XXXX-WXX", "XXXX-09", "2005-WXX", "19XX", "PRESENT_REF", "P2D", "2023-02-30",
                                   "2023-13", "2023-W54",
                                   "", None])
def test_periods_unresolved_values_are_undated(value: str | None) -> None:
    assert period(value) is None and bounds(value) == (None, None)
    assert label(value) == "undated"


@pytest.mark.parametrize(("value", "day"), [("2005-03-10", "2005-03-10"), ("2005-W10", "2005-03-07"),
                                            ("2005-03", "2005-03-01"), ("2005-Q1", None), ("2005", None),
                                            ("XXXX-09", None)])
def test_periods_sort_day_only_for_a_month_or_less(value: str, day: str | None) -> None:
    # A year drawn on its first day would make 1 January one tall false bar.
    assert sort_day(value) == day
