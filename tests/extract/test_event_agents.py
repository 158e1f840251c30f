"""Who acts: the agent token of an act from the parse (own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_agents


def subject_of(nlp, text: str, verb: str) -> str | None:  # type: ignore[no-untyped-def]
    """The text of the agent token ``subject_token`` finds for the first word ``verb`` in ``text``."""
    tok = next(t for t in nlp(text) if t.lower_ == verb)
    subj = event_agents.subject_token(tok)
    return subj.text if subj is not None else None


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # object control: the one urged does it
        ("Britain urged Iran to stop enrichment.", "stop", "Iran"),
        # a purpose of the subject's own: the summoner complains
        ("Chile summoned the Bolivian ambassador to complain.", "complain", "Chile"),
        ("Italy recalled its ambassador to protest.", "protest", "Italy"),
    ],
)
def test_event_agents_subject_of_a_to_clause(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject


@pytest.mark.parametrize(
    "text, under",
    [
        ("A Turkish convoy came under attack.", True),
        ("The journalist was placed under investigation.", True),
        ("Troops launched an attack under cover of darkness.", False),
        ("Police opened an investigation into the attack.", False),
    ],
)
def test_event_agents_undergone_act(nlp, text, under) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ in ("attack", "investigation"))
    assert event_agents.undergone(tok) is under
    # the verb the act hangs from is not its doer's
    assert (event_agents.noun_governor(tok) is None) is under


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # a gerund after a preposition: the verb's subject does it...
        ("Palestinian youths resorted to throwing stones.", "throwing", "youths"),
        ("The rebels succeeded in capturing the town.", "capturing", "rebels"),
        # ...unless the verb's object is the one it is said of
        ("Serbia charged Albania with supporting the rebels.", "supporting", "Albania"),
        ("Kenya accused Uganda of arming the militias.", "arming", "Uganda"),
    ],
)
def test_event_agents_subject_of_a_gerund_after_a_preposition(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # a subject pronoun of a reported clause is the speaker, when number agrees
        ("The rebels rejected the plan and said they opposed the deployment.", "opposed", "rebels"),
        ("Syria says it will withdraw its troops.", "withdraw", "Syria"),
        # a single speaker is not "they"
        ("Syria says they will withdraw their troops.", "withdraw", "they"),
    ],
)
def test_event_agents_pronoun_subject_of_reported_clause(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # an agentless passive names its author through the attack it happened in
        ("Two Turkish soldiers were killed in a PKK attack.", "killed", "PKK"),
        ("Three civilians were wounded in an Israeli air strike.", "wounded", "Israeli"),
        ("Two Turkish soldiers were killed in the fighting.", "killed", None),
        # a blast nobody is named for: where it went off stands for its author
        ("A local mayor was killed in a car bomb explosion in Kabul.", "killed", "Kabul"),
        ("Three soldiers were killed in a bomb explosion on Monday.", "killed", None),
        # the weapon's place may hang on the verb it is the agent of
        ("Two Dutch soldiers were killed by a roadside bomb outside of the Afghan city of Kandahar.", "killed", "city"),
        ("Two Dutch soldiers were killed by a roadside bomb on Monday.", "killed", "bomb"),
        # a plan's, offer's or decision's owner does what it is to do
        ("Washington's decision to withdraw troops angered Turkey.", "withdraw", "Washington"),
        ("Russia announced a plan to withdraw its troops.", "withdraw", "Russia"),
    ],
)
def test_event_agents_subject_from_attack_or_plan(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # a weapon no one is named for: the place it went off in stands for its author
        ("A roadside bomb near the town of Kandahar killed two soldiers.", "killed", "town"),
        ("Two soldiers were killed by a car bomb in Baghdad.", "killed", "Baghdad"),
        # a weapon with a named owner keeps it
        ("A Russian missile near Kyiv killed three civilians.", "killed", "missile"),
        ("A roadside bomb killed two soldiers.", "killed", "bomb"),
    ],
)
def test_event_agents_weapon_place_stands_for_its_author(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # a finite verb the parser hung on a verbless sentence's subject
        ("A Kenyan newspaper called on Africans to unite against Uganda.", "called", "newspaper"),
        # a true reduced relative keeps no subject of its own
        ("The man called John said nothing.", "called", None),
    ],
)
def test_event_agents_subject_of_a_misparsed_main_verb(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    assert subject_of(nlp, text, verb) == subject
