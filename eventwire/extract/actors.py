"""Actor resolution: which political actor a phrase in a parsed document denotes.

``get_resolver()`` loads the knowledge base once (see ``kb.py`` for the code scheme);
``resolver.document(doc, date)`` codes every named-entity mention and returns a
``DocumentActors`` whose ``actor(span)`` / ``actor_for_token(token)`` resolve any noun phrase
the event coder points at. Rules, in order:

1. names: the longest known name inside the phrase (people and organisations with
   date-bounded roles, countries by name/adjective/demonym, capitals, seats of government),
   in the meaning it had on the article date ("Juba" was in Sudan before 2011); a people's
   name ("Karen", "Kurdish") stands for the country it lives in that the article names, else
   its likeliest; a sea named after a country ("South China Sea") is no country's; a country
   word after "anti-"/"pro-" is a stance, and one owning an "ally" or "proxy" another party;
2. a person or body the KB knows takes its role on the article date (title, country, sector);
3. a country word with a sector noun ("South Korean officials", "Seoul's spy agency") gives
   country + sector; a capital or seat acting as subject or possessor is the government
   ("Moscow denied", "the Kremlin"); a capital after "in"/"at" is a place: the country
   only (no sector), never its government;
4. within the document: later surnames, "he"/"she" when one person is in view, and epithets
   ("the North", "the reclusive state") refer back to what was already mentioned;
5. "ethnic X" and "the X minority/population" are coded by where the article puts them
   ("ethnic Albanians" near Macedonia's border: MKD), preferring the people's known homes;
6. coordination ("the United States and South Korea") gives an actor with ``members``, and so
   does a list of names the parser reads as an apposition with conjuncts ("Kenya, Uganda,
   Tanzania and Rwanda" with "Uganda" as apposition);
7. "its"/"their" take the nearest fitting actor before them (the subject of an enclosing
   clause first), and "its troops" gets the owner's country with the noun's sector.

A place phrase after a noun ("soldiers in south Ukraine") says where, not whose: it never
beats the noun's own country word or name, and gives a bare sector noun only a weak cue.

A bare sector noun takes the sentence's one country only when nothing says otherwise:
"Western governments" and "foreign diplomats" are from elsewhere, "the rebels there" are where
the last place named is, and a country word on a strike or weapon ("died in an Israeli air
strike") says who struck, not where the victims belong. A country word on a language ("the
Russian language") is no actor. A name the NER takes for a person but the knowledge base
knows only as a town ("Samarra") is a place, unless a longer person's name in the text ends
with it. Word lists: ``data/actors/words.yaml``.

Codes follow ``kb.py``: ``country`` is ISO 3166-1 alpha-3, ``code`` the Phoenix/CAMEO 2.0
country code plus sector. Cabinet members are GOV even for defence ("US Secretary of Defense
Lloyd Austin" -> USAGOV): they are civilian ministers, and CAMEO reserves MIL for the armed
forces and their officers.

The rules are split by idea: ``actors_phrases.py`` (the rules for one phrase),
``actors_names.py`` (known names and sector nouns in it), ``actors_context.py`` (pronouns,
owners, epithets, the sentence's country) and ``actors_extent.py`` (phrase boundaries and
coordination); small shared tests live in ``actors_rules.py``. This module loads the resolver
and codes a document's entities.
"""

from __future__ import annotations

import functools
import os
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Entity
from .actors_context import DocumentContext
from .actors_context_names import SurnameContext
from .actors_extent import PhraseExtent, appositive_list
from .actors_names import NameFinder
from .actors_phrases import PhraseRules
from .actors_rules import ACTOR_LABELS, actor_from_role, clause_token, hyphen_end, stance, token_words
from .kb import KnowledgeBase, load_shipped, merge_user_file, words

#: Entity labels coded as actors only when the knowledge base knows the name.
_KB_ONLY_LABELS = frozenset({"FAC", "LOC"})


def get_resolver(actors_file: str | None = None) -> ActorResolver:
    """The resolver over the shipped KB merged with a user file, loaded once per file.

    Args:
        actors_file: a user's YAML actor file; None uses ``EVENTWIRE_ACTORS_FILE`` if set.

    Returns:
        A cached ``ActorResolver``.
    """
    return _resolver(actors_file or os.environ.get("EVENTWIRE_ACTORS_FILE") or None)


@functools.lru_cache(maxsize=8)
def _resolver(actors_file: str | None) -> ActorResolver:
    kb = _shipped()
    if actors_file:
        kb = load_shipped()  # a private copy: merging must not leak into the shared KB
        merge_user_file(kb, Path(actors_file))
    return ActorResolver(kb)


@functools.lru_cache(maxsize=1)
def _shipped() -> KnowledgeBase:
    return load_shipped()


get_resolver.cache_clear = _resolver.cache_clear  # type: ignore[attr-defined]


class ActorResolver:
    """Resolves names and phrases against the knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def document(self, doc: Doc, date: str | None) -> DocumentActors:
        """Code every entity mention of ``doc`` and prepare phrase resolution.

        Args:
            doc: the parsed document.
            date: the article date (ISO), against which roles are resolved.

        Returns:
            The document's actors.
        """
        return DocumentActors(self.kb, doc, date)

    def lookup(self, name: str, date: str | None = None) -> list[tuple[Actor, str]]:
        """What a bare name resolves to, with a one-line reason each (for the CLI).

        Args:
            name: a name, e.g. "Moon Jae-in" or "the Kremlin".
            date: ISO date the roles are resolved against (None: latest role).

        Returns:
            (actor, why) pairs, best first; empty when nothing is known.
        """
        out: list[tuple[Actor, str]] = []
        key = words(name)
        for hit in self.kb.lookup(key):
            if not hit.active(date):
                continue
            if hit.actor is not None:
                role = hit.actor.role(date)
                weak = " (surname: used only for a person or after a title)" if hit.kind == "surname" else ""
                actor = actor_from_role(self.kb, hit.actor, role, name, None, None)
                source = "your actors file" if hit.actor.source != "kb" else f"shipped knowledge base {self.kb.version}"
                if role is not None and (role.start or role.end):
                    span = f"{role.start or '…'} to {role.end or 'now'}"
                    why = f"{hit.actor.canonical}: role {role.code} {role.title or ''} {span} ({source})"
                elif role is not None:
                    why = f"{hit.actor.canonical}: undated role {role.code} ({source})"
                else:
                    why = f"{hit.actor.canonical}: no role on {date} ({source})"
                out.append((actor, " ".join(why.split()) + weak))
            else:
                country = self.kb.countries.get(hit.country or "")
                cname = country.name if country else hit.country
                sector = hit.sector if hit.kind == "seat" else None
                if hit.kind == "capital":
                    why = f"capital of {cname}: the government when it acts (\"{name} said\"), a place after 'in'/'at'"
                    sector = "GOV"
                elif hit.kind == "seat":
                    why = f"seat of {cname}'s {hit.sector} sector"
                elif hit.kind == "place":
                    why = f"a place in {cname}"
                elif hit.kind == "people":
                    why = f"a people living in {cname} (the article's country among its homes wins)"
                elif hit.kind == "feature":
                    why = "a sea or region that is no country's"
                else:
                    why = f"name or adjective of {cname}"
                actor = Actor(text=name, code=self.kb.code(hit.country, sector), country=hit.country,
                              sector=sector, canonical=cname)
                out.append((actor, why))
        if not out and key:
            sector = self.kb.agents.get(tuple(w.lower() for w in key))
            if sector:
                out.append((Actor(text=name, sector=sector), f"sector noun ({sector}); the country comes from the words around it"))
        return out


class DocumentActors(PhraseRules, NameFinder, DocumentContext, PhraseExtent, SurnameContext):
    """The actors of one parsed document.

    The rules live in the mixins by idea (see the module docstring); this class holds the
    document state they share and codes every entity mention up front.
    """

    entities: list[Entity]

    def __init__(self, kb: KnowledgeBase, doc: Doc, date: str | None) -> None:
        self.kb = kb
        self.doc = doc
        self.date = date
        self._text = doc.text  # Doc.text joins every token on each access
        # one Token object per index: doc[i] builds a new one on every access
        self._tokens: list[Token] = list(doc)
        self._norm = [token_words(t) for t in self._tokens]
        self._people: list[tuple[int, Actor, Token]] = []  # (char offset, actor, clause-level token)
        self._surnames: dict[str, Actor] = {}
        self._countries: list[tuple[int, str, int]] = []  # (char offset, iso3, root token)
        # the same by sentence start, for the sentence's country; a country word on a strike or
        # weapon says who struck ("died in an Israeli air strike"), not where the story is
        self._sent_countries: dict[int, list[tuple[int, str, int]]] = {}
        self._person_tokens: set[int] = set()  # tokens of people the NER labelled otherwise
        self._busy: set[int] = set()  # possessive pronouns being resolved (no cycles)
        self._named_cache: list[tuple[int, str]] | None = None  # (token, iso3) of place names, on first need
        # sentence and entity of each token, computed once: Token.sent and Doc.ents rescan
        # the document on every call
        self._sent: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
        for sent in doc.sents:
            bounds = (sent.start, sent.end)
            for i in range(sent.start, sent.end):
                self._sent[i] = bounds
        self._ents = list(doc.ents)
        self._ent_of: dict[int, Span] = {i: e for e in self._ents for i in range(e.start, e.end)}
        # last words of longer person names: "Houston" after "Sam Houston" is his surname, not the town
        self._surname_words = {self._tokens[e.end - 1].lower_ for e in self._ents if e.label_ == "PERSON" and len(e) > 1}
        self.entities = []
        for ent in self._ents:
            if ent.label_ not in ACTOR_LABELS and ent.label_ not in _KB_ONLY_LABELS:
                continue
            entity = self._entity(ent)
            if entity is not None:
                self.entities.append(entity)

    def actor(self, span: Span) -> Actor | None:
        """The political actor a noun phrase denotes, or None.

        Args:
            span: a span of this document (a noun phrase, a name, a pronoun).

        Returns:
            An Actor with character offsets into ``doc.text`` (``members`` for a coordination).
        """
        if len(span) == 0:
            return None
        head = span.root
        listed = appositive_list(head)
        conjuncts = [c for c in (*head.conjuncts, *listed) if span.start <= c.i < span.end and c.pos_ in ("NOUN", "PROPN")
                     and not self._reporter(c)]
        if conjuncts:
            return self._coordinated(head, sorted(conjuncts), span.start, span.end, cut_appos=bool(listed))
        if head.ent_type_ == "PERSON" and head.i in self._ent_of:
            # a bare name: the title and country words around it belong to it too
            start, end = self._phrase(head)
            return self._resolve(min(start, span.start), max(end, span.end), head)
        return self._resolve(span.start, span.end, head)

    def actor_for_token(self, token: Token) -> Actor | None:
        """The actor of the phrase headed by ``token`` (a subject or object head).

        Args:
            token: the head token of a noun phrase.

        Returns:
            An Actor, or None when the phrase is not a political actor.
        """
        listed = appositive_list(token)
        conjuncts = [c for c in (*token.conjuncts, *listed) if c.pos_ in ("NOUN", "PROPN") and not self._reporter(c)]
        if conjuncts and token.dep_ != "conj":
            start, end = self._phrase(token)
            last = max(conjuncts, key=lambda t: t.i)
            return self._coordinated(token, sorted(conjuncts), start, max(end, self._phrase(last)[1]),
                                     cut_appos=bool(listed))
        start, end = self._phrase(token)
        return self._resolve(start, end, token)

    def _entity(self, ent: Span) -> Entity | None:
        """Code one entity mention and remember it for later references."""
        tokens = self._tokens
        label = ent.label_
        root = ent.root  # Span.root and Span.text are recomputed on every access
        first, after, first_char, end_char = ent.start, ent.end, ent.start_char, ent.end_char
        text = self._text[first_char:end_char]
        # the noun a country word qualifies ("Russian" -> "language", "Israeli" -> "strike")
        noun = self._modified(root.i)
        qualified = noun.lemma_.lower() if noun is not None else ""
        if label in ("NORP", "GPE") and qualified and qualified in self.kb.words.get("not_actor_nouns", ()):
            return Entity(text=text, label=label, start=first_char, end=end_char)  # "the Russian language"
        if label in ("NORP", "GPE") and self.work_title(ent):
            return Entity(text=text, label=label, start=first_char, end=end_char)  # "The Irishman", a film
        if label == "PERSON" and (after - first > 1 or tokens[first].lower_ not in self._surname_words) and self._place_name(first, after):
            label = "GPE"  # "Samarra" taken for a person: a place the knowledge base knows
        if label == "PERSON":
            sent_start, sent_end = self._sent[first]
            left = root.left_edge.i
            start = max(left, sent_start) if left >= first - 8 else first
            end = after
            for child in root.children:
                # "King Hassan of Morocco", "X, the U.N. envoy": they say whose the person is
                if child.i > root.i and (child.dep_ == "appos" or child.dep_ == "prep" and child.lower_ == "of"):
                    end = max(end, min(child.right_edge.i + 1, sent_end))
            actor = self._resolve(min(start, first), hyphen_end(tokens, end, sent_end), root)
        else:
            start = first
            before = self._ent_of.get(start - 1)
            if label == "NORP" and before is not None and before.label_ in ("NORP", "GPE"):
                # the NER often splits "Bosnian Serbs": the first word says where, the second who
                start = before.start
            actor = self._resolve(start, after, root)
            if label in _KB_ONLY_LABELS and (actor is None or actor.country is None and actor.code is None):
                return None
        if actor is None:
            return Entity(text=text, label=label, start=first_char, end=end_char)
        if label == "ORG" and self._known_person(ent, actor):
            # the NER often takes a foreign name for an organisation ("Olaf Scholz"): a person
            # the KB knows is a person, and so a possible antecedent of "he"/"she"
            label = "PERSON"
            self._person_tokens.update(range(first, after))
        if label == "PERSON" and (actor.canonical or actor.country):
            canonical = actor.canonical or text
            country = self.kb.countries.get(actor.country or "")
            if country is not None and canonical == country.name:
                canonical = text  # a person coded by a country word is still that person
                actor = replace(actor, canonical=canonical)
            named = replace(actor, text=text, start=first_char, end=end_char, canonical=canonical)
            self._people.append((first_char, named, clause_token(root)))
            if after - first > 1:
                self._surnames.setdefault(tokens[after - 1].lower_, named)
        if actor.country and actor.sector != "MED" and not stance(tokens, first):
            # a news agency ("told AFP") says who reports, not where the story is
            mention = (first_char, actor.country, root.i)
            self._countries.append(mention)
            if not (qualified and qualified in self.kb.words.get("attack_nouns", ())):
                self._sent_countries.setdefault(self._sent[first][0], []).append(mention)
        return Entity(text=text, label=label, start=first_char, end=end_char,
                      canonical=actor.canonical, code=actor.code, country=actor.country,
                      sector=actor.sector, title=actor.title)
