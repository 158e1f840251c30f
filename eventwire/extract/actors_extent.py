"""Where an actor phrase begins and ends, and lists of actors in it (coordination, members).

A mixin of ``DocumentActors`` (see ``actors.py``): it reads the document state set up there.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Actor
from .actors_rules import POSSESSIVE, compound, hyphen_end

#: Dependents of an actor head that belong to another phrase.
_CUT = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "det:predet", "case", "mark", "preconj"})
_KEEP_PREPS = frozenset({"of", "from", "in"})
#: Verbs of saying that follow their subject in a reporting clause ("..., the ministry said").
_REPORTING = frozenset({"say", "tell", "report", "announce", "add", "state", "claim", "confirm"})


def appositive_list(token: Token) -> list[Token]:
    """Names listed after ``token`` that the parser hung on it as an apposition with conjuncts.

    "Kenya, Uganda, Tanzania and Rwanda" is often parsed with "Uganda" as an apposition of
    "Kenya" and the rest as its conjuncts: a name followed by a name with conjuncts is a list,
    not a description.

    Args:
        token: the first name.

    Returns:
        The listed names after it, or an empty list.
    """
    if token.pos_ != "PROPN":
        return []
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > token.i:
            conj = [c for c in child.conjuncts if c.pos_ == "PROPN"]
            if conj:
                return [child, *conj]
    return []


class PhraseExtent:
    """Phrase boundaries and coordinated (compound) actors."""

    def _phrase(self, token: Token, *, cut_appos: bool = False) -> tuple[int, int]:
        """Token range of the phrase headed by ``token``: modifiers, "of"/"from"/"in" phrases and appositions.

        Args:
            token: the phrase's head.
            cut_appos: leave appositions out (they are list members of their own).

        Returns:
            (start, end) token indices, end exclusive.
        """
        start = end = token.i
        # "its embassy, a senior X official said": a common-noun apposition after a possessive
        # pronoun is far more often a misparsed reporting clause than a description of the
        # noun ("its neighbour, Eritrea" keeps its name)
        owned = any(c.dep_ == "poss" and c.lower_ in POSSESSIVE for c in token.children)
        for child in token.children:
            if child.dep_ in _CUT and not (child.dep_ == "prep" and child.lower_ in _KEEP_PREPS):
                continue
            if child.dep_ == "appos" and (cut_appos or owned and child.pos_ != "PROPN" or self._reporter(child)):
                continue
            if child.i < token.i:
                start = min(start, child.left_edge.i)
            else:
                end = max(end, child.right_edge.i)
        for i in range(token.i + 1, end + 1):
            tok = self.doc[i]
            if tok.dep_ in ("conj", "appos") and tok.head.i != token.i and self._reporter(tok):
                end = tok.left_edge.i - 1  # "scores of refugees, ..., Human Rights Watch said"
                break
        sent_start, sent_end = self._sent[token.i]
        ent = self._ent_of.get(token.i)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end - 1)
        start, end = max(start, sent_start), hyphen_end(token.doc, min(end + 1, sent_end), sent_end)
        while end - 1 > start and self.doc[end - 1].is_punct:
            end -= 1
        return start, end

    def _reporter(self, appos: Token) -> bool:
        """True for an apposition or conjunct that is the misparsed subject of a reporting verb
        right after it ("refugees, whom ..., Human Rights Watch said"): a reporting verb does
        not follow a description of the noun nor another member of a list."""
        after = appos.right_edge.i + 1
        return after < len(self.doc) and self.doc[after].lemma_ in _REPORTING and self.doc[after].pos_ in ("VERB", "AUX")

    def _coordinated(self, head: Token, conjuncts: list[Token], start: int, end: int, *,
                     cut_appos: bool = False) -> Actor | None:
        """A compound actor over ``head`` and its conjuncts (``cut_appos``: the list runs through an apposition)."""
        members = []
        for tok in (head, *conjuncts):
            s, e = self._phrase(tok, cut_appos=cut_appos and tok is head)
            a = self._resolve(s, e, tok)
            if a is not None:
                members.append(a)
        if not members:
            return None
        if len(members) == 1:
            return members[0]
        return compound(self.doc, self._text, start, end, members)
