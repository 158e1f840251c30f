"""What an act bears on: target tokens from the parse (own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_targets


@pytest.mark.parametrize(
    "text, noun, agents",
    [
        ("Students demanded reforms by the government.", "reforms", ["government"]),
        # a date, a manner or a means after "by" is nobody's act
        ("Students demanded reforms by 2025.", "reforms", []),
        ("Rebels seized the town by force.", "town", []),
        ("Workers blocked the bridge by dumping sawdust.", "bridge", []),
        # a passive verb's "by" is its own agent
        ("The reforms were demanded by the students.", "reforms", []),
    ],
)
def test_event_targets_stray_by_names_the_object_author(nlp, text, noun, agents) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == noun)
    # wherever the parser hangs "by", the object's owners include its author
    assert [t.text for t in event_targets.owner_tokens(tok, frozenset())] == agents
    assert event_targets.has_agent(tok) is bool(agents)


@pytest.mark.parametrize(
    "text, noun, owners",
    [
        ("Soldiers cordoned off the roads leading into Gaza.", "roads", ["Gaza"]),
        ("Commandos seized rockets bound for Hezbollah.", "rockets", ["Hezbollah"]),
        ("Japan welcomed assurances sent from Beijing.", "assurances", ["Beijing"]),
        ("Turkey welcomed reports about Greece.", "reports", ["Greece"]),
        # where a thing set out from is not who sent it
        ("They tracked a rocket launched from Baikonur.", "rocket", []),
    ],
)
def test_event_targets_owner_of_a_thing_from_its_participle(nlp, text, noun, owners) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == noun)
    assert [t.text for t in event_targets.owner_tokens(tok, frozenset())] == owners
