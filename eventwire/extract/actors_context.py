"""What the document around a phrase says: pronouns, owners, epithets and the sentence's country.

"he"/"she" and "its"/"their" refer back to earlier mentions; "the North" or "the rebels
there" to places already named; a bare sector noun takes the one country of its sentence.
A mixin of ``DocumentActors`` (see ``actors.py``): it reads the document state set up there.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..records import Actor
from .actors_rules import ACTOR_LABELS, LOCATIVE, PERSON_PRONOUNS, clause_token, is_place

#: Subject pronouns that stand for an owner further up ("Syria says it will withdraw its troops").
_SUBJECT_PRONOUNS = frozenset({"it", "they", "we"})
#: Dependencies by which a country word belongs to another noun ("South African leader").
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
#: Dependencies of a clause's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class DocumentContext:
    """Context and coreference: what earlier mentions and the sentence say about a phrase."""

    def _pronoun(self, token: Token) -> Actor | None:
        """The person a he/she/him/her/his refers to.

        The one person in view (the previous and current sentence), else the whole text so
        far when it names one person only. With several people in view, the nearest subject
        before the pronoun in its own sentence, else the first subject of the previous
        sentence (news prose keeps its topic as subject: "X met Y on Monday. He said...").
        A person is never the object pronoun of their own verb ("X praised him").
        """
        sent_start = self._sent[token.i][0]
        prev_start = self._sent[sent_start - 1][0] if sent_start > 0 else sent_start
        window_from, here_from = self.doc[prev_start].idx, self.doc[sent_start].idx
        own = clause_token(token)
        seen = [(pos, a, t) for pos, a, t in self._people if pos < token.idx
                and not (token.lower_ != "his" and t.head.i == own.head.i and t.i != own.i and t.head.i != t.i)]
        near = [(pos, a, t) for pos, a, t in seen if pos >= window_from]
        if len({a.canonical for _, a, _ in near}) == 1:
            return near[0][1]
        if not near:
            every = {a.canonical: a for _, a, _ in seen}
            return next(iter(every.values())) if len(every) == 1 else None
        here = [a for pos, a, t in near if pos >= here_from and t.dep_ in _SUBJECTS]
        if here:
            return here[-1]
        before = [a for pos, a, t in near if pos < here_from and t.dep_ in _SUBJECTS]
        return before[0] if before else None

    def _possessor(self, pron: Token) -> tuple[Actor, bool] | None:
        """The state or body an "its"/"their" refers to: always a mention before the pronoun.

        The subject of the nearest enclosing clause that stands before the pronoun ("France
        closed its embassy", "Russia said its troops had..."), else the nearest name before it
        in its sentence that is some clause's subject, else the main subject of the previous
        sentence. A named person is never the owner (people take "his"/"her").

        Args:
            pron: the "its"/"their" token.

        Returns:
            (owner, own clause) or None; own clause is True when the owner is the subject of
            the very clause in which the owned noun is an object ("Syria withdrew its troops").
        """
        if pron.i in self._busy:
            return None  # a subject whose own "its" leads back here
        self._busy.add(pron.i)
        try:
            tok = pron.head
            # own clause: the owned noun is no subject on the way up, and every subject passed
            # over is a pronoun standing for the owner ("Syria says it is willing to withdraw
            # its troops")
            own = True
            for _ in range(12):
                for child in tok.children:
                    if (child.dep_ in _SUBJECTS and child.i < pron.i
                            and not child.left_edge.i <= pron.i <= child.right_edge.i):
                        owner = self._owner_at(child, plural_ok=pron.lower_ != "its")
                        if owner is not None:
                            return owner, own
                        own = own and child.lower_ in _SUBJECT_PRONOUNS
                own = own and tok.dep_ not in _SUBJECTS
                if tok.head is tok:
                    break
                tok = tok.head
            sent_start = self._sent[pron.i][0]
            for ent in reversed(self._ents):
                # a subject of another clause before it (news keeps its topic as subject), not
                # an object ("ties with Gondor") nor a name qualifying a noun ("Calenardhon crowds")
                if (sent_start <= ent.start and ent.end <= pron.i and ent.label_ in ACTOR_LABELS
                        and clause_token(ent.root).dep_ in _SUBJECTS and ent.root.dep_ not in ("compound", "amod")):
                    owner = self._owner_at(ent.root, plural_ok=pron.lower_ != "its")
                    if owner is not None:
                        return owner, False
            if sent_start > 0:
                prev_start = self._sent[sent_start - 1][0]
                root = next((t for t in self.doc[prev_start:sent_start] if t.dep_ == "ROOT"), None)
                subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None) if root is not None else None
                owner = self._owner_at(subject, plural_ok=pron.lower_ != "its") if subject is not None else None
                if owner is not None:
                    return owner, False
            return None
        finally:
            self._busy.discard(pron.i)

    def _owner_at(self, token: Token, *, plural_ok: bool = True) -> Actor | None:
        """The coded actor of the phrase headed by ``token`` when it can own things.

        Never a person; for "its" never a group in the plural ("crowds burned its embassy":
        the embassy is not the crowds'), though a country's plural name is fine ("the
        Philippines said its...").
        """
        if token.ent_type_ == "PERSON" or token.lower_ in PERSON_PRONOUNS or token.i in self._person_tokens:
            return None
        actor = self.actor_for_token(token)
        if actor is None or not (actor.code or actor.country or actor.members):
            return None
        if not plural_ok and (actor.members or token.tag_ in ("NNS", "NNPS") and actor.sector is not None):
            return None
        return actor

    def _sentence_country(self, start: int, end: int, *, exclude: set[str | None] | None = None,
                          own: Token | None = None, places: bool = False,
                          prefer: set[str | None] | None = None) -> str | None:
        """The one country named in the phrase's sentence (outside the phrase), if only one is.

        An official, army or police force with no country word of its own belongs, in news
        prose, to the country the sentence is about ("Police in the capital said...").

        Args:
            start: first token of the phrase.
            end: token after the phrase.
            exclude: countries not to count (an ethnic group's own).
            own: the head of a named person's phrase: then a country that belongs to another
                participant does not count ("President X welcomed South African leader Y",
                "X called for sanctions against Nigeria").
            places: with several countries, fall back on the one the sentence's places ("in
                Seoul") lie in: protesters and police belong where they are ("Protesters
                gathered outside the US embassy in Seoul").
            prefer: with several countries, the one of these (a people's homes) if only one is.

        Returns:
            The country, or None when the sentence names none or several.
        """
        mentions = self._sent_countries.get(self._sent[start][0])
        if not mentions:
            return None
        tokens = self._tokens
        skip_lo, skip_hi = tokens[start].idx, tokens[end - 1].idx
        found = {iso for pos, iso, i in mentions
                 if not skip_lo <= pos <= skip_hi and not (own is not None and self._participant(i))}
        found -= exclude or set()
        if len(found) > 1 and places:
            found = {iso for pos, iso, i in mentions
                     if not skip_lo <= pos <= skip_hi and is_place(tokens[i])} - (exclude or set())
        if len(found) > 1 and prefer:
            found &= prefer
        return next(iter(found)) if len(found) == 1 else None

    def _modified(self, i: int) -> Token | None:
        """The noun the country word at token ``i`` qualifies ("Israeli" -> "strike"), if any."""
        tok = self._tokens[i]
        while tok.dep_ in ("compound", "conj") and tok.head is not tok and tok.head.ent_type_ == tok.ent_type_:
            tok = tok.head
        return tok.head if tok.dep_ in _MODIFIER_DEPS and tok.head.i > tok.i else None

    def _participant(self, i: int) -> bool:
        """True when the country word at token ``i`` is, or qualifies, another participant.

        "South African leader de Klerk" (it qualifies another person or title), "sanctions
        against Nigeria", "met Ghana" (it is an object); not "in Ghana" (a place).
        """
        tok = self.doc[i]
        while tok.dep_ in ("compound", "conj", "appos") and tok.head is not tok and tok.head.ent_type_ == tok.ent_type_:
            tok = tok.head
        if tok.dep_ in _MODIFIER_DEPS:
            # another person, or a title that stands for one ("leader"); a group ("Chilean
            # officials", "Burmese troops") is often the person's own side
            noun = tok.head
            return noun.ent_type_ == "PERSON" or noun.tag_ == "NN" and bool(self.kb.agents.get((noun.lower_,)))
        if tok.dep_ in ("dobj", "dative", "nsubjpass"):
            return True
        return tok.dep_ == "pobj" and tok.head.lower_ not in LOCATIVE and tok.head.lower_ not in ("of", "from")

    def _there(self, head: Token) -> str | None:
        """The country of the last place named before "the rebels there", "officials there"."""
        if not any(c.lower_ == "there" and c.dep_ == "advmod" for c in head.children):
            return None
        before = [iso for i, iso in self._named() if i < head.i]
        return before[-1] if before else None

    def _epithet(self, start: int, end: int, head: Token) -> str | None:
        """A country an epithet ("the North", "the reclusive state") refers back to."""
        toks = [t.lower_ for t in self.doc[start:end] if not t.is_punct]
        for key in (tuple(toks), tuple(toks[-2:]), tuple(toks[1:]) if toks[:1] == ["the"] else ()):
            spec = self.kb.epithets.get(key) if key else None
            if spec:
                country, context = spec
                before = [iso for pos, iso, _ in self._countries if pos < self.doc[start].idx]
                if country == "*":
                    return before[-1] if before else None
                if any(iso in context for iso in before):
                    return country
        return None

    def _appositive(self, head: Token) -> Actor | None:
        """The actor of an apposition to ``head`` (either direction), if any."""
        for other in (*[c for c in head.children if c.dep_ == "appos"], *([head.head] if head.dep_ == "appos" else [])):
            if other.ent_type_ == "PERSON":
                continue
            start, end = self._phrase(other)
            actor = self._resolve(start, end, other)
            if actor is not None:
                return actor
        return None
