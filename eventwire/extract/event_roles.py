"""Role finding: the source and target actors of a candidate event.

``find_roles`` gives a candidate its (source, target). A verbal trigger's
source is its subject (or passive agent), a nominal one's the "by" phrase, a
possessive, a nationality or the verb it is the object of; the target is the
first actor other than the source among the objects, the target
prepositions of the type, the subjects of a content clause, the authors of
an act named as the object, the aim of a protest's purpose, and at last a
name inside the object phrase. The parse-level pieces are in
``event_agents`` (who acts), ``event_targets`` (what the act bears on) and
``event_actors`` (which actor a phrase denotes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..records import Actor
from .event_actors import actor_of, companion_tokens, country_keys, joined, same_actor
from .event_agents import detached, is_thing, noun_governor, noun_source_tokens, subject_token
from .event_candidate import Candidate
from .event_gate import gate_words
from .event_targets import (
    clause_subjects,
    from_placed_thing,
    has_agent,
    object_tokens,
    owner_tokens,
    placed_only,
    prep_objects,
    purpose_clauses,
)
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .actors import DocumentActors


def reporter_of(tok: Token, lex: Lexicon) -> Token | None:
    """Subject of the reporting verb whose complement ``tok``'s clause is, if any."""
    clause = tok
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.lemma_ in lex.cues["reporting_verbs"]:
            return next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if clause.dep_ not in ("xcomp", "acomp", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
    return None


def fallback_source(cand: Candidate, actors: DocumentActors, lex: Lexicon) -> Actor | None:
    """The uncoded actor of a verbal trigger's subject, for acts that crowds and
    armed groups do ("thousands of students protested", "gunmen attacked")."""
    if cand.sense.type not in lex.group_types:
        return None
    head = noun_governor(cand.token) if cand.kind == "noun" else cand.token
    if head is None:
        return None
    subj = subject_token(head)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") and not crowd_number(subj):
        return None
    actor = actor_of(actors, subj, coded=False)
    if actor is None and subj.lemma_.lower() in gate_words().quantity_nouns:
        # the resolver has no actor for a bare number ("thousands marched"): the crowd, uncoded
        actor = Actor(text=subj.text, start=subj.idx, end=subj.idx + len(subj.text))
    return actor


def crowd_number(tok: Token) -> bool:
    """True for a number standing for a crowd ("thousands marched")."""
    return tok.pos_ == "NUM" and tok.lemma_.lower() in gate_words().quantity_nouns


def verb_targets(verb: Token, preps: dict[str, int]) -> list[Token]:
    """Target candidates of a verb: its objects, their prepositional phrases, its own."""
    out = [o for o in object_tokens(verb) if not detached(verb, o)]
    for obj in list(out):
        out += [t for _, t in sorted(prep_objects(obj, preps), key=lambda x: x[0])]
    out += [t for _, t in sorted(prep_objects(verb, preps), key=lambda x: x[0])]
    return out


def condition_subjects(verb: Token, lex: Lexicon) -> list[Token]:
    """Subjects of "if"/"unless" clauses under ``verb``."""
    marks = lex.cues["conditional_marks"]
    out = []
    for clause in verb.children:
        if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in clause.children):
            out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return out


def find_roles(cand: Candidate, actors: DocumentActors, lex: Lexicon) -> tuple[Actor | None, Actor | None]:
    """Return (source, target) actors of a candidate from the parse."""
    tok = cand.token
    preps = lex.type_prep_ranks.get(cand.sense.type, lex.prep_ranks)
    source: Actor | None = None
    targets: list[Token] = list(cand.target_tokens)
    if cand.kind == "noun":
        gov = noun_governor(tok)
        sources = noun_source_tokens(tok)
        if cand.sense.type in lex.content_types or cand.sense.type == "AID":
            # "demands from Shona rebels", "an offer from Afghanistan", "assistance from Japan"
            n_by = len(prep_objects(tok, {"by": 0}))
            sources[n_by:n_by] = [t for _, t in prep_objects(tok, {"from": 0})]
        for s in sources:
            source = actor_of(actors, s)
            if source is not None:
                break
        if source is None and gov is not None:
            subj = subject_token(gov)
            report = reporter_of(gov, lex) if subj is not None and subj.pos_ == "PRON" else None
            if report is not None:
                source = actor_of(actors, report)
        # "a summit in Brussels": after a noun, "in" gives the place, not a target
        noun_preps = {p: r for p, r in preps.items() if p != "in" and (p != "of" or source is not None)}
        ranked = prep_objects(tok, noun_preps)
        if tok.dep_ == "compound":
            # "a mediation effort between X and Y"
            ranked += prep_objects(tok.head, noun_preps)
        if gov is not None and (gov.lemma_ in lex.light_verbs or gov.lemma_ not in lex.verbs):
            # "staged rallies in Gaza against the leader": one ranking for both heads
            ranked += prep_objects(gov, preps)
        if source is None:
            of_objs = [t for r, t in prep_objects(tok, {"of": 0})]
            for t in of_objs:
                source = actor_of(actors, t)
                if source is not None:
                    break
        if cand.sense.type in lex.content_types:
            # "its demand that Israel ease...": the one asked comes first
            targets += clause_subjects(tok, gov)
        targets += [t for _, t in sorted(ranked, key=lambda x: x[0])]
        if gov is not None and (gov.lemma_ in lex.light_verbs or gov.lemma_ not in lex.verbs):
            targets += [c for c in gov.children if c.dep_ in ("dative", "iobj")]
    else:
        head = tok
        if cand.kind == "adj" and tok.dep_ == "acomp":
            head = tok.head
        subj = subject_token(head)
        source = actor_of(actors, subj)
        if source is not None and subj is not None:
            source = joined(actors, source, companion_tokens(head, subj, lex.cues["companion_heads"]))
        if source is None and subj is not None and head.dep_ == "acl" and is_thing(subj):
            # "issued a declaration demanding that...": who issued it
            gov = noun_governor(subj)
            if gov is not None:
                source = actor_of(actors, subject_token(gov))
        if source is None and subj is not None and subj.pos_ == "PRON":
            # "Syria says it is willing...": the pronoun is the reporter
            report = reporter_of(head, lex)
            if report is not None:
                source = actor_of(actors, report)
        targets += verb_targets(tok, preps)
        if cand.sense.type in lex.content_types:
            for comp in tok.children:
                if comp.dep_ == "ccomp":
                    targets += [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            # "demanded an admission by Moscow": the one asked is the object's agent
            for obj in object_tokens(tok):
                targets += [t for _, t in prep_objects(obj, {"by": 0})]
    if cand.sense.type == "THREATEN":
        # "...unless Israel rescinded its annexation": the one threatened
        targets += condition_subjects(tok, lex)
    for inner in cand.content:
        if inner.kind == "noun":
            # "rejected French mediation", "rejected calls by X": whose act it is
            targets += [t for t in noun_source_tokens(inner.token)[:3] if t.i != tok.i]
            targets += [t for _, t in sorted(prep_objects(inner.token, preps), key=lambda x: x[0])]
        else:
            targets += verb_targets(inner.token, preps)
        if cand.sense.type == "THREATEN":
            targets += condition_subjects(inner.token, lex)
    if source is None and cand.parent is not None:
        # "X denied claims of arms deals": the deals are X's; "accused Y of
        # attacking": the attack is Y's.
        parent = cand.parent.token
        if cand.parent.sense.type == "ACCUSE":
            objs = object_tokens(parent)
            source = actor_of(actors, objs[0]) if objs else None
        else:
            source = actor_of(actors, subject_token(parent))
    if cand.sense.type in lex.purpose_types:
        targets += stance_targets(cand, lex)
    target = pick_target(cand, targets, actors, source, lex)
    if target is None:
        target = deep_target(cand, actors, source, lex)
        if target is not None and own_party(cand, source, target, lex):
            target = None
    return source, target


def own_party(cand: Candidate, source: Actor | None, target: Actor, lex: Lexicon) -> bool:
    """True when ``target`` is one of the parties of a mutual act's compound source
    ("Hungarian and Romanian officials agreed to help Romanian refugees")."""
    if source is None or cand.sense.type not in lex.symmetric_types or len(source.members) < 2:
        return False
    return country_keys(target) <= country_keys(source)


def stance_targets(cand: Candidate, lex: Lexicon) -> list[Token]:
    """Whom a protest is aimed at, from its purpose clause or stance phrase.

    "staged rallies to demand reforms by the government", "blocked a road to
    show their disapproval of the United States' policies", "went on strike in
    protest against the arrests": the target is named in the purpose, not as
    an object of the act.
    """
    tok = cand.token
    heads = [tok]
    gov = noun_governor(tok) if cand.kind == "noun" else None
    if gov is not None:
        heads.append(gov)
    preps = lex.type_prep_ranks.get(cand.sense.type, lex.prep_ranks)
    out: list[Token] = []
    for head in heads:
        for clause in purpose_clauses(head):
            out += verb_targets(clause, preps)
        for prep in head.children:
            if prep.dep_ == "prep":
                out += [g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in lex.cues["stance_nouns"]]
    return out


def pick_target(
    cand: Candidate, targets: list[Token], actors: DocumentActors, source: Actor | None, lex: Lexicon
) -> Actor | None:
    """The first target candidate that is an actor other than the source.

    A candidate naming a thing ("violations by X", "in protest against X")
    is followed by its author or whom it is aimed at. The trigger's own words
    ("declared a ceasefire") are not targets; nor, for a mutual act of a
    compound source ("Hungarian and Romanian officials agreed..."), is one of
    the source's own parties.
    """
    skip = {cand.token.i, *cand.absorbed}
    stance = lex.cues["stance_nouns"]
    seen: set[int] = set()
    deferred: set[int] = set()
    queue = list(targets)
    depth = {t.i: 0 for t in queue}
    while queue:
        t = queue.pop(0)
        if t.i in seen or t.i in skip:
            continue
        if t.i not in deferred and depth[t.i] < 2 and is_thing(t) and (t.lemma_.lower() in lex.nouns or has_agent(t)):
            # an act ("condemned an attack by X in Y"): its author before
            # whatever names the whole phrase (the place's country)
            owners = [o for o in owner_tokens(t, stance, act=t.lemma_.lower() in lex.nouns) if o.i not in seen]
            if owners:
                deferred.add(t.i)
                for o in owners:
                    depth.setdefault(o.i, depth[t.i] + 1)
                queue[0:0] = [*owners, t]
                continue
        seen.add(t.i)
        # "launched on a rocket from Vandenberg": where a thing comes from is no party
        target = actor_of(actors, t, exclude=source)
        origin = lex.cues["origin_preps"]
        if target is not None and not target.sector and (
            placed_only(t, origin) or from_placed_thing(t, origin, lex.cues["locative_preps"])
        ):
            target = None
        if target is not None and not own_party(cand, source, target, lex):
            return target
        if target is None and is_thing(t) and depth[t.i] < 2:
            owners = [o for o in owner_tokens(t, stance, act=t.lemma_.lower() in lex.nouns) if o.i not in depth]
            for o in owners:
                depth[o.i] = depth[t.i] + 1
            queue[0:0] = owners
    return None


def deep_target(cand: Candidate, actors: DocumentActors, source: Actor | None, lex: Lexicon) -> Actor | None:
    """A named actor inside the trigger's object phrase, when no role gave one.

    "shortened the curfew imposed in Sudan", "rejected an invitation to a
    meeting of Palestinian factions": the act bears on what the object is
    about. Only names (countries, organisations, nationalities) count.
    """
    tok = cand.token
    heads = [c for c in tok.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp") and not detached(tok, c)] if cand.kind != "noun" else []
    for inner in cand.content:
        heads.append(inner.token)
    # "cordoned off the roads leading into Gaza": the phrase's own object
    heads += [tok.doc[i] for i in sorted(cand.absorbed) if tok.doc[i].dep_ == "pobj"]
    origin = lex.cues["origin_preps"]
    for head in heads:
        # "on a rocket from Vandenberg": where a thing comes from is no party
        away = {g.i for t in head.subtree if t.dep_ == "prep" and t.lower_ in origin and is_thing(t.head) for g in t.subtree}
        for t in head.subtree:
            if t.i in away and t.ent_type_ in ("GPE", "LOC", "FAC"):
                continue
            if t.ent_type_ in ("GPE", "NORP", "ORG") and t.dep_ != "compound" and (t.i == t.head.i or t.head.ent_type_ != t.ent_type_):
                actor = actor_of(actors, t, exclude=source)
                if actor is not None and not (source is not None and same_actor(actor, source)):
                    return actor
    return None
