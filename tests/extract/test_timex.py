"""Tests for eventwire.extract.timex on texts written for these tests."""

from __future__ import annotations

import time

import pytest

from eventwire import nlp
from eventwire.extract.timex import event_date, find_timexes, granularity
from eventwire.records import EventDate

#: Tuesday.
ANCHOR = "2023-11-07"


def _timexes(text: str, anchor: str | None = ANCHOR) -> dict[str, tuple[str, str | None]]:
    doc = nlp.parse_one(text)
    return {t.text: (t.type, t.value) for t in find_timexes(doc, anchor)}


@pytest.mark.parametrize(
    ("text", "expression", "type_", "value"),
    [
        ("The envoy is due to arrive in Seoul on Wednesday.", "Wednesday", "DATE", "2023-11-08"),
        ("The ministry said on Monday that talks had stalled.", "Monday", "DATE", "2023-11-06"),
        ("Officials said last week that the plan was ready.", "last week", "DATE", "2023-W44"),
        ("The agency plans to launch a satellite on Nov. 30.", "Nov. 30", "DATE", "2023-11-30"),
        ("The parliament designated Nov. 18 as a day of remembrance.", "Nov. 18", "DATE", "2023-11-18"),
        ("The two leaders met in September to discuss trade.", "September", "DATE", "2023-09"),
        ("The rocket failed twice this year.", "this year", "DATE", "2023"),
        ("Exports fell sharply last year.", "last year", "DATE", "2022"),
        ("It was the first visit in two and a half years.", "two and a half years", "DURATION", "P30M"),
        ("Talks resume this week in Geneva.", "this week", "DATE", "2023-W45"),
        ("The border is now closed.", "now", "DATE", "PRESENT_REF"),
        ("Ten ships are currently in the harbour.", "currently", "DATE", "PRESENT_REF"),
        ("Inspectors visit the site every week.", "every week", "SET", "P1W"),
        ("The council publishes a weekly bulletin.", "weekly", "SET", "P1W"),
        ("The strike ended three days ago.", "three days ago", "DATE", "2023-11-04"),
        ("Profits rose in the third quarter.", "the third quarter", "DATE", "2023-Q3"),
        ("Prices doubled during the 1990s.", "the 1990s", "DATE", "199"),
        ("The blast happened at 8:30 a.m. on Monday.", "8:30 a.m. on Monday", "TIME", "2023-11-06T08:30"),
        ("The embassy reopened on March 3, 2021.", "March 3, 2021", "DATE", "2021-03-03"),
        ("The summit is planned for next month.", "next month", "DATE", "2023-12"),
        ("Fighting has gone on for weeks.", "weeks", "DURATION", "PXW"),
        ("Yesterday the army withdrew.", "Yesterday", "DATE", "2023-11-06"),
        ("The ceasefire held through the winter of 2019.", "the winter of 2019", "DATE", "2019-WI"),
        # Spoken-out years and days, as broadcast transcripts write them.
        ("The treaty was signed in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
        ("The plan dates from the year two thousand.", "the year two thousand", "DATE", "2000"),
        ("Floods hit the region in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE", "1994-WI"),
        ("Women's Day fell on March eighth.", "March eighth", "DATE", "2023-03-08"),
        # A past perfect looks back, whatever word points ahead.
        ("The ceasefire had been due to expire on Friday.", "Friday", "DATE", "2023-11-03"),
        ("The talks had stalled by Thursday.", "Thursday", "DATE", "2023-11-02"),
        # "N units after/later" measures a stretch from an event; "ago" and "a year earlier" count from the anchor.
        ("The rebels withdrew three days after the vote.", "three days", "DURATION", "P3D"),
        ("An hour later, the shelling resumed.", "An hour", "DURATION", "PT1H"),
        ("Profit rose 5% from a year earlier.", "a year earlier", "DATE", "2022"),
        ("The navy may stay for at least 20 more years.", "20 more years", "DURATION", "P20Y"),
        ("The strike began this past spring.", "this past spring", "DATE", "2023-SP"),
        ("A hearing is set for the week of Nov. 20.", "the week of Nov. 20", "DATE", "2023-W47"),
        ("Net income for the year rose 5%.", "the year", "DATE", "2023"),
        ("The temple dates from the 11th century.", "the 11th century", "DATE", "10"),
        ("Rates may rise in the near term.", "the near term", "DATE", "FUTURE_REF"),
        ("Turnout was high on Election Day.", "Election Day", "DATE", "2023-11-07"),
        ("The company will soon open a plant.", "soon", "DATE", "FUTURE_REF"),
        ("Dealers bought heavily in the morning.", "the morning", "TIME", "2023-11-07TMO"),
        ("The convoy left at 4 in the morning on Monday.", "4 in the morning on Monday", "TIME", "2023-11-06T04:00"),
        ("Music changed in the nineties.", "the nineties", "DATE", "199"),
        ("The summit is on Nov. 24 and 25.", "25", "DATE", "2023-11-25"),
        ("Prices rose over the past year.", "the past year", "DATE", "2022"),
        ("Wages lagged in the last decade.", "the last decade", "DATE", "201"),
        ("Sales for the corresponding period last year were flat.", "the corresponding period last year", "DATE", "2022-Q3"),
    ],
)
def test_timex_resolves_against_anchor(text: str, expression: str, type_: str, value: str) -> None:
    found = _timexes(text)
    assert found.get(expression) == (type_, value), found


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The army took the town on May 22, 2019, and the following year it withdrew.", "the following year", "2020"),
        ("The rebels fled in June 2018 and returned later that year.", "later that year", "2018"),
        ("He was arrested on Oct. 3. That day, police searched his home.", "That day", "2023-10-03"),
        ("He was arrested on Oct. 3 and freed the next morning.", "the next morning", "2023-10-04TMO"),
        ("Shares closed at 2082 on Friday, down 4% from the previous Friday.", "previous Friday", "2023-10-27"),
        # With no date mentioned before, the anchor is the reference.
        ("Exports fell, and the following month they recovered.", "the following month", "2023-12"),
    ],
)
def test_timex_anaphora_count_from_last_date(text: str, expression: str, value: str) -> None:
    assert _timexes(text)[expression][1] == value


def test_timex_merges_month_and_year() -> None:
    found = _timexes("The talks took place in November in 2022.")
    assert found == {"November in 2022": ("DATE", "2022-11")}


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The ministry plans to launch a satellite on Nov. 30.", "Nov. 30", "XXXX-11-30"),
        ("The envoy will arrive on Wednesday.", "Wednesday", "XXXX-WXX-3"),
        ("The two leaders met in September.", "September", "XXXX-09"),
        ("Exports fell last year.", "last year", "XXXX"),
        ("The election was held on June 4, 2019.", "June 4, 2019", "2019-06-04"),
    ],
)
def test_timex_without_anchor_keeps_unknowns(text: str, expression: str, value: str) -> None:
    assert _timexes(text, None)[expression][1] == value


@pytest.mark.parametrize(
    "text",
    [
        "The minister may travel to Paris.",
        "Prices fall when demand weakens.",
        "The company earned $500 million a year on 1,990 contracts.",
        "He is 52 years old.",
        "She is in her twenties.",
        "He was soon released.",
        "Two thousand people marched.",
    ],
)
def test_timex_ignores_lookalikes(text: str) -> None:
    assert _timexes(text) == {}


def test_timex_offsets_point_into_text() -> None:
    text = "On Friday, Aug. 4, the army said it would withdraw by the end of the year."
    doc = nlp.parse_one(text)
    for t in find_timexes(doc, ANCHOR):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "trigger", "status", "expected"),
    [
        ("The envoy is due to arrive in Seoul on Wednesday.", "arrive", "planned", EventDate("2023-11-08", "day")),
        ("The army attacked the town last week, officials said.", "attacked", "asserted", EventDate("2023-W44", "week")),
        ("Rebels seized the airport.", "seized", "asserted", EventDate(ANCHOR, "day")),
        ("Rebels might seize the airport.", "seize", "hypothetical", None),
        ("The two sides met in September and agreed to talk again.", "met", "asserted", EventDate("2023-09", "month")),
    ],
)
def test_timex_event_date(text: str, trigger: str, status: str, expected: EventDate | None) -> None:
    doc = nlp.parse_one(text)
    token = next(t for t in doc if t.text == trigger)
    assert event_date(token, find_timexes(doc, ANCHOR), anchor=ANCHOR, status=status) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-11-08", "day"), ("2023-W44", "week"), ("2023-09", "month"), ("2023", "year"), ("P2D", None)],
)
def test_timex_granularity(value: str, expected: str | None) -> None:
    assert granularity(value) == expected


#: A news-like paragraph: about 80 words with two temporal expressions.
PARAGRAPH = (
    "The foreign minister said on Monday that his government would keep its embassy open despite "
    "the protests, which have drawn thousands of people to the square outside the building. "
    "Police officers used water cannon to disperse the crowd, and several people were taken to "
    "hospital with minor injuries, according to a statement from the city authorities. The "
    "opposition, which has called for new elections, plans another march later this month. "
)


def test_timex_is_fast() -> None:
    doc = nlp.parse_one(PARAGRAPH * 5)  # about 400 words
    timings = []
    for _ in range(10):
        start = time.perf_counter()
        find_timexes(doc, ANCHOR)
        timings.append(time.perf_counter() - start)
    # The budget is 5 ms for 400 words (the parse costs ~65 ms); the best of ten runs
    # keeps a loaded test machine from failing it.
    assert min(timings) < 0.005
