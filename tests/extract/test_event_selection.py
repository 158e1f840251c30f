"""Which of a sentence's triggers are coded (``event_selection``), on sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text, kept, dropped",
    [
        # the purpose of an act is what the actor means to bring about
        ("The Haitian general resigned on Monday to allow free elections to take place.", "RETREAT", "CONCEDE"),
        ("Norway will give Kenya a grant of 5 million dollars to finance new schools.", "AGREE", None),
        # a noun after "following"/"after" names an earlier act, even alone
        ("Following the ceasefire agreement, Sudanese President Omar al-Bashir took steps to open the economy.", None, "AGREE"),
        # "during" is the same time: the demonstrations are the act
        ("Palestinian youths threw stones during demonstrations against Israel.", "PROTEST", None),
        # a participle under a noun root is the sentence's own verb misparsed;
        # the relative clause on its object is background
        ("An official Syrian newspaper called Thursday on Arabs to unite against Israeli leader Ariel Sharon, "
         "who has vowed to keep the Golan Heights.", "REQUEST", "AGREE"),
    ],
)
def test_event_selection_keeps_the_reported_act(code, text, kept, dropped) -> None:  # type: ignore[no-untyped-def]
    types = [e.type for e in code(text)]
    if kept is not None:
        assert kept in types
    if dropped is not None:
        assert dropped not in types
    if kept == "AGREE":
        # the grant is promised; its purpose is no second event
        assert types == ["AGREE"]


@pytest.mark.parametrize(
    "text, type_, absent",
    [
        # the accuser's purpose is no alleged act of the one summoned
        ("Nigeria summoned Niger's ambassador to complain about attacks on its border.", "ACCUSE", None),
        # what an investigation is into is its content, not a second event
        ("Kenyan police opened an investigation into the bombing of the Israeli embassy.", "ACCUSE", "ASSAULT"),
    ],
)
def test_event_selection_content_is_no_second_event(code, text, type_, absent) -> None:  # type: ignore[no-untyped-def]
    evs = code(text)
    assert len(evs) == 1, [(e.type, e.trigger.text) for e in evs]
    assert evs[0].type == type_
    assert absent not in {e.type for e in evs}


def test_event_selection_vowing_to_retaliate_is_a_threat(code) -> None:  # type: ignore[no-untyped-def]
    # "retaliate" is an attack; vowing one is a THREATEN, not a promise to cooperate
    types = [e.type for e in code("Russia vowed to retaliate against the new British sanctions.")]
    assert types == ["THREATEN"]


def test_event_selection_background_act_stays_when_main_act_has_no_actors(code) -> None:  # type: ignore[no-untyped-def]
    # "met" with no counterpart is no event, so the act in the "as" clause is what is reported
    evs = code("The Kenyan cabinet met on Monday as police opened fire on Somali protesters in Nairobi.")
    assert [e.type for e in evs] == ["ASSAULT"]
