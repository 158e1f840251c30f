"""What an act bears on: the tokens that may name an event's target.

The object, the passive subject or a target preposition ("talks with", "aid
to", "sanctions on") names the target; when such a phrase names a thing, not
an actor, the act bears on its author or on whom it is aimed at ("the
violations by Algerian forces", "in protest against X"). A thing named only
by the place it comes from ("a rocket from Vandenberg") is no party.
"""

from __future__ import annotations

from spacy.tokens import Token

from .event_agents import agent_token, is_passive, is_thing, of_agents, stray_agents
from .lexicon import role_words


OBJECTS = {"dobj", "obj", "dative", "iobj", "attr"}


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


def purpose_clauses(head: Token) -> list[Token]:
    """Infinitival purpose clauses of a verb ("staged rallies to demand reforms")."""
    return [
        c for c in head.children
        if c.dep_ in ("advcl", "xcomp") and c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


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
