"""Event status from the words around the trigger (``event_status``), on sentences written for these tests."""

from __future__ import annotations

import pytest

from .event_helpers import only


@pytest.mark.parametrize(
    "text, type_, status",
    [
        # "about to" is an act still to come
        ("France is about to restore full diplomatic ties with Iran.", "SUPPORT", "planned"),
        ("Kenya is due to host Somali leaders next week.", "CONSULT", "planned"),
        # "about" and "due to" as prepositions plan nothing
        ("Kenya complained on Monday about Somali troops shelling its border posts.", "ACCUSE", "asserted"),
        ("Ethiopian troops withdrew from the town on Monday due to the fighting.", "RETREAT", "asserted"),
    ],
)
def test_event_status_planning_governors(code, text, type_, status) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).status == status


@pytest.mark.parametrize(
    "text, status",
    [
        # an act set years back by its "after" clause is cited for context
        ("Kenya is cautious about Somalia almost five years after Somali crowds burned down its embassy.", "background"),
        # a bare "after" clause may be the news itself
        ("After Somali troops attacked the Kenyan town of Mandera, thousands fled.", "asserted"),
    ],
)
def test_event_status_set_back_clause(code, text, status) -> None:  # type: ignore[no-untyped-def]
    # burning an embassy is property destruction (COERCE), attacking a town an ASSAULT
    (event,) = [e for e in code(text) if e.type in ("ASSAULT", "COERCE")]
    assert event.status == status


@pytest.mark.parametrize(
    "text, type_, status",
    [
        # a relative clause's date describes the actor, not the act
        ("The Syrian rebels, who have fought the government since 2011, attacked an army base on Monday.", "ASSAULT", "asserted"),
        ("Syrian rebels attacked an army base in 2011.", "ASSAULT", "background"),
        # the pluperfect of reported speech is the speaker's present perfect
        ("Egypt said it had lodged a protest with Israel over the raid.", "ACCUSE", "asserted"),
        ("Egypt had lodged a protest with Israel before the raid.", "ACCUSE", "background"),
    ],
)
def test_event_status_clause_dates_and_backshift(code, text, type_, status) -> None:  # type: ignore[no-untyped-def]
    assert only(code(text), type_).status == status
