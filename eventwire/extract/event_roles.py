"""Who did it and to whom: source and target of an event trigger from the parse.

Roles come from dependency relations, not word order: the active subject or
the passive agent ("by") is the source; the object, the passive subject or a
target preposition ("talks with", "aid to", "sanctions on") is the target.
Nominal triggers take their source from "by", a possessive, a nationality
modifier or the verb they are the object of ("Italy announced a suspension"),
unless that verb's subject undergoes the act ("came under attack", "faces
sanctions") or only set it off ("the arrest sparked protests").

The word lists these rules read (verbs of purpose and of undergoing,
prepositions of control, words of manner after "by"...) are in
``data/events/roles.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import yaml
from spacy.tokens import Token

from ..records import Actor

ROLE_WORDS = Path(__file__).resolve().parent.parent / "data" / "events" / "roles.yaml"

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "obj", "dative", "iobj", "attr"}
# Participles that describe their subject's part in an act ("were engaged in
# fighting", "is involved in attacks"): the subject is the act's agent.
STATE_PARTICIPLES = frozenset({"engage", "involve", "embroil", "implicate"})
# Clauses that share the subject of the verb they hang from. A predicative
# adjective or participle passes the copula's subject down to its complement
# ("X is about to restore ties", "X is likely to attack", "X seems ready to talk").
CONTROLLED = {"xcomp", "conj", "advcl", "pcomp", "acomp", "oprd"}


@functools.lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/events/roles.yaml`` (lemmas), by name."""
    with open(ROLE_WORDS, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return {k: frozenset(str(w) for w in v) for k, v in data.items()}


class ActorLookup(Protocol):
    """The part of ``DocumentActors`` the roles need."""

    def actor_for_token(self, token: Token) -> Actor | None: ...


def is_passive(verb: Token) -> bool:
    """Return True if the verb is in the passive voice ("was visited")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def subject_token(verb: Token) -> Token | None:
    """Return the token heading the logical subject (agent) of a verb.

    Climbs through controlled clauses ("agreed to cooperate", "opened fire,
    killing one"), gerunds after a preposition ("resorted to throwing") and
    relative clauses to find an omitted subject; a plan's infinitive takes
    the plan's owner ("Washington's decision to withdraw"), an agentless
    passive the author of the attack it names ("killed in a PKK attack"),
    and a reported "it"/"they" the speaker ("Syria says it will withdraw").

    Args:
        verb: a verb (or predicative adjective) token.

    Returns:
        The head token of the agent phrase, or None.
    """
    participle = participle_agent(verb)
    if participle is not None:
        # "Backed by Iran, the rebels...": the "by" phrase acts
        return weapon_place(participle, verb) or participle
    tok: Token | None = verb
    for step in range(6):
        if tok is None:
            return None
        if is_passive(tok):
            if step == 0 or verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
                # "were killed or wounded by...": the second participle shares the agent;
                # "were killed in a PKK attack": the attack's author
                agent = agent_token(tok)
                return weapon_place(agent, tok) or agent or attack_author(tok)
            # "was indicted ... and will resign": the passive subject resigns
            return next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ == "WDT" or child.lower_ in ("who", "which", "that"):
                    return tok.head if tok.dep_ == "relcl" else None
                return reported_speaker(tok, child) or weapon_place(child) or child
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            # "Washington's decision to withdraw", "a plan by Iran to enrich": the
            # owner of the plan; "Russia announced a plan to withdraw": its announcer
            owner = next(iter(plan_owners(tok.head)), None)
            if owner is not None:
                return owner
            gov = noun_governor(tok.head)
            if gov is None:
                return None
            tok = gov
            continue
        if tok.dep_ == "relcl":
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBD" and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "A Kenyan newspaper called on Africans to unite": a finite verb the
            # parser hung on a verbless sentence's subject as if it were a modifier
            return tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG":
            return tok.head
        if tok.dep_ in CONTROLLED and tok.head.i != tok.i:
            # "urged Iran to stop": the object controls the complement;
            # "summoned the envoy to complain": the summoner complains.
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in role_words()["purpose_subject_verbs"]:
                obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj") and not detached(tok.head, c)), None)
                if obj is not None:
                    return obj
            tok = tok.head
            continue
        if tok.dep_ == "prep" and step > 0 and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            # "resorted to throwing stones", "succeeded in capturing": the
            # verb's subject; "accused Y of attacking", "stopped Y from
            # entering": its object
            if tok.lower_ in role_words()["object_control_preps"]:
                obj = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return obj
            tok = tok.head
            continue
        return None
    return None


def participle_agent(verb: Token) -> Token | None:
    """The "by" agent of an opening participle clause with no subject of its own, or None.

    "Backed by Iran, the rebels attacked": the participle is a passive whose
    subject is the main clause's, so its agent is the one who acts. (A
    participle after a noun, "crimes committed by X", is left to the noun.)
    """
    if verb.tag_ != "VBN" or verb.dep_ != "advcl" or is_passive(verb):
        return None
    if any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    return agent_token(verb)


def participle_undergoer(verb: Token) -> Token | None:
    """Whom an opening participle clause with a "by" agent is said of: the
    subject of the clause it opens ("Backed by Iran, the rebels attacked"), or None."""
    if participle_agent(verb) is None:
        return None
    return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def agent_token(verb: Token) -> Token | None:
    """Return the pobj of a passive verb's "by" agent phrase, or None."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def object_tokens(verb: Token) -> list[Token]:
    """Return the target candidates a verb governs directly, best first."""
    if is_passive(verb):
        return [c for c in verb.children if c.dep_ == "nsubjpass"]
    return [c for c in verb.children if c.dep_ in OBJECTS]


def prep_objects(head: Token, preps: dict[str, int]) -> list[tuple[int, Token]]:
    """Return (rank, pobj) for target prepositions under ``head``.

    Args:
        head: the verb or noun whose prepositional phrases are searched.
        preps: preposition -> rank (lower is better).

    Returns:
        Ranked objects of the prepositions found.
    """
    out = []
    for child in head.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    out.append((preps[child.lower_], pobj))
    return out


def noun_source_tokens(noun: Token) -> list[Token]:
    """Return source candidates of a nominal trigger, best first.

    "the supply of arms by North Korea", "Russia's attack", "Israeli air raids",
    "Italy announced a suspension of air links".
    """
    out = []
    # "an assassination attempt by X", "X's assassination attempt": the
    # phrase a modifying trigger heads names the author too
    heads = [noun, noun.head] if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else [noun]
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                out.extend(c for c in child.children if c.dep_ == "pobj")
    out.extend(c for h in heads for c in h.children if c.dep_ == "poss")
    out.extend(c for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i)
    if undergone(noun):
        # "was placed under arrest by the police": the verb's agent
        out.extend(t for t in [agent_token(noun.head.head)] if t is not None)
    out.extend(of_agents(noun))
    governor = noun_governor(noun)
    if governor is not None:
        subj = subject_token(governor)
        if subj is not None:
            out.append(subj)
        elif is_passive(governor) and noun.dep_ == "pobj" and governor.lemma_ in STATE_PARTICIPLES:
            # "Serb forces were engaged in ethnic cleansing": a state, not a passive act
            out.extend(c for c in governor.children if c.dep_ == "nsubjpass")
    return out


def noun_governor(noun: Token) -> Token | None:
    """Return the verb a nominal trigger is the object of, if any.

    Follows "suspension of links" style chains only one preposition deep.
    """
    tok = noun
    if undergone(tok) or cause_of(noun) is not None:
        # "came under attack": the subject undergoes the act, it does not do it;
        # "the arrest sparked protests": the arrest did not protest
        return None
    if tok.dep_ in ("conj", "compound"):
        tok = tok.head
    # "gave 5 million dollars of aid": the aid is what was given
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head
    if tok.dep_ in ("dobj", "obj", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        return tok.head.head
    return None


def actor_of(
    actors: ActorLookup, token: Token | None, exclude: Actor | None = None, *, coded: bool = True
) -> Actor | None:
    """Return the actor the phrase headed by ``token`` denotes, unless it is ``exclude``.

    Args:
        actors: the document's actor lookup.
        token: head of the phrase, or None.
        exclude: an actor already used in another role.
        coded: if True, an actor without a code, country or members counts as none
            ("its troops"), so the search for a role goes on to the next candidate.

    Returns:
        The Actor or None.
    """
    if token is None:
        return None
    facility = facility_site(token)
    if facility is not None and any(o.lower_ not in PRONOUNS for o in facility_owners(facility)):
        # "the US consulate in St Petersburg": where someone's building stands is no party
        return None
    actor = actors.actor_for_token(token)
    if facility is not None and actor is not None and exclude is not None and overlaps(actor, exclude):
        # "Russia closed the consulate in St Petersburg": a building in one's own
        # land bears on its unnamed owner; "closed its embassy in Kyiv" on the host
        return None
    if coded and (actor is None or not is_coded(actor)):
        # "a delegation led by the foreign minister": the group stands for its leader's side
        leader = leader_token(token)
        if leader is not None:
            actor = actors.actor_for_token(leader)
    if actor is None or (exclude is not None and same_actor(actor, exclude)):
        return None
    if coded and not is_coded(actor):
        return None
    return actor


def facility_site(token: Token) -> Token | None:
    """The facility whose phrase says it stands in ``token`` ("the consulate in St Petersburg"), or None."""
    words = role_words()
    prep = token.head
    if (
        token.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in words["facility_site_preps"]
        and prep.head.lemma_.lower() in words["facility_nouns"]
    ):
        return prep.head
    return None


def overlaps(a: Actor, b: Actor) -> bool:
    """True when two actors share a country."""
    keys = {m.country for m in a.members or (a,)} - {None}
    return bool(keys & ({m.country for m in b.members or (b,)} - {None}))


def facility_owners(noun: Token) -> list[Token]:
    """Whose a facility is: "the American consulate", "Britain's embassy", "the embassy of France".

    Args:
        noun: a noun token.

    Returns:
        Heads of the owner phrases, best first; empty unless ``noun`` is a ``facility_nouns`` word.
    """
    if noun.lemma_.lower() not in role_words()["facility_nouns"]:
        return []
    out = [c for c in noun.children if c.dep_ == "poss"]
    out += [
        c for c in noun.children
        if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")
    ]
    out += [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return out


def leader_token(noun: Token) -> Token | None:
    """Who leads or sent a group named by a common noun ("a delegation led by X",
    "a mission sent by Y"), or None."""
    if not is_thing(noun):
        return None
    for acl in noun.children:
        if acl.dep_ == "acl" and acl.tag_ == "VBN" and acl.lemma_.lower() in role_words()["leading_verbs"]:
            agent = agent_token(acl) or next(
                (g for p in acl.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"),
                None,
            )
            if agent is not None:
                return agent
    return None


def is_coded(actor: Actor) -> bool:
    """True when an actor has a code, a country or coded members."""
    return bool(actor.code or actor.country or any(is_coded(m) for m in actor.members))


def same_actor(a: Actor, b: Actor) -> bool:
    """Return True if two actor records denote the same mention or code."""
    if a.start is not None and a.start == b.start and a.end == b.end:
        return True
    if a.code is not None and a.code == b.code and (a.text.lower() in PRONOUNS or b.text.lower() in PRONOUNS):
        # "X halted his march": a pronoun coded like X stands for X
        return True
    # "The United States ... deny entry to the United States": the same name said twice
    return a.code is not None and a.code == b.code and bare_name(a.text) == bare_name(b.text)


def bare_name(text: str) -> str:
    """An actor's words without case or a leading article ("The United States" -> "united states")."""
    words = text.lower().split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


#: Pronouns that stand for an actor already named.
PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs"})


#: Prepositions after a stance noun that name whom the stance is aimed at.
STANCE_PREPS = ("against", "of", "at", "to", "with", "over", "toward", "towards", "for")


def owner_tokens(noun: Token, stance_nouns: frozenset[str], *, act: bool = False) -> list[Token]:
    """Who a thing named by a common noun belongs to or is aimed at.

    When a role's phrase names a thing, not an actor ("the violations by
    Algerian forces", "Sweden's decision", "a bill signed by the minister",
    "in protest against X", "in defiance of X"), the act bears on its author
    or on whom the stance is against.

    Args:
        noun: head of the non-actor phrase.
        stance_nouns: nouns whose prepositional object is the one aimed at.
        act: ``noun`` names an act (an event noun of the lexicon): a
            nationality or name before it is its author too.

    Returns:
        Candidate heads, best first.
    """
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            out.extend(c for c in child.children if c.dep_ == "pobj")
    out.extend(stray_agents(noun))
    if act:
        out.extend(of_agents(noun))
    out.extend(c for c in noun.children if c.dep_ == "poss")
    if act:
        # "French mediation", "a Senegalese peace plan": a name before an act is its author
        out.extend(
            c for c in noun.children
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")
        )
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = agent_token(child) or next(
                (g for p in child.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"),
                None,
            )
            if agent is not None:
                out.append(agent)
    if noun.lemma_.lower() in stance_nouns:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in STANCE_PREPS:
                out.extend(c for c in child.children if c.dep_ == "pobj")
    out.extend(bound_for(noun))
    # "welcomed reports about X": whom the thing is about, last
    out.extend(g for p in noun.children if p.dep_ == "prep" and p.lower_ == "about" for g in p.children if g.dep_ == "pobj")
    return out


def bound_for(noun: Token) -> list[Token]:
    """Where a thing is headed or who sent it, from a participle after it.

    "the roads leading into Gaza", "weapons bound for Hezbollah" name whom
    the thing serves; "assurances sent from Paris" who it comes from
    (``sending_verbs`` only: "a rocket launched from a base in X" says where).
    """
    words = role_words()
    out: list[Token] = []
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.tag_ not in ("VBG", "VBN"):
            continue
        for prep in acl.children:
            if prep.dep_ != "prep":
                continue
            toward = prep.lower_ in words["destination_preps"]
            sent = prep.lower_ == "from" and acl.tag_ == "VBN" and acl.lemma_.lower() in words["sending_verbs"]
            if toward or sent:
                out.extend(g for g in prep.children if g.dep_ == "pobj")
    return out


def is_thing(token: Token) -> bool:
    """True for a common-noun head that is not a named entity (a candidate for ``owner_tokens``)."""
    return token.pos_ == "NOUN" and not token.ent_type_


def purpose_clauses(head: Token) -> list[Token]:
    """Infinitival purpose clauses of a verb ("staged rallies to demand reforms")."""
    return [
        c for c in head.children
        if c.dep_ in ("advcl", "xcomp") and c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


#: Prepositions through which a common noun's phrase lists its actors
#: ("the ambassadors of X, Y and Z", "ties with X, Y and Z", "talks between X and Y").
LIST_PREPS = frozenset({"of", "with", "between", "among", "from"})


def listed_heads(noun: Token, depth: int = 2) -> list[Token]:
    """Heads of coordinated phrases a common noun's prepositional phrases list.

    Follows "of"/"with"/"between" phrases up to ``depth`` nouns down ("the
    resumption of ties with X, Y and Z") and returns the first list head found
    (the conjunct the others hang from), or an empty list.
    """
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in LIST_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if any(c.pos_ in ("NOUN", "PROPN") for c in pobj.conjuncts):
                return [pobj]
            if depth > 1 and is_thing(pobj):
                inner = listed_heads(pobj, depth - 1)
                if inner:
                    return inner
    return []


def appositive_list(head: Token) -> Token | None:
    """The name that continues a list the parser took for an apposition.

    "Mordor, Rohan, Fornost and Bree welcomed": "Rohan" is parsed as an
    apposition of "Mordor" with the rest as its conjuncts; a proper-noun
    apposition that has conjuncts of its own is a list item, not a description.
    """
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "PROPN":
            if any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in child.children):
                return child
    return None


def with_listed_members(actors: ActorLookup, token: Token, actor: Actor) -> Actor:
    """Widen a single actor to all the coordinated actors its phrase lists.

    The resolver codes a phrase such as "the ambassadors of X, Y and Z" or
    "ties with X, Y and Z" by one name in it; every conjunct is a party. A
    sector the phrase gives ("ambassadors" -> GOV) is given to each country.

    Args:
        actors: the document's actor lookup.
        token: head of the phrase.
        actor: what the resolver made of the phrase (no members).

    Returns:
        A compound actor, or ``actor`` unchanged.
    """
    if is_thing(token):
        heads = listed_heads(token)
        listed = actors.actor_for_token(heads[0]) if heads else None
    else:
        appos = appositive_list(token)
        listed = actors.actor_for_token(appos) if appos is not None else None
        if listed is not None:
            first = [actor]
            listed = Actor(text=actor.text, members=(*first, *(listed.members or (listed,))))
    if listed is None or len(listed.members) < 2:
        return actor
    keys = {m.country or m.code for m in listed.members}
    if (actor.country or actor.code) not in keys and is_thing(token):
        # the phrase's actor is not one of the listed ones: the list is about something else
        return actor
    members = tuple(with_sector(m, actor.sector) for m in listed.members) if is_thing(token) else listed.members
    countries = {m.country for m in members}
    return Actor(
        text=actor.text,
        country=next(iter(countries)) if len(countries) == 1 else None,
        sector=actor.sector if is_thing(token) else None,
        start=actor.start,
        end=actor.end,
        members=members,
    )


def with_sector(member: Actor, sector: str | None) -> Actor:
    """A bare country member given the sector of the phrase that lists it."""
    if sector is None or member.sector is not None or not member.code or len(member.code) != 3:
        return member
    return replace(member, code=member.code + sector, sector=sector)


def companion_tokens(verb: Token, subj: Token, heads: frozenset[str]) -> list[Token]:
    """Actors joined to a subject by "along with", "together with" or "alongside".

    "The United States and South Korea, along with Japan, have condemned":
    Japan is a party to the act, whether the parser hangs the phrase on the
    verb or on the subject.

    Args:
        verb: the verb whose subject is ``subj``.
        subj: the subject head.
        heads: the words that make "with" a coordination ("along", "together").

    Returns:
        Heads of the joined phrases, in text order.
    """
    out: list[Token] = []
    for owner in (verb, subj):
        for child in owner.children:
            if child.dep_ not in ("prep", "advmod"):
                continue
            if child.lower_ in heads and child.lower_ != "with":
                # "along with X": "with" hangs from "along"; "alongside X" takes X itself
                out += [g for p in child.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
                out += [g for g in child.children if g.dep_ == "pobj"]
            elif child.dep_ == "prep" and child.lower_ == "with" and any(a.lower_ in heads for a in child.children if a.dep_ == "advmod"):
                out += [g for g in child.children if g.dep_ == "pobj"]
    return sorted(out, key=lambda t: t.i)


def joined(actors: ActorLookup, source: Actor, companions: list[Token]) -> Actor:
    """``source`` widened by the actors of its companions (see ``companion_tokens``)."""
    extra = [a for a in (actors.actor_for_token(t) for t in companions) if a is not None and is_coded(a)]
    if not extra:
        return source
    members = tuple(m for a in (source, *extra) for m in (a.members or (a,)))
    countries = {m.country for m in members}
    return Actor(
        text=source.text,
        country=next(iter(countries)) if len(countries) == 1 else None,
        start=source.start,
        end=source.end,
        members=members,
    )


#: Entity labels that name an actor or a place inside a phrase.
NAME_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})


def placed_only(token: Token, preps: frozenset[str]) -> bool:
    """True when a thing's phrase names a country only in where it comes from.

    "a rocket from Vandenberg Space Force Base in California" is coded by
    its place, but the place is where the rocket leaves from, not a party to
    the act; "a convoy from the Egyptian army" still names its owner in the
    same way, so only places count (an organisation or nationality does not).

    Args:
        token: head of a role's phrase.
        preps: the prepositions of origin ("from").

    Returns:
        True when the phrase's only names sit in such a prepositional phrase.
    """
    if not is_thing(token):
        return False
    placed = False
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for t in child.subtree:
                if t.ent_type_ in ("ORG", "NORP", "PERSON"):
                    return False
                placed = placed or t.ent_type_ in ("GPE", "LOC", "FAC")
        elif any(t.ent_type_ in NAME_LABELS or t.dep_ == "poss" for t in child.subtree):
            return False
    return placed


def from_placed_thing(token: Token, preps: frozenset[str], locative: frozenset[str]) -> bool:
    """True for a thing that is where something comes from and is named only by its place.

    "launched from a base in Australia": the base is the launch's origin, and the only
    country in its phrase says where the base is, so Australia is no party to the act.
    "withdrew from Lebanon" (a country, not a thing) and "aid from a charity in Kenya"
    (an actor with a sector) are unaffected.
    """
    return token.dep_ == "pobj" and token.head.lower_ in preps and placed_only(token, preps | locative)


def has_agent(noun: Token) -> bool:
    """True when a thing's phrase names who did it ("crimes by X", "crimes committed by X")."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by" and any(g.dep_ == "pobj" for g in child.children):
            return True
        if child.dep_ == "acl" and child.tag_ == "VBN" and agent_token(child) is not None:
            return True
    return bool(stray_agents(noun))


def clause_subjects(noun: Token, governor: Token | None) -> list[Token]:
    """Subjects of the clause a content noun introduces ("a demand that Israel ease",
    "reiterated its call that the army withdraw")."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
    if governor is not None:
        clauses += [c for c in governor.children if c.dep_ == "ccomp" and c.i > noun.i]
    return [
        s for c in clauses for s in c.children
        if s.dep_ in ("nsubj", "nsubjpass") and s.lower_ not in ("that", "which", "who") and s.tag_ != "WDT"
    ]


def detached(verb: Token, obj: Token) -> bool:
    """True for an "object" the parser took from a trailing source phrase.

    "threatened to deliver blows to X, a Saudi-owned weekly reports": a noun
    after the verb's own clause complement and a comma is not its object.
    """
    return obj.i > verb.i and obj.left_edge.i > 0 and obj.doc[obj.left_edge.i - 1].lower_ == "," and any(
        c.dep_ in ("xcomp", "ccomp") and c.i < obj.i for c in verb.children
    )


def stray_agents(noun: Token) -> list[Token]:
    """The author of an object noun whose "by" phrase the parser hung on the verb.

    An active verb has no agent of its own, so "demanded reforms by the
    government" names who is to make the reforms, wherever the parser puts
    "by". "by" clauses of means ("by dumping sawdust"), dates ("by 2025")
    and manner words ("by force", "by phone") are left out.

    Args:
        noun: a direct object.

    Returns:
        Heads of the "by" phrases after ``noun`` that name its author.
    """
    verb = noun.head
    if noun.dep_ not in ("dobj", "obj") or verb.pos_ not in ("VERB", "AUX") or is_passive(verb):
        return []
    manners = role_words()["by_manners"]
    out = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "by" or prep.i < noun.i:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.pos_ not in ("NOUN", "PROPN") or pobj.lemma_.lower() in manners:
                continue
            if pobj.ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"):
                continue
            out.append(pobj)
    return out


def undergone(noun: Token) -> bool:
    """True for an act its governor's subject undergoes, not does.

    "The convoy came under attack", "a journalist was placed under
    investigation", "Iran faces new sanctions", "a prisoner died of torture":
    the subject is the act's target.
    """
    if noun.dep_ == "pobj" and noun.head.lower_ == "under" and noun.head.dep_ == "prep":
        return True
    verb = undergoing_verb(noun)
    return verb is not None


def undergoing_verb(noun: Token) -> Token | None:
    """The verb of undergoing ("faced", "died of", "survived") an act noun hangs from, if any."""
    tok = noun
    if tok.dep_ in ("conj", "compound"):
        # "survived an assassination attempt"
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        # "died as a result of torture", "died of wounds"
        tok = tok.head.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            tok = tok.head.head
        verb = tok
    elif tok.dep_ in ("dobj", "obj"):
        verb = tok.head
    else:
        return None
    if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in role_words()["undergoing_verbs"]:
        return verb
    return None


def undergoer(noun: Token) -> Token | None:
    """The subject of the verb an undergone act hangs from ("came under fire", "faces sanctions")."""
    if not undergone(noun):
        return None
    verb = undergoing_verb(noun) or noun.head.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def reported_speaker(clause: Token, pronoun: Token) -> Token | None:
    """The speaker a subject pronoun of a reported clause stands for.

    "The rebels rejected the plan and said they also opposed the force",
    "Syria says it will withdraw": "they", "it" is the one who says so, when
    number agrees ("it" a single body, "they" several). The speaker is found
    through coordinated verbs ("... and said").

    Args:
        clause: a verb whose subject is ``pronoun``.
        pronoun: the subject.

    Returns:
        The speaker's head token, or None.
    """
    word = pronoun.lower_
    if word not in ("it", "they", "we") or clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return None
    speaker = subject_token(clause.head)
    if speaker is None or speaker.pos_ not in ("NOUN", "PROPN"):
        return None
    plural = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    if word == "it" and plural or word == "they" and not plural:
        return None
    return speaker


def plan_owners(noun: Token) -> list[Token]:
    """Whose a plan, offer or decision is: "Washington's decision", "a plan by
    Iran", "the US offer", "a Russian proposal"."""
    out = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
    out += [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in PRONOUNS]
    out += [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")]
    return out


def attack_author(verb: Token) -> Token | None:
    """Who did the attack an agentless passive names as the means of the act.

    "Two soldiers were killed in a PKK attack", "three civilians died in an
    Israeli air strike": the attack's author, from a name before it or its
    "by" phrase.
    """
    words = role_words()["attack_nouns"]
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during", "by"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in words:
                continue
            by = [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
            named = [
                c for c in noun.children
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i and c.ent_type_ in ("NORP", "GPE", "ORG")
            ]
            for t in by + named:
                return t
            if noun.lemma_.lower() in role_words()["weapon_nouns"] or any(
                c.lemma_.lower() in role_words()["weapon_nouns"] for c in noun.children if c.dep_ == "compound"
            ):
                # "killed in a car bomb explosion in Kabul": nobody named, the place stands for the author
                place = place_phrase(noun)
                if place is not None:
                    return place
    return None


def cause_of(noun: Token) -> Token | None:
    """What a causative verb says set off an act ("the arrest sparked protests").

    The subject of "spark", "trigger", "provoke"... is no author of the act it
    sets off; it is what the act answers.

    Returns:
        The causative verb's subject, or None.
    """
    if noun.dep_ not in ("dobj", "obj"):
        return None
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in role_words()["causative_verbs"]:
        return None
    return next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)


def of_agents(noun: Token) -> list[Token]:
    """The agent of an act noun whose "by" the parser hung on its "of" object.

    "the arrest of the opposition leader by Ugandan police": the police
    arrested, whatever the parse says.
    """
    return [
        g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj"
        for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
        for g in b.children if g.dep_ == "pobj"
    ]


def of_partners(noun: Token) -> list[Token]:
    """The partner of a mutual act noun whose "with" the parser hung on its "of" object.

    "meetings of the trade committee with Uganda", "talks of the joint
    commission with Kenya": the act is with Uganda, with Kenya. Only when
    the noun has no partner phrase of its own.

    Args:
        noun: a nominal trigger of a mutual type.

    Returns:
        Heads of the partner phrases, in text order.
    """
    preps = role_words()["partner_preps"]
    if any(p.dep_ == "prep" and p.lower_ in preps for p in noun.children):
        return []
    return [
        g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children if o.dep_ == "pobj"
        for w in o.children if w.dep_ == "prep" and w.lower_ in preps
        for g in w.children if g.dep_ == "pobj"
    ]


def weapon_place(noun: Token | None, verb: Token | None = None) -> Token | None:
    """The place a weapon nobody is named for went off in ("a roadside bomb near Kandahar").

    CAMEO practice codes violence no one is named for to the country where it
    happened; when the weapon's own phrase says where ("a car bomb in
    Baghdad", "a minefield explosion near the town of Samarra"), that place
    stands for its author, as does the place phrase of the verb the weapon is
    the agent of ("were killed by a roadside bomb outside Kandahar"). A
    weapon with a named owner ("a Russian missile", "a PKK bomb") keeps it.

    Args:
        noun: a role's head, or None.
        verb: the passive verb ``noun`` is the agent of, if any.

    Returns:
        The head of the place phrase, or None.
    """
    if noun is None or not is_thing(noun) or noun.lemma_.lower() not in role_words()["weapon_nouns"]:
        return None
    for t in noun.subtree:
        if t.i < noun.i and t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON") or t.dep_ == "poss":
            return None
    return place_phrase(noun) or (place_phrase(verb) if verb is not None else None)


def place_phrase(head: Token) -> Token | None:
    """The first phrase under ``head`` that says where it happened ("in Baghdad",
    "outside of the city of Basra"), or None."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in role_words()["weapon_place_preps"]:
            # "outside of the city": the place hangs on the second preposition
            objs = [g for p in (prep, *(c for c in prep.children if c.dep_ == "prep")) for g in p.children if g.dep_ == "pobj"]
            for pobj in objs:
                if any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in pobj.subtree):
                    return pobj
    return None
