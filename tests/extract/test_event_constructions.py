"""Targets that a construction names outside the trigger's own phrase (own sentences)."""

from __future__ import annotations

import pytest

from .event_helpers import countries, only


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # the one under the act undergoes it; the verb's agent does it
        ("A Turkish convoy came under attack near the border on Tuesday.", "ASSAULT", set(), {"TUR"}),
        ("The Kenyan opposition leader was placed under house arrest by the police.", "COERCE", {"KEN"}, {"KEN"}),
        ("A Canadian journalist was put under investigation by French prosecutors.", "ACCUSE", {"FRA"}, {"CAN"}),
    ],
)
def test_event_constructions_under_act_targets_the_subject(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The Chilean foreign minister summoned the Bolivian ambassador to complain about border incidents.", {"CHL"}, {"BOL"}),
        ("Ecuador summoned Colombia's envoy to protest against the raid.", {"ECU"}, {"COL"}),
    ],
)
def test_event_constructions_summoned_envoy_is_addressed(code, text, source, target) -> None:  # type: ignore[no-untyped-def]
    # whichever word carries the complaint, the summoner complains to the envoy
    events = code(text)
    assert events
    assert all(countries(e.source) == source and countries(e.target) == target for e in events)


@pytest.mark.parametrize(
    "text, type_, target",
    [
        # the dead and the arrested were among those the main act was aimed at
        ("Vietnamese forces launched rocket fire against Cambodian army camps, killing or wounding 50.", "ASSAULT", {"KHM"}),
        ("Egyptian police opened fire on Islamist demonstrators in Cairo, killing one person and arresting 12.", "COERCE", {"EGY"}),
        # a victim named in the clause itself stays its own target
        ("Israeli troops attacked the camp, killing two Syrian soldiers.", "ASSAULT", {"SYR"}),
    ],
)
def test_event_constructions_participle_continues_the_target(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target


@pytest.mark.parametrize(
    "text, type_, target",
    [
        ("Egyptian police fired tear gas to disperse Islamist demonstrators in Cairo.", "ASSAULT", {"EGY"}),
        ("Riot police used water cannon to disperse Kurdish protesters on Sunday.", "ASSAULT", set()),
    ],
)
def test_event_constructions_force_aimed_by_its_purpose(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    events = [e for e in code(text) if e.type == type_]
    assert all(countries(e.target) <= target for e in events)
    if target:
        assert any(countries(e.target) == target for e in events)


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # the subject of a verb of undergoing is the act's target, not its author
        ("Iran faces new sanctions from the European Union.", "SANCTION", {"IGO"}, {"IRN"}),
        ("The Afghan governor survived an assassination attempt by Pakistani militants.", "ASSAULT", {"PAK"}, {"AFG"}),
        ("A Palestinian prisoner died as a result of torture.", "ASSAULT", set(), {"PSE"}),
    ],
)
def test_event_constructions_undergoing_verb_targets_the_subject(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, type_, target",
    [
        ("The army declared a state of siege in Bolivia on Saturday.", "COERCE", {"BOL"}),
        ("Israel reimposed blockades in the West Bank on Friday.", "COERCE", {"PSE"}),
        # a measure aimed at someone keeps that target
        ("Egypt imposed a blockade on Gaza in the Sinai.", "COERCE", {"PSE"}),
    ],
)
def test_event_constructions_measure_bears_on_its_place(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target


@pytest.mark.parametrize(
    "text, type_, target",
    [
        # protests set off by an act answer its author, and are not done by the act
        ("The arrest of the opposition leader by Ugandan police sparked protests.", "PROTEST", {"UGA"}),
        ("Hungary's decision triggered protests.", "PROTEST", {"HUN"}),
    ],
)
def test_event_constructions_caused_act_answers_its_cause(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.target) == target
    assert event.source is None


@pytest.mark.parametrize(
    "text, target",
    [
        # a mutual act's partner, wherever the parser hangs "with"
        ("The Kenyan minister flew to Geneva for meetings of the trade committee with Uganda.", {"UGA"}),
        ("The Kenyan minister flew to Geneva for meetings with Uganda.", {"UGA"}),
    ],
)
def test_event_constructions_partner_of_a_mutual_act(code, text, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), "CONSULT")
    assert countries(event.source) == {"KEN"}
    assert countries(event.target) == target


@pytest.mark.parametrize(
    "text, target",
    [
        # whom the protest defies, not where its object is
        ("Thousands of Tibetans blocked roads in Kathmandu in defiance of the Chinese government.", {"CHN"}),
        # a stance of support names no adversary: the place stays
        ("Thousands of Tibetans blocked roads in Kathmandu in solidarity with Chinese students.", {"NPL"}),
    ],
)
def test_event_constructions_protest_stance_before_place(code, text, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), "PROTEST").target) == target


@pytest.mark.parametrize(
    "text, type_, target",
    [
        # a refusal or concession with no object answers whoever pressed for it
        ("The Kenyan minister has refused to resign despite pressure from the United States.", "REJECT", {"USA"}),
        ("The Nigerian governor resigned under pressure from Britain.", "RETREAT", {"GBR"}),
        # an object or a named place of its own comes first
        ("The Kenyan minister refused to meet Ugandan officials despite calls by the United States.", "REJECT", {"UGA"}),
        ("Israel withdrew from Gaza under pressure from the United States.", "RETREAT", {"PSE"}),
    ],
)
def test_event_constructions_pressure_names_the_target(code, text, type_, target) -> None:  # type: ignore[no-untyped-def]
    assert countries(only(code(text), type_).target) == target


@pytest.mark.parametrize(
    "text, type_, source, target",
    [
        # an opening participle with a "by" agent: the agent does it to the clause's subject
        ("Backed by Russia, the Syrian army attacked the city.", "SUPPORT", {"RUS"}, {"SYR"}),
        ("Condemned by Kenya, the Ugandan army withdrew from the border.", "ACCUSE", {"KEN"}, {"UGA"}),
    ],
)
def test_event_constructions_opening_participle_agent(code, text, type_, source, target) -> None:  # type: ignore[no-untyped-def]
    event = only(code(text), type_)
    assert countries(event.source) == source
    assert countries(event.target) == target
