"""PLOVER events: who did what to whom, when and where, with status and evidence.

``find_events`` is the whole flow, sentence by sentence:

1. candidates (``event_triggers``): verbs, nouns, predicative adjectives and
   two-word phrases from the lexicon, and the events only a construction
   signals ("X said Y must Z" is a REQUEST; ``event_constructions``), folded
   where one is the content of another ("agreed to cooperate" is one AGREE;
   "threatened to cut ties" one THREATEN) and thinned to the acts the
   sentence reports (``event_selection``);
2. roles (``event_roles``): each candidate's source and target actors;
3. ``build_event``: status and attribution (``event_status``), date, place
   and a confidence (``event_selection``);
4. one event per trigger and per action (``event_selection.dedupe``);
5. the raw confidence made a probability (``event_calibration``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Actor, Event, EventDate, Location, Place, Span, Timex
from .event_actors import actor_of, clean_phrase, country_keys, same_actor, with_listed_members
from .event_agents import agent_token, is_passive, noun_governor, subject_token
from .event_calibration import calibrate as calibrated
from .event_candidate import Candidate
from .event_gate import passes
from .event_roles import fallback_source, find_roles
from .event_selection import confidence, dedupe, main_events
from .event_status import attribution_token, find_status
from .event_triggers import sentence_candidates
from .lexicon import Lexicon, Sense, load, quad_class

if TYPE_CHECKING:
    from .actors import DocumentActors


def find_events(
    doc: Doc,
    actors: DocumentActors,
    timexes: list[Timex],
    places: list[Place],
    *,
    anchor: str | None,
    dateline_place: Place | None = None,
    calibrate: bool = True,
    lexicon: Lexicon | None = None,
    relevance: float | None = None,
) -> list[Event]:
    """PLOVER events in doc (records.Event).

    Args:
        doc: the parsed document.
        actors: the document's actor resolver (``actors.document``).
        timexes: the document's time expressions, for event dates.
        places: the document's places, for event locations.
        anchor: the document date (ISO), for relative dates and "background".
        dateline_place: the dateline's place, the default event location.
        calibrate: give each event the calibrated probability, not the raw score, as its confidence.
        lexicon: the compiled lexicon, a user's triggers added (``lexicon.load(verbs_file)``); default the shipped one.
        relevance: the document's relevance (``relevance.document_relevance``), for the actor gate.

    Returns:
        Events in text order.
    """
    lex = lexicon or load()
    actors = CachedActors(actors)  # type: ignore[assignment]
    events: list[Event] = []
    for sent in doc.sents:
        built = []
        for cand in sentence_candidates(sent, lex):
            event = build_event(cand, sent, actors, timexes, places, lex, anchor=anchor, dateline_place=dateline_place)
            if event is not None and passes(event.source, event.target, doc, actors.actors.kb,
                                                crowds=event.type in lex.group_types, relevance=relevance):
                built += [(cand, e) for e in each_way(event, cand, lex)]
        events += main_events(built)
    # dedupe ranks by the raw score; the map is applied once, to what stays
    kept = dedupe(events)
    return calibrated(kept) if calibrate else kept


class CachedActors:
    """Memoises ``actor_for_token`` per token: roles ask about the same heads often."""

    def __init__(self, actors: DocumentActors) -> None:
        self.actors = actors
        self.cache: dict[int, Actor | None] = {}

    def actor_for_token(self, token: Token) -> Actor | None:
        """The actor of the phrase headed by ``token`` (cached)."""
        if token.i not in self.cache:
            actor = self.actors.actor_for_token(token)
            if actor is not None and not actor.members:
                actor = with_listed_members(self.actors, token, actor)
            self.cache[token.i] = clean_phrase(actor) if actor is not None else None
        return self.cache[token.i]


def build_event(
    cand: Candidate,
    sent: SpacySpan,
    actors: DocumentActors,
    timexes: list[Timex],
    places: list[Place],
    lex: Lexicon,
    *,
    anchor: str | None,
    dateline_place: Place | None,
) -> Event | None:
    """Turn a candidate into an Event, or None when it has no actor at all."""
    from .places import event_location
    from .timex import event_date

    source, target = find_roles(cand, actors, lex)
    group = fallback_source(cand, actors, lex) if source is None else None
    if source is None and target is None:
        # an uncoded group ("students", "workers") still makes a PROTEST or
        # ASSAULT worth reporting, with a weaker confidence
        source, group = group, None
        if source is None:
            return None
    tok = cand.token
    if cand.kind == "verb" and not cand.phrase and tok.lemma_.lower() in lex.actor_object_verbs and not acts_on_actor(tok, actors, lex):
        # "they charge differently for power", "interrogates the imperative"
        return None
    status = find_status(tok, lex, anchor=anchor)
    if cand.intent:
        status = "negated" if status == "negated" else "asserted"
    ready = readying(tok, lex) if cand.sense.type == "ASSAULT" else None
    if ready is not None:
        # "the army prepared to resume shelling": the readiness is what happened, not the attack
        cand.sense = Sense("MOBILIZE", "troops", lex.readiness_cameo, cand.sense.weight)
        status = find_status(ready, lex, anchor=anchor)
    recode(cand, status, source, target, lex)
    if cand.sense.type in lex.counterpart_types and cand.sense.mode != "multilateral" and target is None and (
        source is None or len(country_keys(source)) < 2
    ):
        # "the cabinet met on Sunday": no counterpart, no mutual act (a summit
        # is many-sided: "Macron will attend a summit on Niger")
        return None
    if cand.sense.type == "REJECT" and status == "negated" and cand.kind != "noun":
        status = "asserted"
    if cand.derived and status == "asserted":
        status = "alleged"
    date: EventDate | None = event_date(tok, own_timexes(tok, sent, timexes), anchor=anchor, status=status)
    if status == "asserted" and date is not None:
        background = find_status(tok, lex, event_date=date.value, anchor=anchor)
        if background == "background":
            status = background
    location: Location | None = event_location(tok, places, dateline_place=dateline_place)
    score = confidence(cand, source, target, status)
    if source is None and cand.sense.type in lex.place_source_types and location is not None and location.country:
        if agentless(cand, lex) and not inside_actor(location, places, target):
            # CAMEO practice for violence nobody is named for ("a car bomb
            # killed three soldiers in Basra"): the country where it happened
            source = Actor(text=location.name, code=location.country, country=location.country)
    if source is None:
        # "protesters gathered outside the US embassy": who, though uncoded
        source = group
    attr_tok, report_verb = attribution_token(tok, lex, sent)
    attributed = actor_of(actors, attr_tok)
    if attributed is None and cand.parent is not None:
        # "condemned what they say is...", "accused X of...": the claim is the
        # condemners', the accusers'
        attributed = actor_of(actors, subject_token(cand.parent.token))
    if status == "asserted" and report_verb is not None and report_verb.lemma_ in lex.cues["alleging_verbs"]:
        if attributed is None or source is None or not same_actor(attributed, source):
            status = "alleged"
    sense = cand.sense
    cameo = sense.cameo
    text = tok.doc.text
    return Event(
        type=sense.type,
        mode=sense.mode,
        cameo=cameo,
        source=source,
        target=target,
        date=date,
        location=location,
        status=status,
        attributed_to=attributed,
        trigger=Span(tok.text, tok.idx, tok.idx + len(tok.text)),
        sentence=Span(text[sent.start_char : sent.end_char], sent.start_char, sent.end_char),
        confidence=score,
        goldstein=lex.score(sense.type, sense.mode),
        quad=quad_class(cameo),
    )


def each_way(event: Event, cand: Candidate, lex: Lexicon) -> list[Event]:
    """A reciprocal act as one event each way, else the event itself.

    "France and Rwanda traded accusations", "the two sides accused each
    other": each party is the source of one event and the target of the other.
    "France and Rwanda renewed their ties": what they share, one event marked
    ``reciprocal`` (PLOVER's compound actor with no recipient).
    """
    source = event.source
    if event.target is not None or source is None or len(source.members) != 2:
        return [event]
    if cand.kind == "verb":
        if event.type not in lex.symmetric_types and shared_object(cand.token, lex):
            # one event, as PLOVER codes it, marked for dyadic readers
            return [replace(event, reciprocal=True)]
        reciprocal = any(each_other(c) for c in cand.token.subtree)
    else:
        gov = noun_governor(cand.token)
        reciprocal = gov is not None and gov.lemma_.lower() in lex.cues["reciprocal_verbs"]
    if not reciprocal:
        return [event]
    a, b = source.members
    return [replace(event, source=a, target=b), replace(event, source=b, target=a)]


def shared_object(verb: Token, lex: Lexicon) -> bool:
    """True when a verb acts on what its parties share, owned by no one else:
    "X and Y postponed their meeting", "renewed diplomatic ties" (not "X and Y
    suspended Iran's talks"). Mutual types (a meeting) are already each way."""
    for obj in verb.children:
        if obj.dep_ in ("dobj", "obj") and obj.lemma_.lower() in lex.cues["mutual_objects"]:
            owners = [c for c in obj.children if c.dep_ == "poss"]
            return all(o.lower_ == "their" for o in owners)
    return False


def each_other(tok: Token) -> bool:
    """True for the object "each other" or "one another"."""
    return tok.dep_ in ("dobj", "pobj") and tok.lower_ in ("other", "another") and any(
        d.lower_ in ("each", "one") for d in tok.children
    )


def acts_on_actor(verb: Token, actors: DocumentActors, lex: Lexicon) -> bool:
    """True when a verb acts on a person or group: its object (or passive
    subject) is a pronoun, a name, a people noun or a noun the actor resolver
    knows, or it has a "with" phrase ("was charged with murder")."""
    if any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children):
        return True
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.lemma_.lower() in lex.cues["helping_verbs"]:
        # "helped Iraq rebuild its army": the one helped is the complement's subject
        objs += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp") for g in c.children if g.dep_ == "nsubj"]
    return any(
        o.pos_ != "NOUN" or set(lex.word_classes.get(o.lemma_.lower(), ())) & lex.people_classes or people(actors.actor_for_token(o))
        for o in objs
    )


def people(actor: Actor | None) -> bool:
    """True for an actor that is people (a sector or a list), not a thing a
    nationality modifies ("the Kenyan projects")."""
    return actor is not None and bool(actor.sector or actor.members)


def own_timexes(tok: Token, sent: SpacySpan, timexes: list[Timex]) -> list[Timex]:
    """The sentence's time expressions less those inside a relative clause the trigger is not in.

    "The rebels, who have fought the government since 2011, attacked...":
    the date describes the rebels, not the attack.
    """
    doc = tok.doc
    out = []
    for t in timexes:
        if sent.start_char <= t.start < sent.end_char:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None and in_other_relative(span.root, tok):
                continue
        out.append(t)
    return out


def in_other_relative(word: Token, trigger: Token) -> bool:
    """True when ``word`` sits in a relative clause that does not hold ``trigger``."""
    for anc in [word, *word.ancestors]:
        if anc.i == trigger.i or anc.is_ancestor(trigger):
            return False
        if anc.dep_ in ("relcl", "acl"):
            return True
    return False


def inside_actor(location: Location, places: list[Place], actor: Actor | None) -> bool:
    """True when the event's place is a word of an actor's phrase ("one U.S. soldier")."""
    if actor is None or actor.start is None or actor.end is None:
        return False
    return any(p.name == location.name and actor.start <= p.start < actor.end for p in places)


def agentless(cand: Candidate, lex: Lexicon) -> bool:
    """True when no one is named as doing the act: a passive without "by", or
    a subject that is a weapon or a blast ("a roadside bomb killed")."""
    head = cand.token
    if cand.kind == "noun":
        gov = noun_governor(head)
        if gov is None:
            return True
        head = gov
    subj = subject_token(head)
    if subj is None:
        return not any(c.dep_ == "nsubj" for c in head.children)
    return subj.lemma_.lower() in lex.cues["weapon_nouns"] or (
        is_passive(head) and agent_token(head) is None and subj.dep_ == "nsubjpass" and subj.head.i == head.i
    )


def recode(cand: Candidate, status: str, source: Actor | None, target: Actor | None, lex: Lexicon) -> None:
    """Adjust a candidate's sense to what its status and object make of it.

    A refused or failed agreement ("would not meet demands", "failed to reach
    agreement") is a REJECT; a conflictual act its actor makes conditional
    ("may halt mediation if...") is a THREATEN; "welcomed the plan" (a thing,
    not an actor) is SUPPORT, not hosting; a politician's "attack" on
    another is an accusation (``verbal_attack``).
    """
    sense = cand.sense
    if status == "planned" and sense.type in lex.future_agree and future_tense(cand.token, lex):
        # PLOVER: cooperative acts reported in the future tense are intentions
        cand.sense = Sense("AGREE", None, lex.intent_cameo.get(sense.type, lex.default_cameo["AGREE"]), sense.weight)
        return
    if status == "negated" and sense.type == "AGREE":
        cand.sense = Sense("REJECT", None, lex.default_cameo["REJECT"], sense.weight)
    elif status == "hypothetical" and lex.future_intent.get(sense.type) == "THREATEN" and conditional(cand.token, lex):
        mode = lex.content_modes["THREATEN"].get(sense.type)
        cand.sense = Sense("THREATEN", mode, lex.default_cameo["THREATEN"], sense.weight)
    elif cand.kind == "verb" and not cand.phrase and cand.token.lemma_ in lex.without_actor_object:
        obj = next((c for c in cand.token.children if c.dep_ in ("dobj", "obj")), None)
        if obj is not None and obj.pos_ != "PROPN" and obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            cand.sense = lex.without_actor_object[cand.token.lemma_]
    elif sense.type == "ASSAULT" and verbal_attack(cand, source, target, lex):
        cand.sense = Sense("ACCUSE", "disapprove", lex.default_cameo["ACCUSE"], sense.weight)


def verbal_attack(cand: Candidate, source: Actor | None, target: Actor | None, lex: Lexicon) -> bool:
    """True when an "attack" or "clash" is one of words: a politician's on another
    ("Mr Kennedy attacked Mr Blair", "ministers clashed with the unions") with no
    armed side and no weapon in the sentence, not "troops attacked" or "gunmen
    attacked the minister"."""
    if cand.token.lemma_.lower() not in lex.cues["verbal_attack_verbs"] or source is None:
        return False
    sides = [a for a in (source, target) if a is not None]
    sectors = {m.sector for a in sides for m in (a.members or (a,))}
    if sectors & lex.cues["armed_sectors"] or not sectors & lex.cues["speaking_sectors"]:
        return False
    return not any(t.i != cand.token.i and t.lemma_.lower() in lex.cues["weapon_nouns"] for t in cand.token.sent)


def readying(tok: Token, lex: Lexicon) -> Token | None:
    """The verb of getting ready whose complement a trigger is, if any
    ("prepared to resume shelling", "troops poised to storm the city")."""
    for _ in range(3):
        if tok.dep_ not in ("xcomp", "acl") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.lemma_.lower() in lex.cues["readiness_governors"]:
            return tok
    return None


def future_tense(tok: Token, lex: Lexicon) -> bool:
    """True when the trigger (or the verb its noun is the object of) has will/shall."""
    heads = [tok]
    gov = noun_governor(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if gov is not None:
        heads.append(gov)
    return any(c.dep_ == "aux" and c.lower_ in lex.cues["future_modals"] for h in heads for c in h.children)


def conditional(tok: Token, lex: Lexicon) -> bool:
    """True when a modal verb's clause carries an "if"/"unless" condition."""
    marks = lex.cues["conditional_marks"]
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) for c in tok.children
    )


