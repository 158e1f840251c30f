"""``actors lookup``: a name resolved by the resolver extraction runs, in a sentence of its own or a story's text.

The knowledge base alone cannot say what "Mr Howard" is: extraction reads the title, and the
document's own context (another Howard named earlier, the story's countries) before a knowledge
base match. So a lookup parses the name in a sentence, after the given context if any, and asks
the same ``DocumentActors`` that codes events; the knowledge base's entries for the name (without
its titles) are listed after, each with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..records import Actor
from .kb import words

#: The sentence a name is put in: the name as its subject, a reporting verb, no other name.
FRAME = "{name} said on Monday that the talks would go on."


@dataclass(frozen=True)
class Lookup:
    """What a name resolves to in a text, and the knowledge base's entries for it."""

    actor: Actor | None
    """The actor extraction gives the name in the text (None: not a political actor there)."""
    why: str
    """Why, in one line."""
    candidates: list[tuple[Actor, str]]
    """The knowledge base's entries for the name (titles dropped), each with its reason."""


def lookup(resolver: Any, nlp: Any, name: str, date: str | None, context: str | None = None) -> Lookup:
    """Resolve ``name`` as extraction would, in ``FRAME`` after ``context`` (a story's text), on ``date``.

    Args:
        resolver: an ``ActorResolver`` (``get_resolver()``).
        nlp: the spaCy pipeline extraction uses.
        name: the name as an article writes it ("Mr Howard", "the Kremlin").
        date: the story's date (ISO), against which roles are resolved.
        context: text of the story the name is in, read first; None for a sentence alone.

    Returns:
        A ``Lookup``.
    """
    prefix = context.strip() + "\n\n" if context and context.strip() else ""
    doc = nlp(prefix + FRAME.format(name=name.strip()))
    found = resolver.document(doc, date)
    span = doc.char_span(len(prefix), len(prefix) + len(name.strip()), alignment_mode="expand")
    actor = found.actor(span) if span is not None else None
    candidates = kb_entries(resolver, name, date)
    return Lookup(actor, _why(found, span, actor, candidates, date), candidates)


def kb_entries(resolver: Any, name: str, date: str | None) -> list[tuple[Actor, str]]:
    """The knowledge base's entries for a name, trying it without leading titles ("Mr", "President") if need be."""
    key = words(name)
    for start in range(len(key)):
        entries: list[tuple[Actor, str]] = resolver.lookup(" ".join(key[start:]), date)
        if entries:
            return entries
    return []


def _why(found: Any, span: Any, actor: Actor | None, candidates: list[tuple[Actor, str]], date: str | None) -> str:
    if actor is not None and (actor.code or actor.country):
        same = [why for known, why in candidates if known.canonical and known.canonical == actor.canonical]
        if same and "(surname:" in same[0]:
            return same[0] + "; in a story naming another person of that surname, or only other countries, it is not"
        if same:
            return same[0]
        return (f"from the words of the phrase: country {actor.country or 'none'}, sector {actor.sector or 'none'}"
                + (f", title {actor.title}" if actor.title else ""))
    people = [(known, why) for known, why in candidates if known.code and known.canonical]
    if not people or span is None:
        return "no political actor: not in the knowledge base, and no country word or sector noun in it"
    known = people[0][0]
    start = span.end - 1
    if found.other_person_named(start, known.canonical):
        return f"not the knowledge base's {known.canonical} ({known.code}): the text names another person of that surname"
    story = sorted(found.story_countries())
    if story and known.country not in story:
        return (f"not the knowledge base's {known.canonical} ({known.code}): the story names {', '.join(story)}, "
                f"not {known.country}; a surname alone needs the story's country")
    return f"not the knowledge base's {known.canonical} ({known.code}): a bare surname the text does not mark as a person"
