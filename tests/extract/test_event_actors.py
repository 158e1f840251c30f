"""Which actor a role's phrase denotes, and when two are one (own texts)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_actors
from eventwire.extract.event_actors import clean_phrase
from eventwire.records import Actor


@pytest.mark.parametrize(
    "a, b, same",
    [
        # a pronoun coded like the actor stands for it ("X halted his march")
        (Actor(text="his", code="KENGOV"), Actor(text="The Kenyan president", code="KENGOV"), True),
        (Actor(text="The Kenyan president", code="KENGOV"), Actor(text="its", code="KENGOV"), True),
        # two different mentions with the same code are different people
        (Actor(text="the Kenyan police", code="KENCOP"), Actor(text="Kenyan riot police", code="KENCOP"), False),
        (Actor(text="his", code="UGAGOV"), Actor(text="The Kenyan president", code="KENGOV"), False),
        # the same name said twice, whatever its case or article
        (Actor(text="The United States", code="USA"), Actor(text="the United States", code="USA"), True),
        (Actor(text="Canada", code="CAN"), Actor(text="the Canadian government", code="CAN"), False),
    ],
)
def test_event_actors_same_actor_pronoun(a, b, same) -> None:  # type: ignore[no-untyped-def]
    assert event_actors.same_actor(a, b) is same


@pytest.mark.parametrize(
    "text, clean",
    [
        ("The District 4 school board \u201csnafu", "The District 4 school board"),
        ("\u201cThe Taliban", "The Taliban"),
        ("Kit deal signed\n\nUK Athletics", "UK Athletics"),
        ('the "Islamic State" group', 'the "Islamic State" group'),
        ("France", "France"),
    ],
)
def test_event_actors_clean_phrase(text, clean) -> None:  # type: ignore[no-untyped-def]
    actor = clean_phrase(Actor(text=text, code="USA", start=100, end=100 + len(text)))
    assert actor.text == clean
    # offsets follow the text
    assert actor.end - actor.start == len(clean)
    assert text[actor.start - 100 : actor.end - 100] == clean


def test_event_actors_letters_page_source_is_a_clean_phrase(code) -> None:  # type: ignore[no-untyped-def]
    for event in code("Members of the Oakland school board \u201cblamed the mayor for the budget crisis, the paper said."):
        for actor in (event.source, event.target):
            if actor is not None:
                assert actor.text.count("\u201c") == actor.text.count("\u201d"), actor.text
