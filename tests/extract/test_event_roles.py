"""Source and target from the parse (own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_constructions as constructions

from .event_helpers import countries, only


@pytest.mark.parametrize(
    "text, type_, target",
    [
        ("Thousands of students in Chile staged mass demonstrations to demand political reforms by President Pinochet's government.", "PROTEST", {"CHL"}),
        ("Farmers staged rallies to demand price guarantees by the French government.", "PROTEST", {"FRA"}),
    ],
)
def test_event_roles_demand_by_names_the_target(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target


@pytest.mark.parametrize(
    "text, noun, aimed",
    [
        ("Eritrea called for a boycott against Ethiopia on Monday.", "boycott", ["Ethiopia"]),
        ("Eritrea called for a boycott on Monday.", "boycott", []),
    ],
)
def test_event_roles_aimed_objects(nlp, text, noun, aimed) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == noun)
    assert [t.text for t in constructions.aimed_objects(tok)] == aimed


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # "the X of Y by Z": Z did it to Y, wherever the parser hangs "by"
        ("The arrest of the opposition leader by Ugandan police drew criticism.", "COERCE", {"UGA"}, {"UGA"}),
        # a group led or sent by someone stands for its leader's side
        ("A delegation led by the Egyptian foreign minister met Hamas leaders in Gaza.", "CONSULT", {"EGY"}, {"PSE"}),
    ],
)
def test_event_roles_agent_inside_a_phrase(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, target",
    [
        # a building bears on its owner, not on where it stands
        ("Russia closed the American consulate in St Petersburg.", {"USA"}),
        ("Moscow closed the consulate of Poland in Kaliningrad.", {"POL"}),
        # a building in the actor's own land with no owner named: no target
        ("Russia closed the consulate in St Petersburg.", set()),
        # one's own building abroad bears on the host
        ("Russia closed its embassy in Kyiv.", {"UKR"}),
    ],
)
def test_event_roles_facility_owner_not_its_site(code, text, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), "SANCTION")
    assert countries(event.source) == {"RUS"}
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, target",
    [
        # the actor's own name as the place of entry is no target
        ("The Netherlands said it would deny entry to the Netherlands to three Iranian officials.", {"IRN"}),
        ("The Netherlands denied entry to three Iranian officials.", {"IRN"}),
    ],
)
def test_event_roles_own_name_is_not_the_target(code, text, target) -> None:  # type: ignore[no-untyped-def]
    event = next(e for e in code(text) if e.trigger.text.startswith("den"))
    assert countries(event.source) == {"NLD"}
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, source",
    [
        # an agentless arrest or investigation: the country where it happened acts
        ("A French journalist was arrested in Turkey on Monday.", "COERCE", {"TUR"}),
        ("An American businessman has been placed under investigation in Russia.", "ACCUSE", {"RUS"}),
        # a named agent stays the source
        ("Greek police arrested a French journalist in Turkey on Monday.", "COERCE", {"GRC"}),
    ],
)
def test_event_roles_agentless_state_act_takes_place_country(nlp, text, type_, source) -> None:  # type: ignore[no-untyped-def]
    from eventwire.extract import events as events_mod
    from eventwire.extract import places as places_mod
    from eventwire.extract import timex
    from eventwire.extract.actors import get_resolver

    anchor = "2023-11-07"
    doc = nlp(text)
    actors = get_resolver().document(doc, anchor)
    evs = events_mod.find_events(doc, actors, timex.find_timexes(doc, anchor), places_mod.find_places(doc), anchor=anchor)
    assert countries(only(evs, type_).source) == source
