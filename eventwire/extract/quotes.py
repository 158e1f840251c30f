"""Quotes: what was said, and by whom.

Two shapes cover most news attribution:
- a speech verb with a subject and a clausal complement, direct ("'We will respond,' the
  minister said") or indirect ("The ministry said it was on alert");
- "according to X", whose content is the rest of the sentence.
The speaker is coded through the document's actor resolver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..records import Quote, Span, Speaker

if TYPE_CHECKING:
    from .actors import DocumentActors

#: Lemmas of verbs that report speech or a stated position.
SPEECH_VERBS = frozenset(
    "say tell add state announce declare claim insist warn stress note report argue explain "
    "confirm deny allege acknowledge admit assert maintain reiterate suggest write tweet post "
    "vow pledge promise urge caution predict estimate believe think contend respond reply "
    "comment testify emphasize emphasise recall conclude indicate reveal disclose".split()
)
_OPEN_QUOTES = "\"“«"
_QUOTE_CHARS = "\"“”«»"


def find_quotes(doc: Doc, actors: DocumentActors | None = None) -> list[Quote]:
    """Find quotes in a parsed document.

    Args:
        doc: the parsed cleaned text.
        actors: the document's actor resolver, to code speakers (optional).

    Returns:
        One Quote per speech act, in text order.
    """
    quotes: list[Quote] = []
    for sent in doc.sents:
        for token in sent:
            if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
                quote = _speech_verb_quote(token, sent, actors)
                if quote:
                    quotes.append(quote)
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                quote = _according_to_quote(token, sent, actors)
                if quote:
                    quotes.append(quote)
    return quotes


def _speech_verb_quote(verb: Token, sent: SpacySpan, actors: DocumentActors | None) -> Quote | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    content = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None)
    if content is None:
        # "'We will respond,' he said": the quoted clause is often the root and the verb hangs off it.
        if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
            content = verb.head
            if subject is None:
                return None
            start, end = _content_bounds(content, exclude=verb)
        else:
            return None
    else:
        start, end = content.left_edge.i, content.right_edge.i + 1
    if subject is None:
        return None
    doc = verb.doc
    content_span = doc[start:end]
    direct = _is_direct(content_span)
    return Quote(
        speaker=_speaker(subject, actors),
        cue=Span(verb.text, verb.idx, verb.idx + len(verb.text)),
        content=Span(content_span.text, content_span.start_char, content_span.end_char),
        direct=direct,
    )


def _according_to_quote(according: Token, sent: SpacySpan, actors: DocumentActors | None) -> Quote | None:
    to = according.doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase_end = max(pobj.right_edge.i, according.i + 1) + 1
    doc = according.doc
    if according.i - sent.start > 1:
        content = doc[sent.start:according.i]
    else:
        content = doc[phrase_end:sent.end]
    content = _trim_punct(content)
    if len(content) == 0:
        return None
    cue = doc[according.i:according.i + 2]
    return Quote(
        speaker=_speaker(pobj, actors),
        cue=Span(cue.text, cue.start_char, cue.end_char),
        content=Span(content.text, content.start_char, content.end_char),
        direct=False,
    )


def _content_bounds(head: Token, *, exclude: Token) -> tuple[int, int]:
    """The subtree of ``head`` up to (not including) the clause of ``exclude``."""
    start = head.left_edge.i
    end = exclude.left_edge.i
    span = _trim_punct(head.doc[start:end])
    return span.start, span.end


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
    inside = content.text
    return any(q in before for q in _QUOTE_CHARS) or any(q in inside[:2] for q in _OPEN_QUOTES)


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
