"""TIMEX3 types and values for candidate expressions, resolved against an anchor date.

Calendar arithmetic only: what the pattern matched (``timex_patterns.Candidate``),
the document date and the tense of the governing verb go in; a (type, value)
pair comes out. Without an anchor, relative expressions keep X's
(``XXXX-11-30``, ``XXXX-WXX-3``) rather than being guessed from today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.easter import easter

from .timex_patterns import Candidate, lexicon

#: Day counts that stand for a unit when shifting dates; months and years are shifted on the calendar.
_UNIT_CODES = {"S": "S", "TM": "M", "TH": "H", "D": "D", "W": "W", "2W": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "Y", "CE": "Y"}


@dataclass
class Context:
    """What resolution needs beyond the candidate itself."""

    anchor: dt.date | None
    tense: str | None
    """past, future, present or None (no verb found)."""
    ref_quarter: int | None = None
    """The quarter the document last talked about, for "a year earlier" in earnings news."""
    ref: str | None = None
    """The last calendar date the document mentioned (2023-11-07, 2023-11, 2023), for "the following year"."""


_REF = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?")


def reference(ctx: Context, unit: str) -> dt.date | None:
    """The date anaphoric expressions count from: the last date mentioned, if it is precise enough
    for ``unit`` (a day for "the next morning", a year for "the following year"), else the anchor."""
    m = _REF.fullmatch(ctx.ref or "")
    if m is None:
        return ctx.anchor
    year, month, day = m.group(1), m.group(2), m.group(3)
    needs = {"year": 1, "month": 2, "week": 3}.get(unit, 3)
    have = 3 if day else 2 if month else 1
    if have < needs:
        return ctx.anchor
    try:
        return dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return ctx.anchor


def number(text: str) -> float | None:
    """The number a numeral or number word stands for, or None when vague ("several")."""
    lex = lexicon()
    t = re.sub(r"\s+", " ", text.lower().strip())
    half = 0.0
    for tail in (" and a half", " 1/2"):
        if t.endswith(tail):
            t, half = t[: -len(tail)], 0.5
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return float(t) + half
    if t in lex["numbers"]:
        return float(lex["numbers"][t]) + half
    pieces = re.split(r"[- ]", t)
    if len(pieces) == 2 and all(p in lex["numbers"] for p in pieces):
        return float(lex["numbers"][pieces[0]] + lex["numbers"][pieces[1]]) + half
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """A TIMEX3 duration such as P2Y, PT3H, P2.5Y or PXY (n None: vague)."""
    code = lexicon()["units"].get(unit.lower(), "D")
    if code == "DE":
        n, code = (None if n is None else n * 10), "Y"
    elif code == "CE":
        n, code = (None if n is None else n * 100), "Y"
    elif code == "2W":
        n, code = (None if n is None else n * 2), "W"
    elif code == "WE":
        n, code = (None if n is None else n * 2), "D"
    amount = "X" if n is None else _fmt(n)
    # A fraction of a year is written in whole months (P30M), of an hour or minute in
    # the next smaller unit (PT5H30M, PT1M30S).
    if n is not None and n != int(n) and code == "Y" and (n * 12) == int(n * 12):
        return f"P{int(n * 12)}M"
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60)}
    if n is not None and n != int(n) and code in smaller:
        unit2, factor = smaller[code]
        rest = _fmt(round((n - int(n)) * factor, 2))
        whole = f"{int(n)}{_UNIT_CODES[code]}" if int(n) else ""
        if code in ("TH", "TM") or unit2 == "H":
            return f"P{whole if code not in ('TH', 'TM') else ''}T{whole if code in ('TH', 'TM') else ''}{rest}{unit2}"
        return f"P{whole}{rest}{unit2}"
    if code in ("S", "TM", "TH"):
        return f"PT{amount}{_UNIT_CODES[code]}"
    return f"P{amount}{code}"


def week(d: dt.date) -> str:
    """The ISO week of a date, as TIMEX3 writes it (2023-W45)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: dt.date, months: int) -> dt.date:
    """Shift a date by whole months, clamping the day to the month's length."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    return dt.date(y, m, 28)


def shift(anchor: dt.date, unit: str, n: int, ref_quarter: int | None = None) -> str:
    """The value of the unit ``n`` units away from the anchor, at that unit's granularity."""
    code = lexicon()["units"].get(unit.lower(), "D")
    if code in ("D", "TH", "TM", "S"):
        return (anchor + dt.timedelta(days=n if code == "D" else 0)).isoformat()
    if code in ("W", "2W", "WE"):
        return week(anchor + dt.timedelta(weeks=n * (2 if code == "2W" else 1)))
    if code == "M":
        return add_months(anchor, n).isoformat()[:7]
    if code == "Q":
        d = add_months(anchor, 3 * n)
        return f"{d.year}-Q{quarter_of(d)}"
    if code == "DE":
        return str(anchor.year + 10 * n)
    if code == "CE":
        return str(anchor.year + 100 * n)[:2]
    if ref_quarter is not None:
        return f"{anchor.year + n}-Q{ref_quarter}"
    return str(anchor.year + n)


def _year(text: str) -> int:
    y = int(text)
    if y < 100:
        y += 1900 if y >= 30 else 2000
    return y


def spoken_year(text: str) -> int | None:
    """The year a spoken-out year stands for: "nineteen ninety-six" 1996, "two thousand and one" 2001."""
    t = re.sub(r"[\s-]+", " ", text.lower()).replace(" and ", " ").strip()
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].strip()
        n = number(rest) if rest else 0.0
        return None if n is None else 2000 + int(n)
    head, _, rest = t.partition(" ")
    century = number(head)
    if century is None:
        return None
    if rest == "hundred":
        return int(century) * 100
    n = number(rest.removeprefix("oh "))
    return None if n is None else int(century) * 100 + int(n)


def _month(text: str) -> int:
    return int(lexicon()["months"][text.lower().rstrip(".")])


def _day(text: str) -> int:
    if text[0].isdigit():
        return int(re.sub(r"\D", "", text))
    return int(lexicon()["day_ordinals"][re.sub(r"\s+", "-", text.lower())])


def _pick_year(anchor: dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) given without one: the tense says before or after the anchor."""
    d = day or 1
    try:
        here = dt.date(anchor.year, month, d)
    except ValueError:
        return anchor.year
    gap = (here - anchor).days
    # A few weeks' slack: "designated Nov. 18 as…" in a Nov. 7 article names a coming day.
    if tense == "past" and gap > 31:
        return anchor.year - 1
    if tense == "future" and gap < -31:
        return anchor.year + 1
    # Without a tense, the nearer reading wins (a December date in a January article is last year's).
    if tense is None and (gap > 62 or gap < -300):
        return anchor.year - 1 if gap > 0 else anchor.year + 1
    if tense == "present" and abs(gap) > 183:
        return anchor.year - 1 if gap > 0 else anchor.year + 1
    return anchor.year


def weekday_date(anchor: dt.date, wd: int, tense: str | None, rel: str | None) -> dt.date:
    """The date of a weekday named near the anchor: past tense looks back, future forward."""
    delta = wd - anchor.isoweekday()
    rel = (rel or "").lower()
    if rel in ("next", "coming"):
        return anchor + dt.timedelta(days=delta % 7 or 7)
    if rel in ("last", "past", "previous"):
        return anchor - dt.timedelta(days=(-delta) % 7 or 7)
    if rel == "this":
        return anchor + dt.timedelta(days=delta)
    if tense == "future":
        return anchor + dt.timedelta(days=delta % 7)
    if tense == "past" or tense is None:
        return anchor - dt.timedelta(days=(-delta) % 7)
    # Present tense ("meets on Wednesday") mostly announces something near: take the nearer one.
    fwd, back = delta % 7, (-delta) % 7
    return anchor + dt.timedelta(days=fwd) if fwd < back else anchor - dt.timedelta(days=back)


def _holiday(name: str, year: int) -> dt.date | None:
    code = lexicon()["holidays"].get(name.lower().replace("\u2019", "'"))
    if code is None:
        return None
    if code.startswith("EASTER"):
        return easter(year) + dt.timedelta(days=int(code[6:] or 0))
    if code == "ELECTION":
        # The Tuesday after the first Monday of November.
        first = dt.date(year, 11, 2)
        return first + dt.timedelta(days=(1 - first.weekday()) % 7)
    if code == "THANKSGIVING":
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    m, d = code.split("-")
    return dt.date(year, int(m), int(d))


#: The month each season (TIMEX3 code) starts in.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

#: Units whose "N units earlier/later" is a calendar date even without "ago" ("a year earlier").
_CALENDAR_UNITS = frozenset("month quarter year decade century".split())


def relative_duration(p: dict[str, str]) -> bool:
    """Whether "N units before/after/later/earlier" is a duration rather than a date.

    "Three days after the vote", "an hour later": TIMEX3 tags the length ("three days") and
    leaves the word that orders it to an event as a signal. Only "ago" and the comparisons
    of business news ("a year earlier") count back from the document date.
    """
    word = p.get("dir", "").lower()
    return word in ("before", "after") or (word in ("later", "earlier") and p["unit"].lower() not in _CALENDAR_UNITS)


def normalise(c: Candidate, ctx: Context) -> tuple[str, str | None]:
    """The TIMEX3 type and value of a candidate.

    Args:
        c: the pattern match.
        ctx: anchor date, tense of the governing verb, discourse reference.

    Returns:
        (type, value); value is None when the expression cannot be normalised.
    """
    p, kind = c.parts, c.kind
    if "syear" in p:
        year_ = spoken_year(p["syear"])
        if year_ is None:
            return "DATE", None
        p = {**p, "year": str(year_)}
    if kind in ("iso", "numeric"):
        try:
            return "DATE", dt.date(_year(p["year"]), int(p["month"]), int(p["day"])).isoformat()
        except ValueError:
            return "DATE", None
    if kind == "date":
        type_, value = _date(p, ctx)
        if value and "weekof" in p and not value.startswith("X"):
            return "DATE", week(dt.date.fromisoformat(value))  # "the week of March 6"
        return type_, value
    if kind == "century":
        n = _day(p["cord"])
        return "DATE", f"{n - 1:02d}"
    return _normalise_more(kind, p, ctx)


def _date(p: dict[str, str], ctx: Context) -> tuple[str, str | None]:
    """ "March 3", "March 3, 2021", "the 3rd of March", "last Oct. 23"."""
    a = ctx.anchor
    month, day = _month(p["month"]), _day(p["day"])
    if "year" in p:
        year: int | None = _year(p["year"])
    elif a is not None:
        # "last Oct. 23" lies before the anchor, "next March 3" after it.
        rel = (p.get("rel") or "").lower()
        tense = {"last": "past", "next": "future", "coming": "future"}.get(rel, ctx.tense)
        year = _pick_year(a, month, day, tense)
    else:
        year = None
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return "DATE", None
    return "DATE", f"{'XXXX' if year is None else year}-{month:02d}-{day:02d}"


def _normalise_more(kind: str, p: dict[str, str], ctx: Context) -> tuple[str, str | None]:
    """normalise for the kinds other than dates."""
    a, lex = ctx.anchor, lexicon()
    if kind == "month":
        month = _month(p["month"])
        rel = (p.get("rel") or "").lower()
        if rel and a is not None:
            # "last April": the latest April before this month; "next April" the first after it.
            if rel in ("last", "past"):
                return "DATE", f"{a.year - (1 if month >= a.month else 0)}-{month:02d}"
            if rel in ("next", "coming"):
                return "DATE", f"{a.year + (1 if month <= a.month else 0)}-{month:02d}"
            return "DATE", f"{a.year}-{month:02d}"
        if "year" in p:
            return "DATE", f"{_year(p['year'])}-{month:02d}"
        if a is None:
            return "DATE", f"XXXX-{month:02d}"
        return "DATE", f"{_pick_year(a, month, None, ctx.tense)}-{month:02d}"
    if kind == "year":
        return "DATE", str(_year(p["year"]))
    if kind == "decade":
        if "decade" in p:
            return "DATE", p["decade"][:3]
        if "dword" in p:
            return "DATE", f"19{number(p['dword'].lower()[:-3] + 'y') // 10:.0f}"
        return "DATE", ("19" if int(p["short"]) >= 30 else "20") + p["short"][0]
    if kind == "weekday":
        wd = int(lex["weekdays"][p["wd"].lower()])
        if a is None:
            value = f"XXXX-WXX-{wd}"
        else:
            rel = (p.get("rel") or "").lower()
            base = reference(ctx, "day") if rel in ("previous", "following") else a
            value = weekday_date(base or a, wd, ctx.tense, rel.replace("following", "next").replace("previous", "last")).isoformat()
        # TimeBank values "Friday evening" with the part of day, "Friday morning" and "Friday night" mostly by the day.
        pod = lex["parts_of_day"].get((p.get("pod") or "").lower())
        if pod in ("EV", "AF"):
            return "DATE", f"{value}T{pod}"
        return "DATE", value
    if kind == "pod":
        pod = lex["parts_of_day"][p["pod"].lower()]
        ref = re.sub(r"\s+", " ", p["ref"].lower())
        if a is None:
            return "TIME", f"XXXX-XX-XXT{pod}"
        if ref.strip(" -") in ("the", "mid", "late", "early"):
            # "in the morning" with no day named: the day the text last mentioned.
            a = reference(ctx, "day") or a
        offset = {"yesterday": -1, "tomorrow": 1, "the next": 1, "the following": 1}.get(ref, 0)
        if ref == "last" and pod == "NI":
            offset = -1
        return "TIME", f"{(a + dt.timedelta(days=offset)).isoformat()}T{pod}"
    if kind == "deictic":
        code = lex["deictic"][re.sub(r"\s+", " ", p["word"].lower())]
        if code.startswith("DAY"):
            return "DATE", None if a is None else (a + dt.timedelta(days=int(code[3:]))).isoformat()
        if code.startswith("TNI"):
            return "TIME", None if a is None else f"{a.isoformat()}TNI"
        return "DATE", code
    if kind == "holiday":
        if a is None:
            return "DATE", None
        year = a.year + {"last": -1, "next": 1}.get((p.get("rel") or "").lower(), 0)
        day_ = _holiday(p["name"], year)
        if day_ is not None and "rel" not in p:
            if ctx.tense != "future" and day_ > a:
                day_ = _holiday(p["name"], year - 1)
            elif ctx.tense == "future" and day_ < a:
                day_ = _holiday(p["name"], year + 1)
        return "DATE", None if day_ is None else day_.isoformat()
    if kind == "relative":
        return _relative(p, ctx)
    if kind == "anaphor":
        return _anaphor(p, ctx)
    if kind == "season":
        season = lex["seasons"][p["season"].lower()]
        if "year" in p:
            return "DATE", f"{p['year']}-{season}"
        if a is None:
            return "DATE", f"XXXX-{season}"
        return ("DATE", f"{a.year - (1 if ctx.tense == 'past' and a.month < 6 and season != 'WI' else 0)}-{season}")
    if kind == "ago":
        n = number(p["num"])
        if relative_duration(p):
            return "DURATION", duration_value(n, p["unit"])
        if n is None:
            return "DATE", "PAST_REF" if p["dir"].lower() in ("ago", "earlier", "before") else "FUTURE_REF"
        if a is None:
            return "DATE", None
        sign = -1 if p["dir"].lower() in ("ago", "earlier", "before") else 1
        return "DATE", shift(a, p["unit"], sign * int(n), ctx.ref_quarter)
    if kind == "yearago":
        if a is None:
            return "DATE", None
        what = (p.get("what") or "").lower()
        if "months" in what:
            return "DURATION", duration_value(number(what.split()[0]), "month")
        if ctx.ref_quarter is not None and what != "year":
            return "DATE", f"{a.year - 1}-Q{ctx.ref_quarter}"
        if "quarter" in what:
            # Without a quarter in the text, the one just ended, a year before.
            return "DATE", f"{a.year - 1}-Q{quarter_of(add_months(a, -3))}"
        return "DATE", str(a.year - 1)
    if kind == "quarter":
        return _quarter(p, ctx)
    if kind == "year_of":
        if "ended" in p:
            return "DURATION", "P1Y"
        return "DATE", str(a.year) if a else "XXXX"
    if kind == "half":
        year = p.get("hyear") or (str(a.year) if a else "XXXX")
        return "DATE", f"{year}-H{1 if p['hord'].lower() == 'first' else 2}"
    if kind == "duration":
        if "half" in p and "num" not in p:
            return "DURATION", duration_value(0.5, p["unit"])
        n = number(p["num"]) if "num" in p else (None if "plural" in p else 1.0)
        if n is not None and "half" in p:
            n += 0.5
        return "DURATION", duration_value(n, p["unit"])
    if kind == "plural":
        return "DURATION", duration_value(None, p.get("unit") or "century")
    if kind == "set":
        if "word" in p:
            return "SET", lex["sets"][p["word"].lower()]
        if "wd" in p:
            return "SET", f"XXXX-WXX-{lex['weekdays'][p['wd'].lower()]}"
        if "month" in p:
            return "SET", f"XXXX-{_month(p['month']):02d}"
        unit = p["unit"].lower()
        if unit in lex["seasons"]:
            return "SET", f"XXXX-{lex['seasons'][unit]}"
        return "SET", duration_value(1, unit)
    if kind == "clock":
        # A bare clock time is on the day the text last talked about ("was shot at 10 p.m.").
        return "TIME", _clock(p, reference(ctx, "day"))
    return "DATE", None


def _relative(p: dict[str, str], ctx: Context) -> tuple[str, str | None]:
    """ "last week", "this year", "next spring", "earlier this month", "the end of the year"."""
    a, lex = ctx.anchor, lexicon()
    rel = re.sub(r"\s+", " ", (p.get("rel") or "this").lower())
    unit = p["unit"].lower()
    if rel in ("following", "previous", "prior", "preceding", "same") and unit in ("week", "month", "year") and "mod" not in p:
        return _anaphor(p, ctx)
    # "the next month", "the past week" name a stretch of time, "last year" a calendar unit; TimeML
    # reads "the past year" and "the last decade" as the calendar unit before this one.
    past_unit = rel in ("past", "last") and unit in ("month", "year", "decade")
    if (
        "the" in p
        and rel in ("past", "next", "coming", "last", "previous", "recent", "latest")
        and not past_unit
        and unit != "weekend"
        and unit not in lex["seasons"]
    ):
        if unit == "quarter" and a is not None:
            return "DATE", shift(a, "quarter", -1 if rel in ("past", "last", "previous", "latest", "recent") else 1)
        return "DURATION", duration_value(1, unit)
    step = {"this past": -1, "last": -1, "past": -1, "previous": -1, "prior": -1, "recent": -1, "latest": -1, "next": 1, "coming": 1, "following": 1}.get(
        rel, 0
    )
    if unit in lex["seasons"]:
        season = lex["seasons"][unit]
        if a is None:
            return "DATE", f"XXXX-{season}"
        start = dt.date(a.year, _SEASON_START[season], 1)
        if step < 0:
            # "last spring" is the latest spring already over: this year's, said in October.
            return ("DATE", f"{a.year if add_months(start, 3) <= a else a.year - 1}-{season}")
        if step > 0:
            return "DATE", f"{a.year if start > a else a.year + 1}-{season}"
        return "DATE", f"{a.year}-{season}"
    if a is None:
        return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}.get(unit, "XXXX")
    if unit == "weekend":
        sat = a + dt.timedelta(days=(6 - a.isoweekday()) + 7 * step)
        if rel == "the" and ctx.tense != "future" and a.isoweekday() < 6:
            sat -= dt.timedelta(days=7)
        if rel == "this" and ctx.tense == "past" and a.isoweekday() < 6:
            sat -= dt.timedelta(days=7)
        return "DATE", f"{week(sat)}-WE"
    if unit == "day":
        return "DATE", a.isoformat()
    if unit == "decade":
        return "DATE", shift(a, unit, step)[:3]  # "the last decade" is the 1980s: 198
    return "DATE", shift(a, unit, step)


def _anaphor(p: dict[str, str], ctx: Context) -> tuple[str, str | None]:
    """ "the following year", "that day", "later that month", "the next morning": from the last date mentioned."""
    unit = p["unit"].lower()
    pod = lexicon()["parts_of_day"].get(unit)
    base = reference(ctx, "day" if pod else unit)
    if base is None:
        return ("TIME" if pod else "DATE"), None
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get((p.get("rel") or "").lower(), 0)
    if pod:
        return "TIME", f"{(base + dt.timedelta(days=step)).isoformat()}T{pod}"
    return "DATE", shift(base, unit, step)


def _quarter(p: dict[str, str], ctx: Context) -> tuple[str, str | None]:
    """ "the third quarter", "third-quarter", "the latest quarter", "the year-ago quarter"."""
    a = ctx.anchor
    rels = (p.get("qrel") or "").lower()
    if "qord" in p:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[p["qord"].lower()]
        if a is None:
            return "DATE", f"{p.get('qyear') or p.get('qy') or 'XXXX'}-Q{q}"
        # A quarter not yet begun is last year's, unless the verb looks ahead.
        later = q > quarter_of(a) and ctx.tense != "future"
        year = p.get("qyear") or p.get("qy") or str(a.year - (1 if "year-" in rels or later else 0))
        return "DATE", f"{year}-Q{q}"
    if "qy" in p:
        # "the 1988 quarter", "the 1988 period": that year's edition of the quarter under discussion.
        return "DATE", f"{p['qy']}-Q{ctx.ref_quarter}" if ctx.ref_quarter else p["qy"]
    if a is None:
        return "DATE", "XXXX-QX"
    if any(w in rels for w in ("current", "this")):
        return "DATE", f"{a.year}-Q{quarter_of(a)}"
    if "next" in rels:
        return "DATE", shift(a, "quarter", 1)
    if "year-" in rels:
        q = ctx.ref_quarter or quarter_of(add_months(a, -3))
        return "DATE", f"{a.year - 1}-Q{q}"
    # "the quarter", "the latest quarter": news reports the quarter just ended.
    return "DATE", shift(a, "quarter", -1)


def _clock(p: dict[str, str], a: dt.date | None) -> str | None:
    day = a.isoformat() if a else "XXXX-XX-XX"
    if "named" in p:
        return f"{day}T{'00:00' if p['named'].lower() == 'midnight' else '12:00'}"
    hour, minute = int(p["hour"]), int(p.get("minute") or 0)
    ap = (p.get("ap") or {"morning": "a"}.get((p.get("inpod") or "").lower(), "p" if "inpod" in p else "")).lower()
    if ap.startswith("p") and hour < 12:
        hour += 12
    elif ap.startswith("a") and hour == 12:
        hour = 0
    return f"{day}T{hour:02d}:{minute:02d}"
