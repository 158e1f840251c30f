"""Which actor a role's phrase denotes, and when two actors are one.

A role's head token is looked up in the document's actors, except where a
facility stands ("the US consulate in St Petersburg"); a group stands for
its leader's side ("a delegation led by X"); a phrase that lists actors
("ties with X, Y and Z") or joins them ("along with Japan") becomes a
compound actor. Actors are compared by mention, code and country.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from spacy.tokens import Token

from ..records import Actor
from .event_agents import PRONOUNS, agent_token, is_thing
from .lexicon import role_words


class ActorLookup(Protocol):
    """The part of ``DocumentActors`` the roles need."""

    def actor_for_token(self, token: Token) -> Actor | None: ...


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


def country_keys(actor: Actor) -> set[str]:
    """Country (or organisation code) of an actor and of each member."""
    return {m.country or m.code or m.text for m in (actor.members or (actor,))}


#: Quotation marks that open or close a quotation (not apostrophes: "Iran's").
QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


def clean_phrase(actor: Actor) -> Actor:
    """The actor with its text cut to a clean phrase: no unbalanced quotation
    mark and no line break ('the school board \u201csnafu' becomes 'the school
    board'); offsets follow the text."""
    text = actor.text
    marks = [i for i, ch in enumerate(text) if ch in QUOTE_MARKS]
    cut_start, cut_end = 0, len(text)
    if len(marks) % 2:
        # the odd mark belongs to a quotation outside the phrase: drop the side it opens
        last = marks[-1] if text[marks[-1]] not in "\u201d\u00bb" or marks[-1] > len(text) // 2 else marks[0]
        if last >= len(text) // 2:
            cut_end = last
        else:
            cut_start = last + 1
    if "\n" in text[cut_start:cut_end]:
        # a phrase never runs across a line break: a headline ran into the
        # paragraph under it, whose words are the actor's
        best = [p for p in text[cut_start:cut_end].split("\n") if p.strip()][-1]
        cut_start += text[cut_start:cut_end].index(best)
        cut_end = cut_start + len(best)
    piece = text[cut_start:cut_end]
    stripped = piece.strip(" \t,;:-\u2013\u2014")
    if not stripped or (cut_start, cut_end) == (0, len(text)) and stripped == text:
        return actor
    cut_start += piece.index(stripped)
    start = actor.start + cut_start if actor.start is not None else None
    end = start + len(stripped) if start is not None else None
    return replace(actor, text=stripped, start=start, end=end)
