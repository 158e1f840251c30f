"""What a document says about a bare surname or a demonym before the knowledge base is asked.

"Mr Howard" in a 2005 British story is Michael Howard, not Australia's John Howard, whom the
knowledge base knows by the surname: a surname alone names a known person only when the
document does not name someone else of that surname ("Tory leader Michael Howard") and the
person's country is among the story's countries (when the story names any). And a demonym in a
title ("The Irishman", a film) is no country.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from .kb import words

#: Nouns of works and products: a demonym in an appositive or predicate beside one is a title.
WORK_NOUNS = frozenset({
    "film", "movie", "picture", "documentary", "book", "novel", "memoir", "biography", "album", "song", "single",
    "record", "play", "musical", "opera", "ballet", "series", "show", "sitcom", "drama", "game", "painting",
    "sculpture", "poem", "product", "brand", "model", "car", "phone", "app", "drink", "beer", "whisky", "horse",
})
#: Quotation marks around a title.
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})


class SurnameContext:
    """Mixin for ``DocumentActors``: the document's own evidence about a bare surname and its countries."""

    _tokens: list[Any]
    _ents: list[Span]
    _text: str
    kb: Any

    def other_person_named(self, start: int, canonical: str) -> bool:
        """True when a longer person name earlier in the document ends in the surname at ``start`` and is not
        ``canonical`` (the known actor's name): "Mr Howard" after "Michael Howard" is Michael Howard."""
        surname = self._tokens[start].lower_
        known = set(words(canonical))
        for ent in self._ents:
            if ent.start >= start:
                break
            if ent.label_ != "PERSON" or len(ent) < 2 or self._tokens[ent.end - 1].lower_ != surname:
                continue
            given = [t for t in ent[:-1] if t.is_alpha and len(t) > 1 and t.text[:1].isupper()]
            if given and given[0].lower_ not in known:
                return True
        return False

    def story_countries(self) -> frozenset[str]:
        """The countries the document names (countries, capitals, places and peoples of its GPE and NORP mentions)."""
        cached = getattr(self, "_story_countries", None)
        if cached is not None:
            return cached  # type: ignore[no-any-return]
        found = set()
        for ent in self._ents:
            if ent.label_ not in ("GPE", "NORP"):
                continue
            for hit in self.kb.lookup(words(self._text[ent.start_char:ent.end_char])):
                if hit.actor is None and hit.country and hit.kind != "feature":
                    found.add(hit.country)
                    break
        self._story_countries = frozenset(found)
        return self._story_countries

    def work_title(self, ent: Span) -> bool:
        """True when a demonym or country word is (part of) the title of a work or product, not a people.

        In quotation marks, after a capitalised "The" inside a sentence ("saw The Irishman"), beside
        a work noun ("The Irishman, a film by"), or the same words as a title found earlier.
        """
        tokens = self._tokens
        text = self._text[ent.start_char:ent.end_char].lower()
        titles: set[str] = self.__dict__.setdefault("_work_titles", set())
        if text in titles:
            return True
        before = tokens[ent.start - 1] if ent.start > 0 else None
        after = tokens[ent.end] if ent.end < len(tokens) else None
        quoted = before is not None and after is not None and before.text in _QUOTES and after.text in _QUOTES
        the = before is not None and before.text == "The"
        mid_sentence = the and before.i > 0 and not before.is_sent_start  # type: ignore[union-attr]
        root = ent.root
        beside = {child.lemma_.lower() for child in root.children if child.dep_ == "appos"}
        if root.dep_ == "appos":
            beside.add(root.head.lemma_.lower())
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            beside |= {c.lemma_.lower() for c in root.head.children if c.dep_ == "attr"}
        titled = quoted or mid_sentence or (the and bool(beside & WORK_NOUNS))
        if titled:
            titles.add(text)
        return titled
