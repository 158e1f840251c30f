"""Event coding on sentences written for these tests, through the real pipeline pieces."""

from __future__ import annotations

import pytest

from eventwire.extract import events as events_mod
from eventwire.extract import timex
from eventwire.extract.actors import get_resolver

from .event_helpers import countries, only

ANCHOR = "2023-11-07"


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # coordination: both are sources
        ("The United States and Jordan agreed to cooperate on trade.", "AGREE", {"USA", "JOR"}, set()),
        # passive: the "by" agent is the source
        ("Seoul was visited by the Japanese foreign minister on Monday.", "CONSULT", {"JPN"}, {"KOR"}),
        # nominal triggers with "by" and "to", "with", "on"
        ("The supply of arms by North Korea to Russia worries Japan.", "AID", {"PRK"}, {"RUS"}),
        ("The Chinese foreign minister held talks with his Russian counterpart.", "CONSULT", {"CHN"}, {"RUS"}),
        ("The European Union imposed new sanctions on Iran.", "SANCTION", {"IGO"}, {"IRN"}),
        ("Israeli police arrested 12 Palestinian protesters.", "COERCE", {"ISR"}, {"PSE"}),
        ("Japan halted economic aid to Serbia.", "SANCTION", {"JPN"}, {"SRB"}),
        ("Argentina apologized to Brazil for the incident.", "SUPPORT", {"ARG"}, {"BRA"}),
    ],
)
def test_events_type_and_roles(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, status",
    [
        ("North Korea plans to launch a missile next week.", "MOBILIZE", "planned"),
        ("Russian troops did not attack the Ukrainian town.", "ASSAULT", "negated"),
        ("Iran could attack Israel if the talks fail.", "THREATEN", "hypothetical"),
        ("North Korea tested a long-range missile in November 2020.", "MOBILIZE", "background"),
        ("Israeli police arrested 12 Palestinian protesters on Monday.", "COERCE", "asserted"),
    ],
)
def test_events_status(code, text, type_, status) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).status == status


def test_events_denial_is_reject_and_denied_content(code) -> None:  # type: ignore[no-untyped-def]
    evs = code("Pyongyang and Moscow have denied claims of arms deals.")
    reject = only(evs, "REJECT")
    assert reject.status == "asserted"
    assert countries(reject.source) == {"PRK", "RUS"}
    assert only(evs, "AID").status == "denied"


def test_events_accusation_content_is_alleged(code) -> None:  # type: ignore[no-untyped-def]
    evs = code("Ukraine accused Russia of shelling the city.")
    accuse = only(evs, "ACCUSE")
    assert (countries(accuse.source), countries(accuse.target)) == ({"UKR"}, {"RUS"})
    assault = only(evs, "ASSAULT")
    assert assault.status == "alleged"
    assert assault.confidence < accuse.confidence


@pytest.mark.parametrize(
    "text, attributed",
    [
        ("South Korea's spy agency said North Korea attacked a border post.", "KOR"),
        ("According to a UN report, Sudanese troops killed dozens of civilians.", "IGO"),
    ],
)
def test_events_attribution_and_no_reporting_event(code, text, attributed) -> None:  # type: ignore[no-untyped-def]
    evs = code(text)
    assert [e.type for e in evs] == ["ASSAULT"]
    assert countries(evs[0].attributed_to) == {attributed}


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # "X said Y must Z" is a demand
        ("Germany said Iran must release the prisoners.", "REQUEST", {"DEU"}, {"IRN"}),
        # a threat folds what is threatened into one event
        ("Pakistan threatened to break off relations with Congo.", "THREATEN", {"PAK"}, {"COG"}),
        # an act the actor itself announces for the future is a threat or a promise
        ("French farmers said they would blockade Paris.", "THREATEN", {"FRA"}, {"FRA"}),
    ],
)
def test_events_constructions(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    evs = code(text)
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    event = only(evs, type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, mode",
    [
        ("Pakistan threatened to break off diplomatic relations with Congo.", "THREATEN", "relations"),
        ("Egyptian police opened fire on the demonstrators.", "ASSAULT", "firearms"),
        ("Hundreds of Palestinian prisoners began a hunger strike.", "PROTEST", "hunger"),
        ("Gunmen kidnapped two Italian engineers in Nigeria.", "ASSAULT", "abduct"),
    ],
)
def test_events_modes(code, text, type_, mode) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).mode == mode


def test_events_record_fields(code) -> None:  # type: ignore[no-untyped-def]
    text = "Israeli police arrested 12 Palestinian protesters on Monday. Iran threatened to close the strait."
    evs = code(text)
    assert len({e.trigger.start for e in evs}) == len(evs)
    for e in evs:
        assert text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert text[e.sentence.start : e.sentence.end] == e.sentence.text
        assert 0.0 <= e.confidence <= 1.0
        assert e.cameo and e.quad in (1, 2, 3, 4) and e.goldstein is not None
    arrest = only(evs, "COERCE")
    assert arrest.date is not None and arrest.date.value == "2023-11-06"
    assert (arrest.quad, arrest.goldstein) == (4, -7.0)


def test_events_none_without_actors(code) -> None:  # type: ignore[no-untyped-def]
    assert code("The weather was cold and the match was cancelled.") == []


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # a mutual act of a compound source: its own parties are not targets
        ("Hungarian and Romanian officials agreed that their countries should help Romanian refugees.", "AGREE", {"HUN", "ROU"}, set()),
        # "talks on X" name the topic, not a party
        ("Israel and Lebanon resumed negotiations on a troop withdrawal from Syria.", "CONSULT", {"ISR", "LBN"}, set()),
        # the target of a protest named in its stance phrase or purpose clause, through the author of the thing
        ("Algerian students staged a hunger strike in protest against the arrests by Moroccan police.", "PROTEST", {"DZA"}, {"MAR"}),
        ("Angry Iraqi workers blocked a road to show their anger at Kuwait's policies.", "PROTEST", {"IRQ"}, {"KWT"}),
        # a participle on a thing: the source is who issued the thing
        ("Iran issued a statement demanding that Britain release the sailors.", "REQUEST", {"IRN"}, {"GBR"}),
        # a concession its actor announces for the future is a promise
        ("Turkey will allow Syrian refugees to return home.", "AGREE", {"TUR"}, {"SYR"}),
        # "were engaged in": the subject takes part in the act
        ("Serb forces were engaged in ethnic cleansing against Albanian villagers.", "ASSAULT", {"SRB"}, {"ALB"}),
    ],
)
def test_events_role_constructions(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, types",
    [
        # an act someone says must happen is not an act that happened (the
        # demand is the protest's content)
        ("Palestinian activists staged rallies against Israel, saying it must withdraw from Gaza.", ["PROTEST"]),
        ("Egypt said on Monday that Israel should withdraw its troops from Gaza.", ["REQUEST"]),
        # the background of the main act gives way to it
        ("Ugandan rebels surrendered in Soroti after a government offensive.", ["RETREAT"]),
        ("Sudanese troops retook the village from rebels who attacked it last month.", ["COERCE"]),
        # an effort or means verb is the act it serves
        ("France helped support the Lebanese army.", ["SUPPORT"]),
        ("The United Nations sent experts to Bosnia to investigate the massacre.", ["ACCUSE"]),
        # a meeting with no counterpart is no CONSULT
        ("The Israeli cabinet met on Sunday.", []),
    ],
)
def test_events_selection(code, text, types) -> None:  # type: ignore[no-untyped-def]
    assert sorted(e.type for e in code(text)) == sorted(types)


@pytest.mark.parametrize(
    "text, source",
    [
        # violence nobody is named for: the country where it happened is the source
        ("A roadside bomb killed three soldiers in Baghdad on Sunday.", {"IRQ"}),
        ("Three soldiers were killed in Baghdad on Sunday.", {"IRQ"}),
        # a named agent stays the source
        ("Syrian troops killed three soldiers in Baghdad on Sunday.", {"SYR"}),
    ],
)
def test_events_agentless_violence_takes_place_country(nlp, text, source) -> None:  # type: ignore[no-untyped-def]
    from eventwire.extract import places as places_mod

    doc = nlp(text)
    actors = get_resolver().document(doc, ANCHOR)
    evs = events_mod.find_events(doc, actors, timex.find_timexes(doc, ANCHOR), places_mod.find_places(doc), anchor=ANCHOR)
    assert countries(only(evs, "ASSAULT").source) == source


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # raising and copula chains pass the subject down to the act
        ("France is about to restore full diplomatic ties with Iran.", "SUPPORT", {"FRA"}, {"IRN"}),
        ("Russia is likely to attack Georgia.", "ASSAULT", {"RUS"}, {"GEO"}),
        ("Germany seems ready to criticize Poland.", "ACCUSE", {"DEU"}, {"POL"}),
        # an act named as a target: its author, not the country of its place
        ("The Indian government condemned an attack by Pakistani soldiers in southern Afghanistan.", "ACCUSE", {"IND"}, {"PAK"}),
        # every conjunct of a list inside a noun's prepositional phrase is a party
        ("Iran welcomed the resumption of diplomatic ties with France, Germany and Italy.", "SUPPORT", {"IRN"}, {"FRA", "DEU", "ITA"}),
        ("The ambassadors of France, Germany and Italy criticized Iran.", "ACCUSE", {"FRA", "DEU", "ITA"}, {"IRN"}),
        # "assistance from X": the giver
        ("The park is managed by local communities, with assistance from Japan.", "AID", {"JPN"}, set()),
    ],
)
def test_events_role_chains_and_lists(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        ("Russia abandoned diplomatic ties with Georgia.", "SANCTION", {"RUS"}, {"GEO"}),
        ("Russia broke off ties with Georgia.", "SANCTION", {"RUS"}, {"GEO"}),
        ("Israeli police cordoned off the roads leading into Gaza.", "COERCE", {"ISR"}, {"PSE"}),
        ("Germany wiretapped the phones of French diplomats.", "COERCE", {"DEU"}, {"FRA"}),
        ("France postponed its talks with Germany.", "SANCTION", {"FRA"}, {"DEU"}),
        ("Egypt and Iran renewed diplomatic ties after a long break.", "SUPPORT", {"EGY", "IRN"}, set()),
    ],
)
def test_events_vocabulary_relations_and_restrictions(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, target",
    [
        # a time or cause clause sets the scene: its actors are no target of the demand
        ("The Kenyan opposition demanded elections after a court cleared its leader of charges.", "REQUEST", set()),
        ("The Kenyan opposition demanded elections because Ugandan troops had crossed the border.", "REQUEST", set()),
        # a purpose clause is the content: its object is the one asked
        ("The Kenyan opposition demanded that Uganda withdraw its troops.", "REQUEST", {"UGA"}),
    ],
)
def test_events_background_clause_gives_no_target(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target
