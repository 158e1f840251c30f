"""Which triggers become reported events, how sure each is, one event per action.

A sentence names more acts than it reports. After triggers are found and
folded, three kinds give way:

- an act someone says must or should happen ("saying he must resign") is not
  an act that happened; the demand, if any, is coded by its construction;
- an effort or means verb governing the act it serves ("helped support the
  rights of", "sent observers to investigate") is that act;
- the purpose of a reported act ("resigned to allow elections to take
  place", "gave a grant to finance projects") is what the actor means to
  bring about, not an act that happened: it gives way to the act it is the
  purpose of;
- an act mentioned as the background of the main one, in a time or cause
  adjunct or a relative clause ("after 12 days of fighting", "following a
  government offensive", "guerrillas who overran it last month", "a
  pathologist sent to Israel"), gives way
  when the sentence reports an act of its own outside such modifiers
  (``main_events``, once the acts have their actors: an act without actors
  is no report); an act named by a noun after "after", "following" or
  "since" gives way even when it does not ("following the peace deal").

Each built event gets a ``confidence`` that ranks it, and ``dedupe`` keeps
one event per trigger and per action told twice in a sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .event_actors import country_keys, is_coded
from .event_agents import noun_governor
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..records import Actor, Event
    from .event_candidate import Candidate


def has_obligation(tok: Token, lex: Lexicon) -> bool:
    """True when a verbal trigger carries "must", "should" or "ought"."""
    return any(c.dep_ == "aux" and c.lower_ in lex.cues["obligation_modals"] for c in tok.children)


def declined_comment(verb: Token, lex: Lexicon) -> bool:
    """True for "declined to comment", "refused to elaborate": a refusal whose content is speech."""
    return verb.lemma_.lower() in lex.cues["refusing_verbs"] and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in lex.cues["comment_verbs"] for c in verb.children
    )


def governed_acts(verb: Token) -> list[Token]:
    """Complements and infinitival purpose clauses of a verb ("helped support",
    "sent observers to investigate")."""
    return [
        c for c in verb.children
        if c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


def purpose_clause(tok: Token) -> bool:
    """True when a verbal trigger heads an infinitival purpose clause ("to allow ...")
    of the verb above it, with no subject of its own.

    "summoned the ambassador to complain" is parsed as a complement after an
    object; the caller counts it as a purpose only when the verb above is an
    act that does not take content (not "urged X to").
    """
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in tok.children):
        return False
    return tok.dep_ == "advcl" or tok.dep_ == "xcomp" and any(c.dep_ in ("dobj", "obj") for c in tok.head.children)


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
        if tok.dep_ == "relcl" or tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and (
            tok.head.dep_ != "ROOT"
        ):
            # "guerrillas who overran it", "a pathologist sent to Israel"; a
            # participle under a noun root is the sentence's own verb misparsed
            # ("A Syrian newspaper called Thursday on Arabs to unite")
            return True
        if tok.dep_ == "prep" and tok.lower_ in preps:
            return True
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in tok.children):
            return True
        tok = tok.head
    return False


def mention(tok: Token, lex: Lexicon) -> bool:
    """True when a nominal trigger is the object of "following", "after",
    "since" ("following the partial peace deal"): it names an earlier act
    that the sentence takes as known, not one it reports. (A verb there,
    "five years after crowds burned its embassy", tells the act: it is
    kept, with status background.)"""
    return tok.dep_ == "pobj" and tok.head.lower_ in lex.cues["earlier_preps"]


def main_events(events: list[tuple[Candidate, Event]]) -> list[Event]:
    """The events of one sentence without its background acts, when it reports an act of its own.

    Args:
        events: each built event with the candidate it came from, in order.

    Returns:
        The events that stay.
    """
    # the content of an accusation or denial is no act of the sentence's own
    if all(c.background or c.derived for c, _ in events):
        return [e for _, e in events]
    return [e for c, e in events if not c.background]


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
        elif cand.kind == "noun" and cand.token.dep_ == "pobj" and cand.token.head.lower_ in lex.cues["absence_preps"]:
            # "released without charge", "a day without violence": the act did not happen
            cand.dropped = True
        elif cand.kind == "verb" and declined_comment(cand.token, lex):
            # "declined to comment", "refused to say": no answer is no rejection
            cand.dropped = True
        elif cand.kind == "verb" and cand.token.lemma_ in lex.cues["effort_verbs"]:
            inner = [found[c.i] for c in governed_acts(cand.token) if c.i in found]
            if any(not i.dropped for i in inner):
                cand.dropped = True
    live = [c for c in live if not c.dropped]
    # the verbs that carry a live act: its own, or the light verb of its noun ("gave a grant")
    acting = {c.token.i for c in live if c.sense.type not in lex.content_types}
    acting |= {g.i for c in live if c.kind == "noun" for g in [noun_governor(c.token)] if g is not None}
    for cand in live:
        if cand.kind == "verb" and purpose_clause(cand.token) and cand.token.head.i in acting:
            cand.dropped = True
    live = [c for c in live if not c.dropped and not c.derived]
    for cand in live:
        if background_adjunct(cand.token, lex):
            if cand.kind == "noun" and mention(cand.token, lex):
                cand.dropped = True
            else:
                # given way later, once it is known whether the main act has actors
                # ("Several people were killed when police opened fire on protesters")
                cand.background = True


STATUS_PENALTY = {"asserted": 0.0, "background": 0.05, "planned": 0.05, "negated": 0.1, "hypothetical": 0.1, "alleged": 0.1, "denied": 0.1}


def confidence(cand: Candidate, source: Actor | None, target: Actor | None, status: str) -> float:
    """A score in [0, 1] that ranks events by how likely they are right.

    Built from what makes an event believable: a reliable trigger word, both
    actors found in the parse (and at least one of them coded), a verbal
    trigger, an asserted status.
    """
    score = 0.15 + 0.4 * cand.sense.weight
    score += 0.15 if source is not None else 0.0
    score += 0.12 if target is not None else 0.0
    score += 0.05 if cand.kind == "verb" else 0.0
    score += 0.05 if cand.phrase or cand.content else 0.0
    score -= 0.15 if cand.derived else 0.0
    score -= 0.1 if subordinate(cand.token) else 0.0
    score -= STATUS_PENALTY.get(status, 0.0)
    if not any(a is not None and is_coded(a) for a in (source, target)):
        # no country or organisation on either side: often not a political
        # event at all ("the family pleaded for a donor")
        score -= 0.1
    return round(min(0.99, max(0.01, score)), 3)


SUBORDINATE = {"advcl", "relcl", "acl", "pcomp", "pobj", "prep", "npadvmod", "amod", "appos", "compound"}


def subordinate(tok: Token) -> bool:
    """True when the trigger sits in a modifier (a relative, adverbial or
    prepositional phrase) rather than in the sentence's main assertion."""
    for _ in range(6):
        if tok.dep_ == "ROOT" or tok.head.i == tok.i:
            return False
        if tok.dep_ in SUBORDINATE:
            return True
        tok = tok.head
    return False


def dedupe(events: list[Event]) -> list[Event]:
    """One event per trigger (two for a reciprocal act), and one per action in a sentence.

    Two events of the same type and status in a sentence whose actors agree
    (one's source and target are the other's, or missing) are the same action
    told twice ("held talks ..., the first delegation to visit Bucharest"):
    the more confident one stays.
    """
    kept: list[Event] = []
    seen: set[int] = set()
    for ev in sorted(events, key=lambda e: -e.confidence):
        if ev.trigger.start in seen and not any(mirrors(ev, other) for other in kept):
            continue
        if any(same_action(ev, other) for other in kept):
            continue
        seen.add(ev.trigger.start)
        kept.append(ev)
    return sorted(kept, key=lambda e: e.trigger.start)


def mirrors(a: Event, b: Event) -> bool:
    """True for the two directions of one reciprocal act ("traded accusations")."""
    return a.trigger.start == b.trigger.start and a.source == b.target and a.target == b.source


def same_action(weaker: Event, stronger: Event) -> bool:
    """True when ``weaker`` repeats ``stronger``: same sentence, type, status, compatible actors."""
    if (weaker.sentence.start, weaker.type, weaker.status) != (stronger.sentence.start, stronger.type, stronger.status):
        return False
    return compatible(weaker.source, stronger.source) and compatible(weaker.target, stronger.target)


def compatible(a: Actor | None, b: Actor | None) -> bool:
    """True when actor ``a`` is missing or names the same country/code as ``b``."""
    if a is None:
        return True
    if b is None:
        return False
    return country_keys(a) <= country_keys(b) or (a.start == b.start and a.end == b.end)
