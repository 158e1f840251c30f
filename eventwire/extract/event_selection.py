"""Which of a sentence's triggers are events the sentence reports.

A sentence names more acts than it reports. After triggers are found and
folded, three kinds give way:

- an act someone says must or should happen ("saying he must resign") is not
  an act that happened; the demand, if any, is coded by its construction;
- an effort or means verb governing the act it serves ("helped support the
  rights of", "sent observers to investigate") is that act;
- an act mentioned as the background of the main one, in a time or cause
  adjunct or a relative clause ("after 12 days of fighting", "following a
  government offensive", "guerrillas who overran it last month", "a
  pathologist sent to Israel"), gives way
  when the sentence reports an act of its own outside such modifiers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .lexicon import Lexicon

if TYPE_CHECKING:
    from .event_candidate import Candidate


def has_obligation(tok: Token, lex: Lexicon) -> bool:
    """True when a verbal trigger carries "must", "should" or "ought"."""
    return any(c.dep_ == "aux" and c.lower_ in lex.cues["obligation_modals"] for c in tok.children)


def governed_acts(verb: Token) -> list[Token]:
    """Complements and infinitival purpose clauses of a verb ("helped support",
    "sent observers to investigate")."""
    return [
        c for c in verb.children
        if c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


def background_adjunct(tok: Token, lex: Lexicon, limit: int = 8) -> bool:
    """True when ``tok`` sits in a time/cause adjunct or a relative clause.

    Climbs from the trigger to the root: a preposition such as "after",
    "following", "since", "despite" above it, an adverbial clause introduced
    by "after", "as", "while"..., or a relative clause makes it background.
    """
    preps = lex.cues["background_preps"]
    marks = lex.cues["background_marks"]
    for _ in range(limit):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ == "relcl" or tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN"):
            # "guerrillas who overran it", "a pathologist sent to Israel"
            return True
        if tok.dep_ == "prep" and tok.lower_ in preps:
            return True
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return True
        tok = tok.head
    return False


def select(found: dict[int, Candidate], lex: Lexicon) -> None:
    """Mark as dropped the candidates that are not events of their own (see module doc).

    Args:
        found: the sentence's candidates by token index, already folded.
        lex: the compiled lexicon.
    """
    live = [c for c in found.values() if not c.dropped]
    for cand in live:
        if cand.kind == "verb" and cand.sense.type != "REQUEST" and has_obligation(cand.token, lex):
            cand.dropped = True
        elif cand.kind == "verb" and cand.token.lemma_ in lex.cues["effort_verbs"]:
            inner = [found[c.i] for c in governed_acts(cand.token) if c.i in found]
            if any(not i.dropped for i in inner):
                cand.dropped = True
    live = [c for c in live if not c.dropped and not c.derived]
    background = {c.token.i for c in live if background_adjunct(c.token, lex)}
    if background and len(background) < len(live):
        for cand in live:
            if cand.token.i in background:
                cand.dropped = True
