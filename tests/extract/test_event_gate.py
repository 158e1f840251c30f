"""Actors gate events, and non-political senses: no invented events on sport,
culture, business, science, weather or health news (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.extract.event_gate import gate_words
from eventwire.extract.event_senses import thing_classes

from .event_helpers import countries


# Each sentence has a trigger word in an everyday sense, or no political actor.
NO_EVENT = [
    # a film that beats other films at an awards show
    "The animated film beat homegrown Hollywood movies at the awards ceremony in Los Angeles.",
    # a weather agency's outlook
    "The national weather agency released its winter outlook on Thursday.",
    # burning fuel
    "The U.S. is burning less coal than it did a decade ago.",
    # a firm's emissions
    "The carmaker plans to cut its carbon emissions by half before 2030.",
    # a sprinter coded only by nationality
    "Gatlin beat Canada's Nate Brannen in the final in Helsinki.",
    # a product release
    "Microsoft released a security patch for its Windows software on Tuesday.",
    # the weather as the doer
    "The storm killed three people and flooded hundreds of homes.",
    # a contest, not a withdrawal from a country
    "The sprinter withdrew from the championship with a hamstring injury.",
    # health, crime and accidents with no political actor
    "The health minister was hospitalised after a fall at his home.",
    "Patient records were stolen by unnamed hackers last week.",
    "A man was arrested for stealing a car in Leeds on Friday.",
    "Two people were killed when a bus crashed into a river in Kerala.",
    "Two soldiers were killed in a helicopter crash in Mali.",
    "The virus has killed more than 200 people in the region.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_event_gate_no_event_on_everyday_senses(code, text):  # type: ignore[no-untyped-def]
    assert [(e.type, e.trigger.text) for e in code(text)] == []


# Each keeps its event: a state, a group with a political sector, a people, or a crowd.
KEEP = [
    ("Seoul condemned the missile launch by North Korea.", "ACCUSE", {"KOR"}),
    ("Russian troops attacked the Ukrainian city of Kharkiv on Tuesday.", "ASSAULT", {"RUS"}),
    ("Thousands of Kurds demonstrated in Kirkuk on Sunday.", "PROTEST", set()),
    ("Police arrested two opposition leaders in Harare.", "COERCE", {"ZWE"}),
    ("Workers went on strike at the port on Monday.", "PROTEST", set()),
]


@pytest.mark.parametrize("text,type_,source", KEEP)
def test_event_gate_keeps_political_actors(code, text, type_, source):  # type: ignore[no-untyped-def]
    events = [e for e in code(text) if e.type == type_]
    assert events, [(e.type, e.trigger.text) for e in code(text)]
    assert source <= countries(events[0].source) | countries(events[0].target)


def test_event_gate_political_sectors_leave_out_firms_media_civilians():  # type: ignore[no-untyped-def]
    words = gate_words()
    assert {"GOV", "MIL", "REB", "IGO"} <= words.political_sectors
    assert not {"BUS", "MED", "CVL"} & words.political_sectors


def test_event_senses_classes_come_from_the_data_file():  # type: ignore[no-untyped-def]
    classes = thing_classes()
    assert classes.object["film"] == "culture"
    assert classes.subject["storm"] == "weather"
    # words that also name political things stay out
    assert "programme" not in classes.object and "fuel" not in classes.object


def test_event_gate_headline_is_its_own_sentence(code):  # type: ignore[no-untyped-def]
    """A blank line ends a sentence: the headline is not part of the first actor's phrase."""
    events = code("Kit deal signed\n\nThe British government agreed a deal with France on Monday.")
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and "\n" not in agree[0].source.text


@pytest.mark.parametrize("relevance, kept", [(0.9, True), (0.1, False), (None, False)])
def test_event_gate_person_placed_by_country_counts_in_a_political_story(nlp, relevance, kept):  # type: ignore[no-untyped-def]
    """A person the resolver placed only by nationality is a party in political news, not in a sports report."""
    from eventwire.extract.actors import get_resolver
    from eventwire.extract.event_gate import passes
    from eventwire.records import Actor

    doc = nlp("Mr John Hartwell criticised the plan on Monday.")
    person = Actor(text="Mr John Hartwell", code="GBR", country="GBR", start=0, end=16)
    assert doc[2].ent_type_ == "PERSON"
    assert passes(person, None, doc, get_resolver().kb, relevance=relevance) is kept


@pytest.mark.parametrize("relevance, kept", [(0.9, True), (0.1, False)])
def test_event_gate_a_firm_is_a_party_in_political_news_only(nlp, relevance, kept):  # type: ignore[no-untyped-def]
    """In a product review a firm's release is commerce; in political news a firm is a party."""
    from eventwire.extract.actors import get_resolver
    from eventwire.extract.event_gate import passes
    from eventwire.records import Actor

    doc = nlp("Microsoft released a report on Monday.")
    firm = Actor(text="Microsoft", code="USABUS", country="USA", sector="BUS", start=0, end=9)
    assert doc[0].ent_type_ == "ORG"
    assert passes(firm, None, doc, get_resolver().kb, relevance=relevance) is kept
