"""Status of an event (asserted, planned, alleged, denied, negated, hypothetical,
background) and the actor a reported claim is attributed to.

Both come from the words around the trigger in the parse: its auxiliaries and
modals, negation, a conditional clause it sits in, and the verbs above it
("plans to", "denied claims of", "accused X of", "officials said").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .event_agents import noun_governor
from .lexicon import Lexicon

# Relations through which a governor's meaning reaches the trigger below it.
EMBEDDING = {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "acomp", "advcl", "pcomp", "conj", "acl", "relcl", "attr"}


def governors(trigger: Token, limit: int = 5) -> list[Token]:
    """Return the chain of tokens above ``trigger`` through embedding relations."""
    out = []
    tok = trigger
    for _ in range(limit):
        if tok.dep_ not in EMBEDDING or tok.head.i == tok.i:
            break
        tok = tok.head
        out.append(tok)
    return out


def _own_markers(trigger: Token) -> list[Token]:
    """Auxiliaries, negations and adverbs attached to the trigger or its light verb."""
    heads = [trigger]
    if trigger.pos_ in ("NOUN", "PROPN"):
        gov = noun_governor(trigger)
        if gov is not None:
            heads.append(gov)
        elif trigger.dep_ == "nsubjpass" and trigger.head.pos_ in ("VERB", "AUX"):
            heads.append(trigger.head)
    return [c for h in heads for c in h.children]


def find_status(trigger: Token, lex: Lexicon, *, event_date: str | None = None, anchor: str | None = None) -> str:
    """Return the status of the event whose trigger is ``trigger``.

    Args:
        trigger: the trigger token.
        lex: the compiled lexicon (its cue word lists are used).
        event_date: the event's TIMEX3 value, if known (for "background").
        anchor: the document date (ISO), if known.

    Returns:
        One of asserted, planned, alleged, denied, negated, hypothetical, background.
    """
    cues = lex.cues
    chain = governors(trigger)
    for gov in chain:
        if gov.lemma_ in cues["denying_verbs"] and gov.pos_ == "VERB" and gov.i != trigger.i:
            return "denied"
    markers = _own_markers(trigger)
    words = {c.lower_ for c in markers}
    if words & cues["negations"] or any(c.dep_ == "neg" for c in markers) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children
    ):
        return "negated"
    if chain and chain[0].lemma_ in cues["failing_governors"] and trigger.dep_ == "xcomp":
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ in cues["conditional_marks"] for c in _clause_marks(trigger)):
        return "hypothetical"
    if words & cues["possible_modals"]:
        return "hypothetical"
    if words & cues["alleging_adverbs"] or any(
        c.dep_ == "amod" and c.lower_ in cues["alleging_modifiers"] for c in trigger.children
    ):
        return "alleged"
    for gov in chain:
        if gov.lemma_ in cues["alleging_verbs"] or gov.lemma_ in cues["claim_nouns"] and gov.pos_ == "NOUN":
            return "alleged"
        if gov.lemma_ == "threaten":
            return "hypothetical"
    if words & cues["future_modals"] or (words & {"going"} and "to" in words):
        return "planned"
    for gov in chain[:2]:
        if (gov.lemma_ in cues["planning_governors"] or gov.lower_ in cues["planning_governors"]) and gov.pos_ != "ADP":
            # "is about to restore", "is due to arrive"; not the prepositions
            # "talks about attacking", "due to the attack"
            return "planned"
        if any(c.lower_ in cues["future_modals"] for c in gov.children if c.dep_ == "aux"):
            if gov.lemma_ not in cues["reporting_verbs"]:
                return "planned"
    if _is_pluperfect(trigger) and not _backshifted(trigger, lex) or _is_older(event_date, anchor) or _set_back(trigger, lex):
        return "background"
    return "asserted"


def _set_back(trigger: Token, lex: Lexicon) -> bool:
    """True for the verb of an "after"/"since" clause set a stretch of time back
    ("five years after crowds burned its embassy"): an older act cited for context."""
    return (
        trigger.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in lex.cues["earlier_preps"] for c in trigger.children)
        and any(c.dep_ == "npadvmod" and c.lemma_.lower() in lex.cues["duration_nouns"] for c in trigger.children)
    )


def _backshifted(trigger: Token, lex: Lexicon) -> bool:
    """True when a pluperfect is the tense of reported speech, not an earlier time:
    "Egypt said it had lodged a protest" reports "Egypt has lodged a protest"."""
    clause = trigger
    for _ in range(3):
        if clause.dep_ == "ccomp" and clause.head.lemma_ in lex.cues["reporting_verbs"]:
            return True
        if clause.dep_ not in ("conj", "xcomp") or clause.head.i == clause.i:
            return False
        clause = clause.head
    return False


def _clause_marks(trigger: Token) -> list[Token]:
    """Subordinators of the clause the trigger heads or sits under ("if", "unless")."""
    out = list(trigger.children)
    tok = trigger
    for _ in range(3):
        if tok.dep_ in ("advcl",):
            out.extend(tok.children)
            break
        if tok.dep_ not in ("xcomp", "conj", "dobj", "pobj", "prep") or tok.head.i == tok.i:
            break
        tok = tok.head
    return out


def _is_pluperfect(trigger: Token) -> bool:
    """True for "had attacked": an event set before the story's time."""
    return trigger.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in trigger.children)


def _is_older(value: str | None, anchor: str | None) -> bool:
    """True when the event's date lies a year or more before the document date."""
    if not value or not anchor or not value[:4].isdigit() or not anchor[:4].isdigit():
        return False
    years = int(anchor[:4]) - int(value[:4])
    if len(value) >= 7 and value[5:7].isdigit() and anchor[5:7].isdigit():
        return years * 12 + int(anchor[5:7]) - int(value[5:7]) >= 12
    return years >= 2


def attribution_token(trigger: Token, lex: Lexicon, sent: Span) -> tuple[Token | None, Token | None]:
    """Find who a reported event is attributed to.

    Args:
        trigger: the trigger token.
        lex: the compiled lexicon.
        sent: the trigger's sentence (``Token.sent`` is slow to recompute).

    Returns:
        (head token of the attributing phrase or None, the reporting verb or None).
    """
    reporting = lex.cues["reporting_verbs"]
    for gov in governors(trigger, limit=6):
        if gov.pos_ in ("VERB", "AUX") and gov.lemma_ in reporting:
            return _speaker(gov), gov
    # "X agreed ..., officials said" parsed with "said" under the trigger's clause.
    root = sent.root
    for child in list(trigger.children) + ([c for c in root.children] if root.i != trigger.i else []):
        if child.dep_ in ("parataxis", "ccomp", "advcl") and child.lemma_ in reporting and child.i > trigger.i:
            return _speaker(child), child
    if "according" not in sent.text.lower():
        return None, None
    for tok in sent:
        if tok.lower_ == "according":
            for prep in tok.children:
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, tok
    return None, None


def _speaker(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None
