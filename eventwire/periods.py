"""TIMEX3 date values as periods of calendar days, and as words people read.

A TIMEX3 value says how precisely a date is known ("2005-03-10", "2005-W10", "2005-03", "2005",
"2005-Q1", "2023-WI") and uses X for what is not known ("XXXX-09": some September). Analysts need
the first and last day of the period (``date_start``/``date_end``, for pandas and range filters),
and a label to read ("March 2005", "winter 2023-24"); a value with an unknown part has no period
and reads "undated".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

#: The label of an event whose date is unknown or only partly known.
UNDATED = "undated"
#: The longest period drawn on a timeline and sorted by its first day: a month. A coarser date
#: (a season, a year) drawn on its first day would pile up on 1 January as one false peak.
DRAWABLE_DAYS = 31

#: Meteorological seasons of the northern hemisphere: (first month, number of months); winter
#: starts in December of the value's year.
_SEASONS = {"SP": (3, "spring"), "SU": (6, "summer"), "FA": (9, "autumn"), "WI": (12, "winter")}


@dataclass(frozen=True)
class Period:
    """The calendar days a date value covers."""

    start: date
    """First day."""
    end: date
    """Last day (inclusive)."""

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (self.end - self.start).days + 1

    @property
    def drawable(self) -> bool:
        """True when the period is precise enough to draw on, and sort by, its first day (a month or less)."""
        return self.days <= DRAWABLE_DAYS


def period(value: str | None) -> Period | None:
    """The days a TIMEX3 date value covers, or None when it is unknown or partly unknown.

    Args:
        value: a TIMEX3 value: a day or a time ("2005-03-10", "2005-03-10T14:00"), an ISO week
            ("2005-W10"), a month, a season ("2023-WI"), a quarter or half year ("2005-Q1",
            "2005-H2"), a year, a decade ("199X") or a century ("19XX" reads as none: too vague).

    Returns:
        The Period; None for values with X elsewhere ("XXXX-09", "2005-WXX"), references
        ("PRESENT_REF"), durations and impossible days ("2023-02-30").
    """
    if not value:
        return None
    try:
        return _period(value.strip())
    except ValueError:
        return None


def _period(value: str) -> Period | None:
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return Period(day, day)
    if m := re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if value.endswith("-WE"):
            return Period(monday + timedelta(days=5), monday + timedelta(days=6))
        return Period(monday, monday + timedelta(days=6))
    if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
        return _months(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        return _months(int(m[1]), _SEASONS[m[2]][0], 3)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _months(int(m[1]), 3 * int(m[2]) - 2, 3)
    if m := re.fullmatch(r"(\d{4})-H([12])", value):
        return _months(int(m[1]), 6 * int(m[2]) - 5, 6)
    if m := re.fullmatch(r"\d{4}", value):
        return Period(date(int(value), 1, 1), date(int(value), 12, 31))
    if m := re.fullmatch(r"(\d{3})X", value):
        decade = int(m[1]) * 10
        return Period(date(decade, 1, 1), date(decade + 9, 12, 31))
    return None


def _months(year: int, first: int, count: int) -> Period:
    """``count`` months from month ``first`` of ``year`` (running into the next year if need be)."""
    last_index = year * 12 + first - 1 + count - 1
    last_year, last_month = divmod(last_index, 12)
    last_month += 1
    return Period(date(year, first, 1), date(last_year, last_month, calendar.monthrange(last_year, last_month)[1]))


def label(value: str | None) -> str:
    """A TIMEX3 date value as people write it: "2005-03-10", "week of 2005-03-07", "March 2005",
    "winter 2023-24", "Q1 2005", "2005", "the 1990s"; "undated" when it has no period."""
    span = period(value)
    if span is None or value is None:
        return UNDATED
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", value):
        return span.start.isoformat()
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        return ("weekend of " if value.endswith("-WE") else "week of ") + span.start.isoformat()
    if re.fullmatch(r"\d{4}-\d\d", value):
        return f"{calendar.month_name[span.start.month]} {span.start.year}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        name = _SEASONS[m[2]][1]
        return f"{name} {m[1]}-{(int(m[1]) + 1) % 100:02d}" if m[2] == "WI" else f"{name} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-([QH][1-4])", value):
        return f"{m[2]} {m[1]}"
    if value.endswith("X"):
        return f"the {span.start.year}s"
    return value


def bounds(value: str | None) -> tuple[str | None, str | None]:
    """``(date_start, date_end)`` of a date value as ISO days, or ``(None, None)`` when undated."""
    span = period(value)
    return (span.start.isoformat(), span.end.isoformat()) if span else (None, None)


def sort_day(value: str | None) -> str | None:
    """The day an event is drawn and sorted by: its first day when the period is a month or less, else None."""
    span = period(value)
    return span.start.isoformat() if span and span.drawable else None
