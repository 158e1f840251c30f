"""Actors gate events: an act is an event only when a political actor takes part.

GDELT's rule, and the one an analyst of a general news feed needs: a sentence
where a sprinter "beat" a rival, a firm "released" a product or a weather
agency "released its outlook" has trigger words but no political actor. An
event is kept when its source or its target is

- a state: a country or capital named as a party ("France", "the US",
  "Seoul condemned"), or a pronoun or common noun standing for one ("it",
  "the country");
- an international or non-governmental organisation (IGO..., NGO...);
- a person or group with a political sector (government, military, rebels,
  opposition, police, courts, parties...: ``political_sectors``);
- a named organisation the resolver can place (an ORG entity with a country:
  "Microsoft" is USABUS, "the BBC" GBRMED).

A person coded only by nationality ("Gatlin", "Canada's Nate Brannen"), a
group of civilians named by a common noun, and anything whose phrase is not a
party at all ("the Athens Olympics", "his title in Helsinki") are no
political actor. The word lists are in ``data/events/gate.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields

import yaml
from spacy.tokens import Doc, Token

from ..records import Actor
from .event_senses import non_political_noun
from .kb import KnowledgeBase, words
from .lexicon import DATA


@dataclass(frozen=True)
class GateWords:
    """The word lists of ``data/events/gate.yaml``."""

    political_sectors: frozenset[str]
    organisation_prefixes: tuple[str, ...]
    state_nouns: frozenset[str]
    place_labels: frozenset[str]
    named_labels: frozenset[str]
    not_party_labels: frozenset[str]
    quantity_nouns: frozenset[str]
    group_nouns: frozenset[str]
    not_people: frozenset[str]
    locative_preps: frozenset[str]
    person_relevance: float
    commercial_sectors: frozenset[str]


@functools.lru_cache(maxsize=1)
def gate_words() -> GateWords:
    """Load ``data/events/gate.yaml`` once."""
    with open(DATA / "gate.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    # every list is a set of words, but the prefixes (a tuple, for str.startswith) and the one number
    return GateWords(**{
        name: tuple(value) if name == "organisation_prefixes" else float(value) if name == "person_relevance"
        else frozenset(str(v) for v in value)
        for name, value in ((f.name, data[f.name]) for f in fields(GateWords))
    })


#: What a name in the knowledge base must stand for to make a phrase with no
#: sector a party: a state, its capital or seat, its people, or an actor a
#: dictionary lists (the Phoenix leaders, a user's TABARI file).
STATE_KINDS = frozenset({"country", "capital", "seat", "people", "actor"})
ACTOR_KINDS = frozenset({"actor"})


def known(kb: KnowledgeBase, name: str | None, kinds: frozenset[str] = STATE_KINDS) -> bool:
    """True when ``name`` is indexed in the knowledge base as one of ``kinds``."""
    return bool(name) and any(h.kind in kinds for h in kb.lookup(words(name)))


def actor_root(doc: Doc, actor: Actor) -> Token | None:
    """The head word of an actor's phrase in ``doc``, or None for an actor with no span."""
    if actor.start is None or actor.end is None:
        return None
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def is_political(
    actor: Actor | None, doc: Doc, kb: KnowledgeBase, *, crowds: bool = False, political_story: bool = False
) -> bool:
    """True when ``actor`` is a political actor (see the module docstring).

    Args:
        actor: a role's actor, or None.
        doc: the parsed document the actor's offsets point into.
        kb: the actor knowledge base the resolver used.
        crowds: an act crowds and armed groups do (PROTEST, ASSAULT...): a
            group of people is a party even uncoded ("workers went on strike").
        political_story: the document is political news (its relevance is at
            least ``person_relevance``): a person the resolver placed in a
            country is a party though no dictionary lists them ("Mr Blunkett",
            a minister the knowledge base does not know), unlike a sprinter in
            a sports report; so is a firm or a broadcaster.
    """
    if actor is None:
        return False
    if actor.members:
        return any(is_political(m, doc, kb, crowds=crowds, political_story=political_story) for m in actor.members)
    words_ = gate_words()
    code = actor.code or ""
    if code.startswith(words_.organisation_prefixes) or actor.sector in words_.political_sectors:
        return True
    root = actor_root(doc, actor)
    if root is None:
        # made by a rule, not read off a phrase: the country where violence
        # nobody is named for took place
        return bool(actor.country or code)
    root = group_member(root, words_)
    if is_group(root, words_) and (crowds or actor.country or actor.sector):
        # a people or a group of them: "the Palestinians", "Muslim hackers",
        # "thousands of Iraqi Kurds"; uncoded only for crowds' acts
        return True
    if not (actor.country or code):
        return False
    label = root.ent_type_
    if label in words_.not_party_labels:
        # "withdrew from the Athens Olympics", "a film about Kenya"
        return False
    if label in words_.named_labels and actor.sector:
        # a named organisation the resolver could place ("Microsoft", "the BBC"):
        # a party in political news; in a product review a firm's offer or release
        # is commerce
        return political_story or actor.sector not in words_.commercial_sectors
    if label == "PERSON":
        # a person the dictionaries list, not one coded by nationality
        # ("Gatlin", "Canada's Nate Brannen")
        return political_story or known(kb, actor.canonical, ACTOR_KINDS)
    if root.pos_ == "PRON" and political_story:
        return True
    if root.pos_ in ("PRON", "PROPN") or label in words_.place_labels:
        if root.dep_ == "pobj" and root.head.lower_ in words_.locative_preps:
            # "concedes defeat in Athens", "promising in Norway": where, not who
            return False
        # "France", "the U.S.", "Seoul" (its government), "it" for a country
        return known(kb, actor.canonical)
    if root.lemma_.lower() in words_.state_nouns:
        return True
    # "a Turkish convoy", "Hungary's decision", "a Palestinian prisoner": a
    # state's own thing or person, unless it is a sprinter or a film
    return root.pos_ == "NOUN" and not non_political_noun(root) and any(
        c.dep_ in ("poss", "amod", "compound") and c.ent_type_ in words_.place_labels and known(kb, c.text)
        for c in root.children
    )


def group_member(root: Token, words_: GateWords) -> Token:
    """The people a quantity or group head counts ("thousands of Kurds" -> Kurds)."""
    if root.pos_ == "NUM" or root.lemma_.lower() in words_.quantity_nouns:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return root


def is_group(root: Token, words_: GateWords) -> bool:
    """True for a plural noun of people or a people's name ("settlers", "Kurds", "the crowd")."""
    if root.ent_type_ == "NORP":
        return True
    lemma = root.lemma_.lower()
    if root.pos_ in ("NUM", "NOUN") and lemma in words_.quantity_nouns and root.tag_ in ("CD", "NNS"):
        # "thousands marched", "hundreds protested"
        return True
    if lemma in words_.group_nouns:
        return True
    return root.tag_ in ("NNS", "NNPS") and root.ent_type_ in ("", "NORP") and lemma not in words_.not_people


def passes(
    source: Actor | None, target: Actor | None, doc: Doc, kb: KnowledgeBase, *, crowds: bool = False,
    relevance: float | None = None,
) -> bool:
    """True when the source or the target of an event is a political actor.

    Args:
        source, target: the event's actors.
        doc: the parsed document.
        kb: the actor knowledge base the resolver used.
        crowds: the event is of a type crowds do (see ``is_political``).
        relevance: the document's relevance, None when unknown.
    """
    story = relevance is not None and relevance >= gate_words().person_relevance
    return is_political(source, doc, kb, crowds=crowds, political_story=story) or is_political(
        target, doc, kb, crowds=crowds, political_story=story
    )
