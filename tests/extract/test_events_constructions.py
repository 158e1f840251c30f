"""Events signalled by constructions and roles found through phrases (own sentences)."""

from __future__ import annotations

import pytest

from .event_helpers import countries, only

ANCHOR = "2023-11-07"


@pytest.mark.parametrize(
    "text, target",
    [
        ("Protesters gathered outside the US embassy in Seoul on Tuesday.", {"USA"}),
        ("Hundreds of farmers massed in front of the French embassy.", {"FRA"}),
        ("Angry crowds gathered at the Russian embassy in Warsaw.", {"RUS"}),
        ("Demonstrators assembled in the main square of the capital.", set()),
    ],
)
def test_event_constructions_assembly_is_protest(code, text, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), "PROTEST")
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_",
    [
        # neither protesters nor a seat of power: no demonstration
        ("Foreign ministers gathered in Paris for a dinner on Friday.", None),
        # a verb of deploying with an object stays a deployment
        ("Russia massed troops near the border with Ukraine.", "MOBILIZE"),
    ],
)
def test_event_constructions_assembly_needs_crowd_or_seat_of_power(code, text, type_) -> None:  # type: ignore[no-untyped-def]
    types = [e.type for e in code(text)]
    assert "PROTEST" not in types
    if type_ is not None:
        assert type_ in types


@pytest.mark.parametrize(
    "text, type_, source",
    [
        ("The United States and South Korea, along with Japan, have condemned the missile test.", "ACCUSE", {"USA", "KOR", "JPN"}),
        ("Germany, together with Italy, signed the trade accord on Monday.", "SUPPORT", {"DEU", "ITA"}),
        ("Canada, alongside Mexico, criticized the new tariffs.", "ACCUSE", {"CAN", "MEX"}),
    ],
)
def test_event_roles_companions_join_the_source(code, text, type_, source) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).source) == source


@pytest.mark.parametrize(
    "text, type_, target",
    [
        # where a thing leaves from is no party to the act
        ("Japan will launch a weather satellite on a rocket from a base in Australia.", "MOBILIZE", set()),
        # but an organisation in the phrase still is
        ("Israel approved a plan that bars candidates from the militant group Hamas.", "SUPPORT", {"PSE"}),
    ],
)
def test_event_roles_origin_place_is_not_target(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target


def test_event_status_claim_inside_condemnation_is_alleged(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Britain and France have condemned what they say is the supply of drones by Iran to Russia.")
    accuse = only(events, "ACCUSE")
    assert countries(accuse.target) == {"IRN"}
    aid = only(events, "AID")
    assert (countries(aid.source), countries(aid.target), aid.status) == ({"IRN"}, {"RUS"}, "alleged")
    assert countries(aid.attributed_to) == {"GBR", "FRA"}


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # the one asked in a demand's clause
        ("The African Union repeated its demand today that Sudan lift curbs on aid to refugees.", "REQUEST", {"IGO"}, {"SDN"}),
        # the author of an act named by a nationality
        ("Spain is opposed to Moroccan mediation in the fisheries dispute.", "REJECT", {"ESP"}, {"MAR"}),
        # the agent of a thing named by "by"
        ("Chile is investigating alleged abuses by Bolivian guards against Peruvian migrants.", "ACCUSE", {"CHL"}, {"BOL"}),
        # a trailing "X, a newspaper reports" is not the object
        ("The rebel group has threatened to launch attacks on Kenya and Uganda, a Somali weekly reports.", "THREATEN", None, {"KEN", "UGA"}),
    ],
)
def test_event_roles_targets_through_phrases(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    if source is not None:
        assert countries(event.source) == source
    assert countries(event.target) & target


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # a nominal accusation, active and passive, the passive light verb's agent as source
        ("Evidence against Iran was presented by Israel at the meeting.", "ACCUSE", {"ISR"}, {"IRN"}),
        ("Israel presented evidence against Iran at the meeting.", "ACCUSE", {"ISR"}, {"IRN"}),
        ("A fresh complaint against Turkey was filed by Greece with the United Nations.", "ACCUSE", {"GRC"}, {"TUR"}),
        # a travel advisory
        ("The Foreign Office has advised against travel to Haiti.", "SANCTION", {"GBR"}, {"HTI"}),
        # a many-sided meeting needs no counterpart
        ("President Macron is scheduled to attend a summit on the unrest in Niger.", "CONSULT", {"FRA"}, set()),
    ],
)
def test_events_constructions_general_light_verbs_and_nominals(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text",
    [
        "France and Rwanda traded accusations over the genocide.",
        "India and Pakistan accused each other of violating the ceasefire.",
    ],
)
def test_events_constructions_reciprocal_acts_go_both_ways(code, text) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in code(text) if e.type == "ACCUSE"]
    pairs = {(next(iter(countries(e.source))), next(iter(countries(e.target)))) for e in events}
    assert len(events) == 2 and len(pairs) == 2
    assert {a for a, _ in pairs} == {b for _, b in pairs}
    # the trading is no cooperation of its own
    assert not [e for e in code(text) if e.type == "COOPERATE"]


@pytest.mark.parametrize(
    "text",
    ["Japan and South Korea have postponed their summit.", "Chile and Bolivia renewed diplomatic ties on Monday."],
)
def test_events_constructions_shared_object_is_one_reciprocal_event(code, text) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in code(text) if e.type in ("SANCTION", "SUPPORT", "COOPERATE")]
    assert len(events) == 1 and events[0].reciprocal and events[0].target is None
    assert len(events[0].source.members) == 2


def test_events_constructions_owned_object_is_not_reciprocal(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Japan and South Korea suspended Iran's talks with the agency.")
    assert events and not any(e.reciprocal for e in events)
