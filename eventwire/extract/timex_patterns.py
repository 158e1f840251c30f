"""Regular expressions that find candidate temporal expressions in plain text.

The word lists live in ``eventwire/data/timex/lexicon.json``; this module turns
them into compiled patterns, one per kind of expression (a calendar date, a
weekday, "last week", "two years ago", "every day"…). Each pattern names its
parts with groups that ``timex_values`` reads to compute a TIMEX3 value.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.strings import hash_string


@dataclass(frozen=True)
class Candidate:
    """One pattern match: a span of text and the named parts it matched."""

    start: int
    end: int
    kind: str
    parts: dict[str, str]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """Load the tagger's word lists (months, weekdays, numbers, units…) once."""
    path = Path(__file__).resolve().parent.parent / "data" / "timex" / "lexicon.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _alt(words: list[str]) -> str:
    """An alternation of words, longest first so the longest wins."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _cap(word: str) -> list[str]:
    # Names of months and days are matched capitalised or upper case only, so the
    # modal "may", the verb "march" and the noun "sun" do not become dates.
    return [word.capitalize(), word.upper()]


@functools.lru_cache(maxsize=1)
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Compile the patterns: (kind, regex), in priority order for ties."""
    lex = lexicon()
    full_months = [m for m in lex["months"] if len(m) > 4 or m in ("may", "june", "july")]
    abbr_months = [m for m in lex["months"] if m not in full_months]
    month_full = _alt([c for m in full_months for c in _cap(m)])
    month_abbr = _alt([c for m in abbr_months for c in _cap(m)])
    # A bare month needs its full name, or an abbreviation with its dot.
    month_bare = rf"(?:(?:{month_full})(?![\w-]|'(?!s\b))|(?:{month_abbr})\.)"
    # Next to a day or year number an undotted abbreviation ("Nov 7") is safe.
    month = rf"(?:(?:{month_full})|(?:{month_abbr})\.?)(?![\w-]|'(?!s\b))"
    full_days = [d for d in lex["weekdays"] if len(d) > 5]
    weekday = rf"(?:{_alt([c for d in full_days for c in _cap(d)])})(?![\w-]|'(?!s\b))"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    # Broadcast transcripts spell days out: "March eighth".
    day_word = rf"(?i:{_alt(list(lex['day_ordinals']))})(?![\w-])"
    year = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    # Spoken years: "nineteen ninety-six", "nineteen oh five", "two thousand and one".
    spoken_19 = (
        rf"(?i:(?:eighteen|nineteen|twenty)\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        rf"(?:[- ](?:{ones}))?|{teens}|hundred|oh[- ](?:{ones}))(?![\w-]))"
    )
    spoken_2k = rf"(?i:two\s+thousand(?:\s+and)?(?:\s+(?:{teens}|{ones}))?(?![\w-]))"
    spoken = rf"(?:{spoken_19}|{spoken_2k})"
    numbers = _alt([n for n in lex["numbers"]])
    vague = _alt(lex["vague_numbers"])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units_words = _alt([u for u in lex["units"] if u != "weekend"])
    units = rf"(?:{units_words})"
    seasons = _alt(list(lex["seasons"]))
    pods = _alt(list(lex["parts_of_day"]))
    num = (
        rf"(?:\d+(?:\.\d+)?|(?:{tens})[- ](?:one|two|three|four|five|six|seven|eight|nine)"
        rf"|{numbers})(?:\s+and\s+a\s+half|\s+1/2)?"
    )
    mod = (
        r"(?:(?:the\s+)?(?:very\s+)?(?:early|late|mid|middle|earlier|later)(?:\s+in)?[- ]\s*"
        r"|(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder|first\s+half|"
        r"second\s+half|last\s+half|first\s+part|latter\s+part|first\s+week|last\s+week)\s+of\s+(?:the\s+)?)"
    )
    i = "(?i:"  # case-insensitive group for common words
    # An expression ends at a word's end; a possessive ("Friday's ruling") still counts.
    end = r"(?![\w-]|'(?!s\b))"
    deictic = _alt(list(lex["deictic"]))
    sets = _alt(list(lex["sets"]))
    holidays = _alt([h.title() for h in lex["holidays"]] + [h.title().replace("'S", "'s") for h in lex["holidays"]])

    table: list[tuple[str, str]] = [
        ("iso", rf"(?<![\d-])(?P<year>{year})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
        ("numeric", r"(?<![\d/])(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])/(?P<year>(?:19|20)?\d\d)(?![\d/])"),
        (
            "date",
            rf"(?:(?P<weekof>(?i:the\s+week\s+of))\s+)?(?:(?P<wd>{weekday}),?\s+)?(?P<mod>(?i:{mod}))?(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<month>{month})\s+(?P<day>{day}|{day_word})"
            rf"(?:(?:,\s*|\s+)(?P<year>{year}))?",
        ),
        # The second of two days under one month: "April 24 and 25" (the first is a date of its own).
        ("date", rf"(?P<month>{month})\s+{day}\s+(?:and|or)\s+(?P<body>(?P<day>{day})(?:,\s*(?P<year>{year}))?)"),
        (
            "date",
            rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<day>{day})\s+(?:of\s+)?(?P<month>{month})"
            rf"(?:,?\s+(?P<year>{year}))?",
        ),
        ("month", rf"(?P<mod>(?i:{mod}))?(?P<month>{month}),?\s+(?:of\s+)?(?:(?P<year>{year})|(?P<syear>{spoken_19}))"),
        ("month", rf"(?P<mod>(?i:{mod}))?(?P<month>{month_bare})(?!\s+(?:be|have|not|also|well)\b)"),
        ("decade", rf"(?P<mod>(?i:{mod}))?(?:(?i:the)\s+)?(?:(?P<dmod>(?i:early|late|mid))[- ])?(?:(?P<decade>1[6-9]\d0|20\d0)|'(?P<short>\d0))'?s(?!\w)"),
        # "the nineties"; "their twenties" is an age and has no "the".
        (
            "decade",
            rf"(?P<mod>(?i:{mod}))?(?i:the\s+)(?:(?P<dmod>(?i:early|late|mid))[- ])?"
            rf"(?P<dword>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){end}",
        ),
        (
            "year",
            rf"(?<![$\d,.\-/£€])(?P<mod>(?i:{mod}))?(?:(?P<fiscal>(?i:fiscal(?:\s+year)?))\s+)?(?P<year>{year})"
            rf"(?!\s*(?:%|(?i:percent)|,\d|\.\d))",
        ),
        # A spoken year: "nineteen ninety-six" alone, "two thousand" only as "the year two thousand"
        # or after a preposition, where it cannot be a count.
        ("year", rf"(?P<mod>(?i:{mod}))?(?P<syear>{spoken_19})"),
        ("year", rf"(?i:the\s+year\s+)(?P<syear>{spoken})"),
        ("year", rf"(?i:in|by|since|until|from|of)\s+(?P<body>(?P<syear>{spoken_2k}))"),
        (
            "weekday",
            rf"(?P<mod>(?i:{mod}))?(?:(?P<rel>(?i:last|next|this|coming|past|previous|following))\s+)?(?P<wd>{weekday})"
            rf"(?:\s+(?P<pod>(?i:{pods})){end})?",
        ),
        ("month", rf"(?P<rel>(?i:last|next|this|past|coming))\s+(?P<month>{month_bare})"),
        ("pod", rf"{i}(?P<ref>yesterday|today|tomorrow|this|last)\s+(?P<pod>{pods})){end}"),
        # "in the morning", "by mid-afternoon": a part of the day the text is talking about.
        # "The night" mostly heads a clause ("the night the plane fell") and is left out.
        ("pod", rf"{i}(?P<ref>the\s+|mid-?\s*|late\s+|early\s+)(?P<pod>morning|afternoon|evening)){end}(?!\s+(?:of|when|that)\b)"),
        ("deictic", rf"{i}(?P<word>{deictic})){end}"),
        ("holiday", rf"(?:(?P<rel>(?i:last|next|this))\s+)?(?P<name>{holidays}){end}"),
        (
            "relative",
            rf"{i}(?P<mod>{mod})?(?P<the>the\s+)?(?P<rel>this\s+past|this|last|next|past|coming|previous|current|same|"
            rf"following|latest|recent|prior)\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century|{seasons}))"
            rf"{end}",
        ),
        ("relative", rf"{i}(?P<mod>{mod})(?P<the>the\s+)?(?P<unit>year|month|week|decade|century)){end}"),
        # Counted from the last date the text talked about: "the following year", "that day",
        # "later that month", "the next morning".
        (
            "anaphor",
            rf"{i}(?:(?P<side>later|earlier)\s+(?:in\s+)?)?(?:the\s+(?P<rel>following|previous|prior|preceding|same)"
            rf"|(?P<that>that)(?:\s+same)?)\s+(?P<unit>day|week|month|year|{pods})){end}",
        ),
        ("anaphor", rf"{i}the\s+(?P<rel>next)\s+(?P<unit>day|{pods})){end}"),
        ("relative", rf"{i}(?P<rel>the)\s+(?P<unit>weekend)){end}"),
        # "the full year", "the fiscal year", "the year ended Sept. 30", "year-end", "the latest period".
        ("year_of", rf"{i}the\s+(?:full|fiscal|calendar|current\s+fiscal)\s+year)(?!\s+(?:ended|ending)\b){end}"),
        # "for the year", "a high for the year": not "the year before", "the year of the flood".
        ("year_of", rf"{i}the\s+year)(?!\s+(?i:ended|ending|earlier|ago|before|after|to\s+date|of|in|when|that|which|since|two)\b){end}"),
        ("year_of", rf"{i}the\s+(?:fiscal\s+)?year(?=\s+(?P<ended>ended|ending|to\s+date)\b)|(?:the\s+)?year(?:'s)?[- ]end){end}"),
        ("quarter", rf"{i}(?P<the>the)\s+(?P<qrel>latest|current|same|comparable|corresponding)\s+period){end}"),
        ("quarter", rf"{i}(?P<the>the)\s+)(?P<qy>{year})\s+(?i:period){end}"),
        ("season", rf"{i}(?P<mod>{mod})?(?:the\s+)?(?P<season>{seasons})(?:\s+of\s+)?)(?:(?P<year>{year})|(?P<syear>{spoken}))"),
        ("season", rf"{i}(?P<mod>{mod})?)(?P<the>(?i:the)\s+)?(?P<season>(?i:{seasons})){end}"),
        (
            "ago",
            rf"{i}(?P<num>{num}|{vague})[- ](?P<unit>{units})s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|"
            rf"before|after)(?!\s+(?:the|a|an|his|her|its|their|it|he|she|they|we|this|that)\b)){end}",
        ),
        (
            "yearago",
            rf"{i}(?:the\s+)?(?:comparable\s+|same\s+)?(?:year|year's)[- ](?:earlier|ago)"
            rf"(?:\s+(?P<what>(?:(?:first|second|third|fourth)\s+)?quarter|period|(?:nine|six|three)\s+months|year))?){end}",
        ),
        (
            "quarter",
            rf"{i}(?:(?P<the>the)\s+)?(?:(?P<qrel>latest|current|last|previous|next|past|same|fiscal|comparable|"
            rf"corresponding|year-earlier|year-ago)\s+)*(?:(?P<qy>{year})\s+)?(?:fiscal[- ])?(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)"
            rf"[- ](?:fiscal[- ])?)?quarter(?:\s+of\s+(?P<qyear>{year}))?)(?!-){end}",
        ),
        ("century", rf"{i}(?:the\s+)?(?P<cord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(list(lex['day_ordinals']))})[- ]century){end}"),
        ("half", rf"{i}(?:the\s+)?(?P<hord>first|second|last)\s+half(?:\s+of\s+(?P<hyear>{year}))?){end}"),
        (
            "duration",
            rf"{i}(?P<the>the\s+)?(?:(?P<drel>past|last|next|first|coming|previous|final|following|latest|"
            rf"remaining|initial|other|preceding|ensuing|same|recent)\s+)?(?P<num>{num}|{vague})(?:\s+(?:more|additional|further|extra))?[- ]"
            rf"(?P<unit>{units})(?P<plural>s)?(?P<half>\s+and\s+a\s+half)?)(?!\s+old\b|-old){end}",
        ),
        (
            "duration",
            rf"{i}(?P<the>the\s+)(?P<drel>past|last|next|first|coming|previous|final|following|latest|"
            rf"remaining|preceding)\s+(?P<unit>{units})(?P<plural>s)?){end}",
        ),
        ("duration", rf"{i}(?P<half>half\s+an?)\s+(?P<unit>{units})){end}"),
        ("plural", rf"(?i:for|in|over|within|after|took|takes|lasted|last|spent|spend)\s+(?P<body>(?i:(?:the\s+)?(?:(?P<unit>{units})s|(?P<cent>centuries)))){end}"),
        ("set", rf"{i}(?P<every>every|each|per)\s+(?:other\s+)?(?P<unit>{units}|{seasons})){end}"),
        ("set", rf"(?i:(?P<every>every|each)\s+)(?P<wd>{weekday})"),
        ("set", rf"(?i:(?P<every>every|each)\s+)(?P<month>{month_bare})"),
        ("set", rf"(?i:once|twice|times)\s+(?P<body>(?i:a\s+(?P<unit>{units}))){end}"),
        ("set", rf"{i}(?P<word>{sets})){end}"),
        (
            "clock",
            r"(?<![\d.:])(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))"
            r"(?![\w])(?:\s+(?P<tz>[A-Z]{2}T|GMT|UTC))?",
        ),
        ("clock", r"at\s+(?P<body>(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d.:])(?:\s+(?P<tz>[A-Z]{2}T|GMT|UTC))?)"),
        ("clock", rf"{i}(?P<named>noon|midnight|midday)){end}"),
        # "4 in the morning", "9 o'clock in the evening".
        (
            "clock",
            rf"(?<![\d.:])(?P<hour>1[0-2]|0?[1-9])(?::(?P<minute>[0-5]\d))?\s+(?i:(?:o'clock\s+)?in\s+the\s+"
            rf"(?P<inpod>morning|afternoon|evening|night)){end}",
        ),
    ]
    # Every pattern starts at a word boundary.
    return [(kind, re.compile(r"(?<![\w'-])" + rx)) for kind, rx in table]


#: Which key words make a pattern worth trying nearby (categories of ``_key_words``).
_KIND_KEYS = {
    "iso": ("#year",),
    "numeric": ("#slash",),
    "date": ("months",),
    "month": ("months", "spoken_year"),
    "decade": ("#decade", "decade_words"),
    "year": ("#year", "spoken_year"),
    "weekday": ("weekdays",),
    "pod": ("parts_of_day",),
    "deictic": ("deictic",),
    "holiday": ("holidays",),
    "relative": ("units", "seasons"),
    "anaphor": ("units", "parts_of_day"),
    "season": ("seasons", "spoken_year"),
    "ago": ("ago",),
    "yearago": ("ago",),
    "quarter": ("quarter", "period"),
    "year_of": ("units",),
    "half": ("half",),
    "century": ("units",),
    "duration": ("units",),
    "plural": ("units",),
    "set": ("sets", "every", "units"),
    "clock": ("#clock", "parts_of_day"),
}

#: Tokens for the key-word scan: dates with slashes, decades, a.m./p.m., clock times, words, numbers.
_TOKEN = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{3}0s|'\d0s|[AaPp]\.?[Mm]\b\.?|\d{1,2}[:.]\d\d\b|[A-Za-z]+|\d+")
#: Key tokens the word lookup cannot see: slashed dates, decades, clock times, a.m./p.m., years.
_NUMERIC_KEY = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}|\d{3}0s|'\d0s|\d{1,2}:\d\d|(?:1[6-9]|20)\d\d|[AaPp]\.[Mm]\.?")
#: How far before and after a key word a match can reach.
_BACK, _AHEAD = 64, 48
#: How many tokens before a key word a match can start: "the past two and a half years" for
#: most kinds, fewer for kinds whose key word comes early ("in the past", "every other week").
_BACK_TOKENS = {"deictic": 2, "pod": 2, "holiday": 2, "half": 2, "set": 3, "clock": 4, "iso": 0, "numeric": 0}


@functools.lru_cache(maxsize=1)
def _back_tokens() -> list[int]:
    return [_BACK_TOKENS.get(kind, 6) for kind, _ in patterns()]


@functools.lru_cache(maxsize=1)
def _key_words() -> dict[str, frozenset[int]]:
    """Lower-case key word -> indexes of the patterns it can start."""
    lex = lexicon()
    words: dict[str, set[str]] = {
        "months": set(lex["months"]) | {"each", "every"},
        "weekdays": set(lex["weekdays"]),
        "parts_of_day": set(lex["parts_of_day"]) | {"tonight"},
        # A multi-word phrase is keyed on its last word, since the scan window reaches back.
        "deictic": {w.split()[-1] for w in lex["deictic"]},
        "holidays": {w.split()[0].split("'")[0] for w in lex["holidays"]},
        "units": {u for w in lex["units"] for u in (w, w + "s")} | {"centuries"},
        "seasons": set(lex["seasons"]),
        "ago": {"ago", "earlier", "later", "now", "hence", "before", "after"},
        "quarter": {"quarter", "quarters"},
        "half": {"half"},
        "period": {"period"},
        "sets": set(lex["sets"]),
        "every": {"every", "each", "per", "once", "twice", "times"},
        "spoken_year": {"eighteen", "nineteen", "thousand"},
        "decade_words": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
        "#clock": {"#clock", "noon", "midnight", "midday", "am", "pm"},
    }
    index: dict[str, set[int]] = {}
    for i, (kind, _) in enumerate(patterns()):
        for cat in _KIND_KEYS[kind]:
            for w in words.get(cat, {cat}):
                index.setdefault(w, set()).add(i)
    return {w: frozenset(ix) for w, ix in index.items()}


@functools.lru_cache(maxsize=1)
def _key_hashes() -> dict[int, frozenset[int]]:
    """The key words by spaCy's hash of their lower-case form, for a lookup without strings."""
    keys = {w: ix for w, ix in _key_words().items() if not w.startswith("#")}
    # spaCy keeps an abbreviation's dot on the token ("nov.", "sept.").
    keys.update({w + ".": ix for w, ix in list(keys.items())})
    return {hash_string(w): ix for w, ix in keys.items()}


def _category(token: str) -> str:
    if token[0].isdigit():
        if "/" in token:
            return "#slash"
        if token.endswith("0s"):
            return "#decade"
        if ":" in token or "." in token:
            return "#clock"
        if len(token) == 4 and 1600 <= int(token) <= 2099:
            return "#year"
        return ""
    if token[0] == "'":
        return "#decade"
    if token[-1] in "mM." and len(token) <= 4 and token[0] in "aApP":
        return "#clock"
    return token.lower()


def find_candidates(text: str, words: Sequence[tuple[int, int]] | None = None) -> list[Candidate]:
    """Every pattern match in ``text``, overlapping ones included.

    A pattern is only tried near its key words (a month name for dates, a unit for
    durations…): running every pattern over the whole text costs ten times more.

    Args:
        text: the document text.
        words: (hash of the lower-case form, character offset) of each token, as spaCy's
            ``doc.to_array([LOWER, IDX])`` gives them: patterns are then tried only at the
            starts of the few tokens before each key word. None scans ``text`` with a regex.

    Returns:
        Candidates in text order; overlaps are resolved by the caller.
    """
    if words is None:
        return _scan_windows(text)
    keys, by_hash, compiled = _key_words(), _key_hashes(), patterns()
    starts = [idx for _, idx in words]
    back = _back_tokens()
    tries: dict[int, set[int]] = {}
    for k, (h, idx) in enumerate(words):
        if hits := by_hash.get(h):
            for i in hits:
                tries.setdefault(i, set()).update(starts[max(0, k - back[i]) : k + 1])
    for m in _NUMERIC_KEY.finditer(text):
        if hits := keys.get(_category(m.group())):
            k = bisect.bisect_right(starts, m.start())
            for i in hits:
                tries.setdefault(i, set()).update(starts[max(0, k - back[i]) : k] + [m.start()])
    found: list[Candidate] = []
    for i, positions in tries.items():
        kind, rx = compiled[i]
        has_body = "body" in rx.groupindex
        for pos in positions:
            m = rx.match(text, pos)
            if m is None:
                continue
            start, end = m.span("body") if has_body else m.span()
            if end > start:
                found.append(Candidate(start, end, kind, {k: v for k, v in m.groupdict().items() if v is not None}))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def _scan_windows(text: str) -> list[Candidate]:
    """find_candidates without a parse: each pattern scans windows around its key words."""
    windows: dict[int, list[list[int]]] = {}
    keys = _key_words()
    for m in _TOKEN.finditer(text):
        if hits := keys.get(_category(m.group())):
            lo, hi = max(0, m.start() - _BACK), m.end() + _AHEAD
            for i in hits:
                spans = windows.setdefault(i, [])
                if spans and spans[-1][0] <= lo <= spans[-1][1]:
                    spans[-1][1] = max(hi, spans[-1][1])
                else:
                    spans.append([lo, hi])
    compiled = patterns()
    found: list[Candidate] = []
    seen: set[tuple[int, int, int]] = set()
    for i, spans in windows.items():
        kind, rx = compiled[i]
        for lo, hi in spans:
            # End windows on a space so look-aheads see whole words.
            stop = text.find(" ", hi)
            for m in rx.finditer(text, lo, len(text) if stop < 0 else stop):
                start, end = m.span("body") if "body" in rx.groupindex else m.span()
                if end > start and (i, start, end) not in seen:
                    seen.add((i, start, end))
                    parts = {k: v for k, v in m.groupdict().items() if v is not None}
                    found.append(Candidate(start, end, kind, parts))
    found.sort(key=lambda c: (c.start, -c.end))
    return found
