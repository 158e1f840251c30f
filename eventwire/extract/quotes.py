"""Quotes: what was said (or thought, or shown), and by whom.

The shapes that carry most attribution in news:
- a cue verb with a subject and a clausal complement, direct ("'We will respond,' the
  minister said") or indirect ("The ministry said it was on alert", "A poll found that...");
- a speech verb interrupting or following the quoted clause ("Voters, she said, should...");
- a participle or second verb sharing the first one's subject ("..., adding that ...");
- a speech verb or noun before a colon ("He made an appeal: '...'");
- "according to X", whose content is the rest of the sentence.
Cue words are data (``data/quotes.yaml``). Attributions nested in a direct quote ("I think",
inside what a speaker said) are dropped: the outer quote already carries them.
The speaker is coded through the document's actor resolver.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Quote, Span, Speaker

if TYPE_CHECKING:
    from .actors import DocumentActors

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "quotes.yaml"
_OPEN_QUOTES = "\"“«"
_QUOTE_CHARS = "\"“”«»"
#: Closing quotation marks -> the opening marks that pair with them.
_CLOSE_QUOTES = {"”": "“\"", '"': '"“', "''": "``'\"“", "»": "«"}
#: How far back (tokens) to look for the opening mark of a quotation.
_MAX_QUOTE_TOKENS = 300
_SUBJECTS = ("nsubj", "nsubjpass")
#: Dependencies by which a verb shares the subject of the verb it hangs from
#: ("He said X, adding Y", "She declined to comment but said...").
_SHARED_SUBJECT = ("advcl", "conj", "xcomp")
#: A "he said" frame inside a quotation is short ("the foreign minister of Chad said").
_MAX_FRAME_TOKENS = 12
#: Object pronouns parsed as subjects ("Let me tell you") name no speaker.
_OBJECT_PRONOUNS = frozenset({"me", "us", "him", "them"})
#: Fewer content words than this is a fragment ("Let me tell you"), not something said.
_MIN_CONTENT_WORDS = 2


@dataclass(frozen=True)
class Cues:
    """The cue lexicon: which lemmas attribute content, and how."""

    speech: frozenset[str]
    """Verbs of saying: any content shape, including an interrupted quoted clause or a colon."""
    complement_only: frozenset[str]
    """Verbs of thinking and of evidence: only with a clausal complement ("found that...")."""
    colon_nouns: frozenset[str]
    naming: frozenset[str]
    """Verbs whose content is a characterisation: "called it a disgrace", "described X as Y"."""
    phrasal: frozenset[tuple[str, str]]
    """(verb, preposition) pairs whose content is the preposition's phrase: "called for talks"."""
    verbs: frozenset[str]
    """Every verb lemma above, for one lookup per token."""


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Load ``data/quotes.yaml`` once."""
    data = yaml.safe_load(CUES_FILE.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(data.get(key, "").split())

    speech = words("speech")
    phrasal = frozenset(tuple(pair.split("_", 1)) for pair in words("phrasal"))
    complement_only = (words("cognition") | words("evidence")) - speech
    verbs = speech | complement_only | words("naming") | {verb for verb, _ in phrasal}
    return Cues(speech, complement_only, words("colon_nouns"), words("naming"), phrasal, verbs)  # type: ignore[arg-type]


def find_quotes(doc: Doc, actors: DocumentActors | None = None) -> list[Quote]:
    """Find quotes in a parsed document.

    Args:
        doc: the parsed cleaned text.
        actors: the document's actor resolver, to code speakers (optional).

    Returns:
        One Quote per attribution, in text order.
    """
    lexicon = cues()
    quotes: list[Quote] = []
    for token in doc:
        pos, quote = token.pos_, None
        if token.lower_ == "according":
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                quote = _according_to_quote(token, actors)
        elif pos == "VERB" or pos == "AUX":
            if token.lemma_.lower() in lexicon.verbs:
                quote = _verb_quote(token, lexicon, actors)
        elif pos == "NOUN" and token.lemma_.lower() in lexicon.colon_nouns:
            quote = _colon_noun_quote(token, actors)
        if quote is not None:
            quotes.append(quote)
    return _outermost(quotes)


def _verb_quote(verb: Token, lexicon: Cues, actors: DocumentActors | None) -> Quote | None:
    subject = _subject(verb)
    if subject is None:
        return None
    lemma = verb.lemma_.lower()
    is_speech = lemma in lexicon.speech
    content = None
    if lemma in lexicon.speech or lemma in lexicon.complement_only:
        content = _complement(verb, is_speech)
    if content is None and lemma in lexicon.naming:
        content = _characterisation(verb)
    if content is None:
        content = _phrasal_object(verb, lexicon.phrasal)
    if content is None and is_speech:
        content = _interrupted_clause(verb) or _preceding_quotation(verb, subject) or _after_colon(verb)
    if content is None:
        return None
    return _quote(subject, verb.doc[verb.i:verb.i + 1], content, actors)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it shares one with ("..., adding that")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            if subject.lower_ in _OBJECT_PRONOUNS or (subject.lower_ == "it" and subject.dep_ == "nsubjpass"):
                return None
            return subject
        if verb.dep_ not in _SHARED_SUBJECT or verb.head is verb:
            return None
        verb = verb.head
    return None


def _complement(verb: Token, is_speech: bool) -> SpacySpan | None:
    deps = ("ccomp", "parataxis") if is_speech else ("ccomp",)
    clause = next((c for c in verb.children if c.dep_ in deps and c.i > verb.i or c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    return _trim_punct(verb.doc[clause.left_edge.i:clause.right_edge.i + 1])


def _characterisation(verb: Token) -> SpacySpan | None:
    """"called it a disgrace" (object predicate) or "described the plan as reckless"."""
    for child in verb.children:
        if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"):
            return _trim_punct(verb.doc[child.left_edge.i:child.right_edge.i + 1])
    return None


def _phrasal_object(verb: Token, phrasal: frozenset[tuple[str, str]]) -> SpacySpan | None:
    """"called for a ceasefire", "called on voters to turn out": the preposition's phrase."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prep" and (lemma, child.lower_) in phrasal:
            end = max(t.i for t in verb.subtree if t.i >= child.i and t.dep_ != "punct")
            return _trim_punct(verb.doc[child.i + 1:end + 1])
    return None


def _interrupted_clause(verb: Token) -> SpacySpan | None:
    """The clause a speech verb hangs from: "'We will respond,' he said" or "We, he said, will..."."""
    if verb.dep_ not in ("parataxis", "ccomp") or verb.head is verb:
        return None
    if sum(1 for _ in verb.subtree) > _MAX_FRAME_TOKENS or any(c.dep_ in ("dobj", "prep") for c in verb.children):
        return None  # a clause of its own ("We will respond to any attack"), not a "he said" frame
    head, doc = verb.head, verb.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if verb.right_edge.i + 1 >= end:  # the verb's clause closes the sentence
        end = verb.left_edge.i
    elif verb.left_edge.i <= start:  # "He said: we will..." parsed as parataxis of the content
        start = verb.right_edge.i + 1
    return _trim_punct(doc[start:end])


def _preceding_quotation(verb: Token, subject: Token) -> SpacySpan | None:
    """A quotation right before "he said" / "said Maher", which the parser often leaves as
    a sentence of its own: from the closing quotation mark back to the opening one."""
    doc = verb.doc
    i = min(verb.i, subject.left_edge.i) - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in ",—–-"):
        i -= 1
    if i < 0 or doc[i].text not in _CLOSE_QUOTES:
        return None
    close = i
    opener = _CLOSE_QUOTES[doc[close].text]
    for j in range(close - 1, max(close - _MAX_QUOTE_TOKENS, -1), -1):
        if doc[j].text in opener:
            return _trim_punct(doc[j + 1:close])
    return None


def _after_colon(cue: Token) -> SpacySpan | None:
    """What follows a colon right after the cue's phrase ("He made this appeal: ...")."""
    doc = cue.doc
    i = cue.right_edge.i + 1 if cue.pos_ == "NOUN" else cue.i + 1
    colon = next((t for t in doc[i:min(i + 3, len(doc))] if t.text == ":"), None)
    if colon is None:
        return None
    sent = colon.sent
    end = sent.end
    if colon.i + 1 >= end and end < len(doc):  # the colon closes the parser's sentence
        end = doc[end].sent.end
    return _trim_punct(doc[colon.i + 1:end])


def _colon_noun_quote(noun: Token, actors: DocumentActors | None) -> Quote | None:
    content = _after_colon(noun)
    if content is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        verb = noun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        owner = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    if owner is None:
        return None
    return _quote(owner, noun.doc[noun.i:noun.i + 1], content, actors)


def _according_to_quote(according: Token, actors: DocumentActors | None) -> Quote | None:
    doc = according.doc
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = according.sent
    phrase_end = max(pobj.right_edge.i, according.i + 1) + 1
    if according.i - sent.start > 1:
        content = doc[sent.start:according.i]
    else:
        content = doc[phrase_end:sent.end]
    return _quote(pobj, doc[according.i:according.i + 2], _trim_punct(content), actors)


def _quote(speaker: Token, cue: SpacySpan, content: SpacySpan, actors: DocumentActors | None) -> Quote | None:
    if sum(1 for t in content if not (t.is_punct or t.is_space)) < _MIN_CONTENT_WORDS:
        return None
    return Quote(
        speaker=_speaker(speaker, actors),
        cue=Span(cue.text, cue.start_char, cue.end_char),
        content=Span(content.text, content.start_char, content.end_char),
        direct=_is_direct(content),
    )


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """Drop attributions whose cue lies inside a direct quote ("'I think we win,' he said")."""

    def inside(cue: Span, content: Span) -> bool:
        return content.start <= cue.start and cue.end <= content.end

    return [
        q for q in quotes
        if not any(o.direct and o is not q and inside(q.cue, o.content) and not inside(o.cue, q.content) for o in quotes)
    ]


def _trim_punct(span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def _is_direct(content: SpacySpan) -> bool:
    doc = content.doc
    before = doc[max(content.start - 2, 0):content.start].text
    return any(q in before for q in _QUOTE_CHARS) or any(q in content.text[:2] for q in _OPEN_QUOTES)


def _speaker(head: Token, actors: DocumentActors | None) -> Speaker:
    phrase = head.doc[head.left_edge.i:head.right_edge.i + 1]
    actor = actors.actor_for_token(head) if actors is not None else None
    return Speaker(
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        canonical=actor.canonical if actor else None,
        country=actor.country if actor else None,
        code=actor.code if actor else None,
    )
