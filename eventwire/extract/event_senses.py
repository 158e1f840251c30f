"""Senses by argument class: a trigger acting on, or done by, a thing of a
non-political kind is no event.

Trigger words have everyday senses: a sprinter "beat" a rival, a weather
agency "released its winter outlook", a country "is burning less coal", a
firm "plans to cut its carbon emissions", "the storm killed three". When the
trigger's object or subject is a sports contest, a film, a product, a price,
an emission, the weather or an illness (``data/events/nonpolitical.yaml``),
the political sense is not the one meant. A trigger's own argument table
(``object_senses`` in lexicon.yaml) is read first, by ``event_triggers``, and
wins: this is the general rule behind it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import yaml
from spacy.tokens import Token

from .event_agents import is_passive
from .lexicon import DATA

#: Heads whose "of" phrase says what the argument is ("a set of resolutions").
QUANTITY_DEPS = ("of",)


@dataclass(frozen=True)
class ThingClasses:
    """The non-political classes a subject or an object may fall in."""

    subject: dict[str, str]
    """Lemma -> class, for subjects."""
    object: dict[str, str]
    """Lemma -> class, for objects."""
    cause: dict[str, str]
    """Lemma -> class, for causes ("killed in a crash")."""
    cause_preps: frozenset[str]
    accident_verbs: frozenset[str]


@functools.lru_cache(maxsize=1)
def thing_classes() -> ThingClasses:
    """Load ``data/events/nonpolitical.yaml`` once."""
    with open(DATA / "nonpolitical.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)

    def index(names: list[str]) -> dict[str, str]:
        return {str(w): name for name in names for w in data["classes"][name]}

    return ThingClasses(
        subject=index(data["subject"]), object=index(data["object"]), cause=index(data["cause_classes"]),
        cause_preps=frozenset(data["cause_preps"]), accident_verbs=frozenset(data["accident_verbs"]),
    )


def what(head: Token) -> Token:
    """The word that says what an argument is: its "of" object for a head
    with one ("a series of attacks", "a number of soldiers"), else the head."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in QUANTITY_DEPS and head.pos_ in ("NOUN", "NUM", "PRON"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return head


def thing_class(head: Token | None, table: dict[str, str]) -> str | None:
    """The non-political class of an argument's head, or None."""
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    word = what(head)
    return table.get(word.lemma_.lower()) or table.get(word.lower_)


def non_political_noun(noun: Token) -> bool:
    """True for a noun of a non-political class as subject or object ("sprinter", "film")."""
    classes = thing_classes()
    return thing_class(noun, classes.object) is not None or thing_class(noun, classes.subject) is not None


def arguments(tok: Token) -> tuple[list[Token], list[Token]]:
    """(subjects, objects) of a trigger: a verb's subject and direct object
    (a passive's subject is its object), a noun's "of" or "on" object."""
    if tok.pos_ in ("NOUN", "PROPN"):
        # "a freeze on petrol duty", "the release of its new album"
        return [], [g for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "on") for g in p.children
                    if g.dep_ == "pobj"]
    passive = is_passive(tok)
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and not passive]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objects += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "from" for g in p.children if g.dep_ == "pobj"]
    return subjects, objects


def non_political(tok: Token) -> str | None:
    """The class of thing that makes the trigger ``tok`` no event, or None.

    Args:
        tok: a trigger token (verb, noun or adjective).

    Returns:
        The class name ("sport", "weather"...) of its first non-political
        subject or object, or None when nothing says so.
    """
    classes = thing_classes()
    subjects, objects = arguments(tok)
    for obj in objects:
        found = thing_class(obj, classes.object)
        if found:
            return found
    for subj in subjects:
        found = thing_class(subj, classes.subject)
        if found:
            return found
    return cause(tok, classes)


def cause(tok: Token, classes: ThingClasses) -> str | None:
    """The class of an accident, weather or illness that caused what the trigger
    says ("killed in a crash", "were killed when a bus crashed"), or None."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in classes.cause_preps:
            for obj in child.children:
                found = thing_class(obj, classes.cause) if obj.dep_ == "pobj" else None
                if found:
                    return found
        if child.dep_ == "advcl" and child.lemma_.lower() in classes.accident_verbs:
            return "accidents"
    return None
