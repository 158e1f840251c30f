"""Source and target from the parse (own sentences)."""

from __future__ import annotations

import pytest

from eventwire.extract import event_constructions as constructions
from eventwire.extract import event_roles as roles
from eventwire.records import Actor

from .event_helpers import countries, only


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
def test_event_roles_subject_of_a_to_clause(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert subj is not None and subj.text == subject


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
def test_event_roles_stray_by_names_the_object_author(nlp, text, noun, agents) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == noun)
    # wherever the parser hangs "by", the object's owners include its author
    assert [t.text for t in roles.owner_tokens(tok, frozenset())] == agents
    assert roles.has_agent(tok) is bool(agents)


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
    "text, under",
    [
        ("A Turkish convoy came under attack.", True),
        ("The journalist was placed under investigation.", True),
        ("Troops launched an attack under cover of darkness.", False),
        ("Police opened an investigation into the attack.", False),
    ],
)
def test_event_roles_undergone_act(nlp, text, under) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ in ("attack", "investigation"))
    assert roles.undergone(tok) is under
    # the verb the act hangs from is not its doer's
    assert (roles.noun_governor(tok) is None) is under


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
def test_event_roles_subject_of_a_gerund_after_a_preposition(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert subj is not None and subj.text == subject


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
def test_event_roles_owner_of_a_thing_from_its_participle(nlp, text, noun, owners) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == noun)
    assert [t.text for t in roles.owner_tokens(tok, frozenset())] == owners


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
def test_event_roles_same_actor_pronoun(a, b, same) -> None:  # type: ignore[no-untyped-def]
    assert roles.same_actor(a, b) is same


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
def test_event_roles_pronoun_subject_of_reported_clause(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert subj is not None and subj.text == subject


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
def test_event_roles_subject_from_attack_or_plan(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert (subj.text if subj is not None else None) == subject


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
def test_event_roles_weapon_place_stands_for_its_author(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert subj is not None and subj.text == subject


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        # a finite verb the parser hung on a verbless sentence's subject
        ("A Kenyan newspaper called on Africans to unite against Uganda.", "called", "newspaper"),
        # a true reduced relative keeps no subject of its own
        ("The man called John said nothing.", "called", None),
    ],
)
def test_event_roles_subject_of_a_misparsed_main_verb(nlp, text, verb, subject) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == verb)
    subj = roles.subject_token(tok)
    assert (subj.text if subj is not None else None) == subject


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
