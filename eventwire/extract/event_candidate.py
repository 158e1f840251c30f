"""A trigger found in a sentence, before its roles and status are settled.

Shared by the stages of event coding: trigger lookup and folding
(``events``), constructions (``event_constructions``) and selection
(``event_selection``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .lexicon import Sense


@dataclass
class Candidate:
    """A trigger found in a sentence, before roles and status are settled."""

    token: Token
    sense: Sense
    kind: str
    """verb, noun, adj or construction."""
    phrase: bool = False
    dropped: bool = False
    absorbed: set[int] = field(default_factory=set)
    content: list[Candidate] = field(default_factory=list)
    derived: bool = False
    """Emitted as the content of an accusation or denial."""
    parent: Candidate | None = None
    """The accusation or denial a derived event is the content of."""
    target_tokens: list[Token] = field(default_factory=list)
    """Extra target candidates (the subject of a demanded clause)."""
    background: bool = False
    """In a time or cause adjunct or a relative clause: gives way to the sentence's main act."""
    intent: bool = False
    """A future act announced by its own actor, recoded as a promise or threat."""

