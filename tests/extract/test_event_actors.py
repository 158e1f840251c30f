"""Which actor a role's phrase denotes, and when two are one (own texts)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_actors
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
