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
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Entity
from .actors_rules import (
    LOCATIVE,
    Match,
    actor_from_role,
    acts,
    best_country_hit,
    compound,
    coordinated_modifiers,
    country_hit,
    hyphen_end,
    is_country_name,
    is_epithet_head,
    is_place,
    locative,
    other_side,
    pick_actor,
    placed_tokens,
    stance,
    token_words,
    within,
)
from .kb import SECTORS, KnowledgeBase, NameHit, load_shipped, merge_user_file, words

#: Entity labels coded as actors; FAC and LOC only when the knowledge base knows the name.
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_KB_ONLY_LABELS = frozenset({"FAC", "LOC"})
#: Dependents of an actor head that belong to another phrase.
_CUT = frozenset({"conj", "cc", "relcl", "acl", "advcl", "punct", "prep", "det:predet", "case", "mark", "preconj"})
_KEEP_PREPS = frozenset({"of", "from", "in"})
_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
#: Possessive pronouns of states and bodies ("its embassy", "their troops").
_POSSESSIVE = frozenset({"its", "their"})
#: Sectors whose members belong where they are ("protesters outside the US embassy in Seoul").
_LOCAL_SECTORS = frozenset({"CVL", "OPP", "COP"})
#: Sectors under which an owner's country passes to what it owns ("France ... its troops").
_STATE_SECTORS = frozenset({None, "GOV"})
#: Subject pronouns that stand for an owner further up ("Syria says it will withdraw its troops").
_SUBJECT_PRONOUNS = frozenset({"it", "they", "we"})
#: Nouns that, owned, name another party ("its counterpart").
_OTHERS = frozenset({"counterpart", "counterparts"})
_MAX_KEY = 8
#: Lower-case particles that may open a name ("al-Qaeda", "de Mistura", "bin Laden").
_PARTICLES = frozenset({"al", "el", "ad", "as", "an", "ash", "at", "de", "du", "van", "von", "bin", "ibn", "ben", "abu", "da", "di", "la", "le"})
#: Code prefixes of actors that have no country by nature (bodies, movements, sector-only codes).
_NO_COUNTRY = frozenset({"IGO", "NGO", "IMG", "MNC"}) | SECTORS
#: Small words inside long names ("Liberation Tigers of Tamil Eelam", "Doctors Without Borders").
_NAME_LINKS = frozenset({"of", "for", "the", "and", "-", "–", "on", "without", "in"}) | _PARTICLES
#: Sectors of bodies that stand outside any one country: coded bare ("NGO", "IGO") without a country word.
_INTERNATIONAL_SECTORS = frozenset({"NGO", "IGO"})
#: Dependencies by which a country word belongs to another noun ("South African leader").
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
#: A demonym after this word names an ethnic group, coded by where it lives (CAMEO practice).
_ETHNIC = frozenset({"ethnic"})
#: Nouns that make a demonym before them a people living somewhere ("the Albanian minority").
_ETHNIC_NOUNS = frozenset({"minority", "population", "community", "diaspora"})


#: Verbs of saying that follow their subject in a reporting clause ("..., the ministry said").
_REPORTING = frozenset({"say", "tell", "report", "announce", "add", "state", "claim", "confirm"})

#: Dependencies of a clause's subject.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _clause_token(token: Token) -> Token:
    """The token standing for a name or pronoun in its clause (past compounds and appositions)."""
    while token.dep_ in ("compound", "appos", "conj", "flat") and token.head is not token:
        token = token.head
    return token


def _appositive_list(token: Token) -> list[Token]:
    """Names listed after ``token`` that the parser hung on it as an apposition with conjuncts.

    "Kenya, Uganda, Tanzania and Rwanda" is often parsed with "Uganda" as an apposition of
    "Kenya" and the rest as its conjuncts: a name followed by a name with conjuncts is a list,
    not a description.
    """
    if token.pos_ != "PROPN":
        return []
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > token.i:
            conj = [c for c in child.conjuncts if c.pos_ == "PROPN"]
            if conj:
                return [child, *conj]
    return []


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


@dataclass
class _Phrase:
    """The phrase being resolved and what was found in it."""

    start: int
    end: int
    head: Token
    char_start: int
    char_end: int
    text: str
    matches: list[Match] = field(default_factory=list)
    sector: str | None = None
    title: str | None = None
    placed: frozenset[int] = frozenset()
    """Tokens of place phrases after the head ("in south Ukraine"): where, not whose."""


class DocumentActors:
    """The actors of one parsed document."""

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
            if ent.label_ not in _LABELS and ent.label_ not in _KB_ONLY_LABELS:
                continue
            entity = self._entity(ent)
            if entity is not None:
                self.entities.append(entity)

    # -- public ---------------------------------------------------------------------
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
        listed = _appositive_list(head)
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
        listed = _appositive_list(token)
        conjuncts = [c for c in (*token.conjuncts, *listed) if c.pos_ in ("NOUN", "PROPN") and not self._reporter(c)]
        if conjuncts and token.dep_ != "conj":
            start, end = self._phrase(token)
            last = max(conjuncts, key=lambda t: t.i)
            return self._coordinated(token, sorted(conjuncts), start, max(end, self._phrase(last)[1]),
                                     cut_appos=bool(listed))
        start, end = self._phrase(token)
        return self._resolve(start, end, token)

    # -- phrases --------------------------------------------------------------------
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
        owned = any(c.dep_ == "poss" and c.lower_ in _POSSESSIVE for c in token.children)
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

    def _resolve(self, start: int, end: int, head: Token) -> Actor | None:
        """Resolve the token range [start, end) whose syntactic head is ``head``.

        The rules run in the order of the module docstring; the first that applies wins.
        """
        doc = self._tokens
        text_start, text_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        p = _Phrase(start, end, head, text_start, text_end, self._text[text_start:text_end])
        lower = head.lower_
        if lower in _PRONOUNS and end - start == 1:
            person = self._pronoun(head)
            return replace(person, text=p.text, start=p.char_start, end=p.char_end) if person else None
        if lower in _POSSESSIVE and end - start == 1:
            # the bare pronoun stays uncoded: as an event's participant it is nearly always the
            # clause's own subject again ("protesters ... their disapproval of X")
            return None
        lemma = head.lemma_.lower()
        if lemma in self.kb.words.get("not_actor_nouns", ()):
            return None  # "the Russian language" is no one's
        p.matches = self._find(start, end, head)
        p.sector, p.title = self._agent(start, end, head, p.matches)
        p.placed = placed_tokens(head)
        owned = self._owned(p)
        if owned is not None:
            return owned

        # a name the document already introduced ("Blinken" after "Antony Blinken")
        earlier = self._surnames.get(lower) if head.text[:1].isupper() else None
        head_ent = self._ent_of.get(head.i)
        if earlier is not None and (earlier.start or 0) < (head_ent.start_char if head_ent is not None else head.idx) and not any(
            within(head, m) and country_hit(m) for m in p.matches
        ):
            # (not the introducing mention itself: its own phrase may say more, "X, the U.N. envoy")
            return replace(earlier, text=p.text, start=p.char_start, end=p.char_end)
        ethnic = [m for m in p.matches if country_hit(m) and m.start > 0 and doc[m.start - 1].lower_ in _ETHNIC]
        if not ethnic and lemma in _ETHNIC_NOUNS:
            # "the Albanian minority", "the Serb population of the province": a people, as "ethnic"
            ethnic = [m for m in p.matches if country_hit(m) and m.end <= head.i and doc[m.end - 1].head.i == head.i]
        if ethnic:
            return self._ethnic(p, ethnic)
        head_match = next((m for m in p.matches if within(head, m) and country_hit(m)), None)
        actor_match = self._actor_match(p.matches, head, titled=p.sector is not None, placed=p.placed)
        if actor_match is None and head.ent_type_ == "PERSON" and not p.matches:
            actor_match = self._variant_match(head)
        if actor_match is not None and (head_match is None or within(head, actor_match)
                                        or self._section(actor_match, head_match)):
            affiliation = self._affiliation(p, actor_match)
            if affiliation is not None:
                # the body's code, the person's name ("U.N. mediator Diego Cordovez")
                person = pick_actor([h for h in actor_match.hits if h.actor is not None], self.date)
                return replace(self._known(p, affiliation), canonical=person.canonical)
            actor = self._known(p, actor_match)
            if head.ent_type_ == "PERSON" and doc[actor_match.start].ent_type_ != "PERSON":
                # an unknown person speaking for a known body ("NATO commander X"): the body's
                # code, the person's name
                actor = replace(actor, canonical=self._name_text(head))
            return actor
        if head_match is not None:
            if best_country_hit(head_match.hits).kind == "feature":
                return None  # "the South China Sea" is a place of no country, not an actor
            return self._head_country(p, head_match)
        return self._from_context(p)

    def _section(self, body: Match, country: Match | None) -> bool:
        """True for an international body's national section ("MSF France", "Amnesty International UK").

        The country name closing the phrase names the branch, not a state actor: CAMEO codes
        the body.
        """
        if country is None or body.end != country.start:
            return False
        role = pick_actor([h for h in body.hits if h.actor is not None], self.date).role(self.date)
        return role is not None and (role.code or "")[:3] in _INTERNATIONAL_SECTORS

    def _owned(self, p: _Phrase) -> Actor | None:
        """A sector noun owned by "its"/"their" ("its embassy", "their troops"), from the owner.

        Without an owner before it the noun keeps its sector only. None when the rule does
        not apply.

        Only when the phrase has no name or country word of its own up to the head ("its
        Foreign Ministry" is fine, "its Russian allies" says whose); a noun that is no sector
        ("its neighbours", "their homes") is never the owner itself.
        """
        head = p.head
        pron = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVE
                     and p.start <= c.i < p.end), None)
        if pron is None or p.sector is None or any(m.start <= head.i for m in p.matches):
            return None
        uncoded = Actor(text=p.text, sector=p.sector, start=p.char_start, end=p.char_end, title=p.title)
        if head.lower_ in _OTHERS or p.sector in _INTERNATIONAL_SECTORS:
            return uncoded  # "its counterpart" is another party; "their peacekeepers" serve a body
        found = self._possessor(pron)
        if found is None:
            return uncoded  # someone's, but no one before it: not the sentence's country by default
        owner, own_clause = found
        if own_clause:
            # "Syria withdrew its troops from Lebanon": the owner's own means, not a second
            # participant; left uncoded so that the event coder looks on for the real one
            return uncoded
        return self._as_owned(owner, p)

    def _as_owned(self, owner: Actor, p: _Phrase) -> Actor:
        """What the owner makes of the owned noun: a state's country with the noun's sector, else the owner."""
        if owner.members:
            return compound(self.doc, self._text, p.start, p.end, [self._as_owned(m, p) for m in owner.members])
        if owner.country is not None and owner.sector in _STATE_SECTORS:
            return self._country_actor(owner.country, p.sector, p)
        # a group or body owns its own people ("Hamas said its fighters", "NATO ... its troops")
        return replace(owner, text=p.text, start=p.char_start, end=p.char_end, title=p.title)

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
                if (sent_start <= ent.start and ent.end <= pron.i and ent.label_ in _LABELS
                        and _clause_token(ent.root).dep_ in _SUBJECTS and ent.root.dep_ not in ("compound", "amod")):
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
        if token.ent_type_ == "PERSON" or token.lower_ in _PRONOUNS or token.i in self._person_tokens:
            return None
        actor = self.actor_for_token(token)
        if actor is None or not (actor.code or actor.country or actor.members):
            return None
        if not plural_ok and (actor.members or token.tag_ in ("NNS", "NNPS") and actor.sector is not None):
            return None
        return actor

    def _affiliation(self, p: _Phrase, person: Match) -> Match | None:
        """A body a named person speaks for, which beats the person's own country.

        "U.N. mediator Diego Cordovez", "EU foreign policy chief X", "X, the NATO commander":
        the person acts for the body (CAMEO codes a UN envoy IGOUNO whatever passport he
        holds). The body must qualify a role noun that belongs to the person, and be
        international or of another country than the person's (a party leader keeps his
        more precise government role).
        """
        doc = self.doc
        if doc[person.start].ent_type_ != "PERSON":
            return None
        mine = pick_actor([h for h in person.hits if h.actor is not None], self.date).role(self.date)
        for m in p.matches:
            if m is person or country_hit(m) or doc[m.start].ent_type_ == "PERSON":
                continue
            hits = [h for h in m.hits if h.actor is not None and h.kind != "surname"]
            if not hits or not self._qualifies(m, person):
                continue
            role = pick_actor(hits, self.date).role(self.date)
            if role is None or role.code is None:
                continue
            if role.country is None or mine is None or role.country != mine.country:
                return Match(m.start, m.end, hits)
        return None

    def _qualifies(self, m: Match, person: Match) -> bool:
        """True when the name ``m`` opens a role noun phrase attached to the person ``person``."""
        doc = self.doc
        # the words after the body's name, up to the person or the end of the apposition
        i = m.end
        if i < len(doc) and doc[i].lower_ in ("'s", "’s"):
            i += 1
        role_noun = False
        while i < len(doc) and not person.start <= i < person.end and doc[i].ent_type_ != "PERSON":
            tok = doc[i]
            if tok.pos_ in ("NOUN", "PROPN"):
                role_noun = True
            elif not (tok.pos_ == "ADJ" or tok.text in "-–"):
                break
            i += 1
        if not role_noun:
            return False
        # the role noun phrase hangs on the person: before the name, or in apposition to it
        tok = doc[i - 1]
        for _ in range(8):
            if person.start <= tok.i < person.end:
                return True
            if tok.dep_ not in ("compound", "amod", "nmod", "poss", "appos", "npadvmod") or tok.head is tok:
                return False
            tok = tok.head
        return False

    def _variant_match(self, head: Token) -> Match | None:
        """A known full name spelt with one letter doubled or undoubled ("Mitterand", "Ghadafi").

        Only for a person's name of two or more words that the knowledge base does not know
        as written, and only a full name (never a bare surname) is accepted.
        """
        ent = self._ent_of.get(head.i)
        if ent is None or len(ent) < 2:
            return None
        key = [w for i in range(ent.start, ent.end) for w in self._norm[i]]
        if not 2 <= len(key) <= 4:
            return None
        for n, word in enumerate(key):
            if len(word) < 5 or not word.isalpha():
                continue
            variants = {word[: k + 1] + word[k] + word[k + 1 :] for k in range(1, len(word))}
            variants |= {word[:k] + word[k + 1 :] for k in range(1, len(word)) if word[k] == word[k - 1]}
            for variant in sorted(variants):
                hits = [h for h in self.kb.lookup((*key[:n], variant, *key[n + 1 :])) if h.kind == "actor"]
                if hits:
                    return Match(ent.start, ent.end, hits)
        return None

    def _home(self, p: _Phrase, people: Match) -> str | None:
        """The country an "of"/"in" phrase after a people's name names ("Kurds in Syria"), if any.

        Only the object of the preposition counts, not its modifiers: "Palestinians of the
        Israeli-occupied West Bank" live in the West Bank.
        """
        for prep in p.head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                m = next((m for m in p.matches if m.start <= obj.i < m.end and m.start >= people.end), None)
                if m is not None and country_hit(m):
                    return best_country_hit(m.hits).country
        return None

    def _ethnic(self, p: _Phrase, ethnic: list[Match]) -> Actor:
        """"ethnic Albanians in Macedonia": a group coded by where it lives (CAMEO practice)."""
        group: set[str | None] = {best_country_hit(m.hits).country for m in ethnic}
        # where the people lives besides its own state ("ethnic Albanians": Kosovo, Macedonia...)
        homes = {h.country for m in ethnic for h in m.hits if h.kind == "people"} - group
        inside = [m for m in p.matches if country_hit(m) and m not in ethnic and best_country_hit(m.hits).country]
        home = best_country_hit(inside[0].hits).country if inside else None
        home = home or self._sentence_country(p.start, p.end, exclude=group, prefer=homes)
        if home is None and homes:
            before = [iso for i, iso in self._named() if i < p.start and iso in homes]
            home = before[-1] if before else None
        return self._country_actor(home or next(iter(group)), p.sector or "CVL", p)

    def _known(self, p: _Phrase, match: Match) -> Actor:
        """A person or body the knowledge base knows, in its role on the article date."""
        chosen = pick_actor(match.hits, self.date)
        actor = actor_from_role(self.kb, chosen, chosen.role(self.date), p.text, p.char_start, p.char_end,
                                title=p.title)
        if actor.sector is None and actor.country is not None and p.sector:
            actor = replace(actor, sector=p.sector, code=self.kb.code(actor.country, p.sector))
        elif (actor.sector == "GOV" and actor.country is not None and p.sector in self.kb.words.get("armed_sectors", ())
              and match.end <= p.head.i and p.head.ent_type_ != "PERSON"
              and self.doc[match.start].ent_type_ != "PERSON"):
            # a ruling movement's armed men ("Taliban gunmen") are not its government
            actor = replace(actor, sector=p.sector, code=self.kb.code(actor.country, p.sector))
        if actor.country is None and actor.code and actor.code[:3] not in _NO_COUNTRY:
            # a region-coded group ("Palestinian Islamic Jihad": Phoenix MEA)
            country = self._modifier_country(p.matches, p.head) or self._inner_country(match)
            if country is None and p.head.ent_type_ != "PERSON":
                country = self._sentence_country(p.start, p.end)
            if country:
                sector = actor.sector or p.sector
                actor = replace(actor, country=country, sector=sector, code=self.kb.code(country, sector))
        return actor

    def _head_country(self, p: _Phrase, match: Match) -> Actor:
        """The head is a country word, capital or seat ("Moscow", "the Kremlin", "Palestinians")."""
        head = p.head
        before = [m for m in p.matches if m.end <= match.start and country_hit(m)
                  and all(t.is_space for t in self.doc[m.end : match.start])]
        people = match
        if before:
            match = before[-1]  # "Bosnian Serbs": the first country word says where, the second who
        hit = best_country_hit(match.hits)
        sector: str | None
        if hit.kind in ("capital", "place"):
            # a capital acting ("Moscow denied") is the government; as a place ("talks in
            # Moscow", "arrived in Amman") it is only the country, and the event coder
            # decides whether a place takes part
            sector = "GOV" if hit.kind == "capital" and acts(head) and not locative(head) else None
            if p.sector and match.end - match.start < p.end - p.start:
                sector = p.sector
        elif hit.kind == "seat":
            sector = hit.sector
        elif p.sector:
            sector = p.sector  # "Israeli army", even when the parser makes the adjective the root
        elif head.tag_ in ("NNS", "NNPS") and within(head, people) and not is_country_name(self.kb, hit, head):
            sector = "CVL"  # "Palestinians": a people, not its state (CAMEO practice)
            home = self._home(p, match)
            if home is not None:
                # "the Albanians of southern Serbia": a people coded by where it lives
                return self._country_actor(home, sector, p)
        else:
            sector = None
        return self._country_actor(hit.country, sector, p)

    def _from_context(self, p: _Phrase) -> Actor | None:
        """No known name heads the phrase: country words inside it, then the document around it."""
        doc = self.doc
        countries = self._modifier_countries(p.matches, p.head)
        # a place phrase gives the noun its country only as a last resort ("police in Kenya",
        # "a jail in northern Israel"), never over the noun's own country word
        countries = [(c, m) for c, m in countries if m.start not in p.placed] or countries
        before = [(c, m) for c, m in countries if m.end <= p.head.i]
        if len(before) > 1 and len(before) < len(countries) and coordinated_modifiers(doc, before):
            countries = before  # "the Turkish and Greek sides of Cyprus": the sides are the two
        if len(countries) > 1 and coordinated_modifiers(doc, countries):
            members = [
                self._country_actor(iso, p.sector, _Phrase(m.start, m.end, doc[m.start], doc[m.start].idx,
                                                           doc[m.end - 1].idx + len(doc[m.end - 1]),
                                                           doc[m.start : m.end].text, title=p.title))
                for iso, m in countries
            ]
            return compound(doc, self._text, p.start, p.end, members)
        if countries:
            return self._country_actor(countries[0][0], p.sector, p)
        epithet = self._epithet(p.start, p.end, p.head)
        if epithet:
            return self._country_actor(epithet, p.sector if p.sector and not is_epithet_head(p.head) else None, p)
        # an unknown named person takes the sentence's country only with a title ("President X"),
        # and only a country no other participant holds; a rights group, aid agency or
        # peacekeeping force takes none: the country around it is usually the one it criticises
        # or is sent to
        person = p.head.ent_type_ == "PERSON"
        international = p.sector in _INTERNATIONAL_SECTORS
        foreign = self.kb.words.get("foreign_modifiers", frozenset())
        # "Western governments", "foreign diplomats": not the country the sentence is about
        # ("foreign ministers" is a title: the modifier is part of the sector noun)
        abroad = p.head.tag_ in ("NNS", "NNPS") and any(
            t.lower_ in foreign and t.dep_ == "amod" and t.head.i == p.head.i
            and not self.kb.agents.get((t.lower_, p.head.lemma_.lower())) and not self.kb.agents.get((t.lower_, p.head.lower_))
            for t in self._tokens[p.start : p.head.i])
        country = None
        if (not person or p.sector) and not international and not abroad:
            country = self._there(p.head)
            if country is None:
                country = self._sentence_country(p.start, p.end, own=p.head if person else None,
                                                 places=p.sector in _LOCAL_SECTORS)
        if p.sector and country:
            return self._country_actor(country, p.sector, p)
        if p.sector:
            code = p.sector if international else None  # CAMEO's bare "NGO" / "IGO"
            return Actor(text=p.text, code=code, sector=p.sector, start=p.char_start, end=p.char_end, title=p.title)
        if person:
            name = self._name_text(p.head)
            appos = self._appositive(p.head)
            if appos is not None and (appos.country or appos.sector):
                # "Salaheddine Sidhoum, Algeria's leading activist": the apposition says whose
                return replace(appos, text=p.text, start=p.char_start, end=p.char_end, canonical=name)
            return Actor(text=p.text, canonical=name, start=p.char_start, end=p.char_end)
        return None

    def _there(self, head: Token) -> str | None:
        """The country of the last place named before "the rebels there", "officials there"."""
        if not any(c.lower_ == "there" and c.dep_ == "advmod" for c in head.children):
            return None
        before = [iso for i, iso in self._named() if i < head.i]
        return before[-1] if before else None

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

    def _inner_country(self, m: Match) -> str | None:
        """A country word inside a known name ("Palestinian Islamic Jihad")."""
        for i in range(m.start, m.end):
            for hit in self.kb.lookup(self._norm[i]) if self._norm[i] else ():
                if hit.kind == "country":
                    return hit.country
        return None

    def _name_text(self, head: Token) -> str:
        ent = self._ent_of.get(head.i)
        return ent.text if ent is not None else head.text

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

    def _country_actor(self, iso: str | None, sector: str | None, p: _Phrase) -> Actor:
        country = self.kb.countries.get(iso or "")
        return Actor(text=p.text, code=self.kb.code(iso, sector), country=iso, sector=sector,
                     canonical=country.name if country else None, start=p.char_start, end=p.char_end, title=p.title)

    # -- names, sectors, context ----------------------------------------------------
    def _find(self, start: int, end: int, head: Token | None = None) -> list[Match]:
        """Longest known names starting in [start, end), left to right, each starting with a capital.

        A name may run past ``end`` when it covers ``head``: the parser often cuts a long
        name short ("the Liberation Tigers" + "of Tamil Eelam"), and the cut-off part alone
        can be another actor's name.
        """
        limit = end
        tokens = self._tokens
        if head is not None:
            # names go on in capitals and a few small words ("of", "for", "the")
            last = min(self._sent[start][1], end + _MAX_KEY)
            while limit < last and (tokens[limit].text[:1].isupper() or tokens[limit].lower_ in _NAME_LINKS):
                limit += 1
        norm = self._norm
        toks = [(i, w) for i in range(start, limit) for w in norm[i]]
        keys = [w for _, w in toks]
        inside = len(toks) if limit == end else sum(1 for i, _ in toks if i < end)
        out: list[Match] = []
        j = 0
        lookup = self.kb.lookup
        longest = min(_MAX_KEY, self.kb.max_len)
        head_i = head.i if head is not None else -1
        while j < inside:
            i = toks[j][0]
            first = tokens[i].text[:1]
            if not (first.isupper() or first.isdigit() or tokens[i].lower_ in _PARTICLES):
                j += 1
                continue
            for length in range(min(longest, len(toks) - j), 0, -1):
                last = toks[j + length - 1][0]
                if last >= end and not i <= head_i <= last:
                    continue
                hits = lookup(tuple(keys[j : j + length]))
                if hits:
                    hits = self._holding(hits, i, last, (start, limit))
                if hits and i > start and stance(tokens, i):
                    hits = [h for h in hits if h.actor is not None]  # "anti-Syria journalist": not Syria's
                if hits:
                    out.append(Match(i, last + 1, hits))
                    j += length
                    break
            else:
                j += 1
        return out

    def _holding(self, hits: list[NameHit], first: int, last: int, phrase: tuple[int, int]) -> list[NameHit]:
        """The hits of a name that hold here: on the article date, and one home for a people.

        A dated name keeps only the meaning it had on the date ("Juba" was in Sudan before
        2011). A people's name ("Karen", "Kurdish") says the group, not the country: of its
        homes, the one the article names wins, else the likeliest; a people's word inside a
        longer person's name ("Karen Smith") is a given name. When the word is also a
        country's own ("Albanian"), the country stands and the homes stay for "ethnic X".
        A town two countries have ("Tripoli") is the one the article points to, else the first.
        """
        if len(hits) == 1 and hits[0].kind != "people" and not (hits[0].start or hits[0].end):
            return hits  # the common case: one undated meaning
        if any(h.start or h.end for h in hits):
            hits = [h for h in hits if h.active(self.date)]
        places = [h for h in hits if h.kind in ("capital", "place")]
        if len({h.country for h in places}) > 1 and not any(h.kind in ("country", "seat") for h in hits):
            # a town two countries have ("Tripoli"): the one the article points to, else the first
            chosen = self._people_home(places, first, phrase, skip=(first, last))
            hits = [h for h in hits if h.actor is not None or h.country == chosen.country]
        homes = [h for h in hits if h.kind == "people"]
        if not homes:
            return hits
        ent = self._ent_of.get(first)
        if ent is not None and ent.label_ == "PERSON" and (ent.start < first or ent.end > last + 1):
            return [h for h in hits if h.kind != "people"]
        if any(h.actor is None and h.kind != "people" for h in hits):
            return hits
        return [self._people_home(homes, first, phrase)] + [h for h in hits if h.kind != "people"]

    def _people_home(self, homes: list[NameHit], at: int, phrase: tuple[int, int],
                     skip: tuple[int, int] = (-1, -1)) -> NameHit:
        """Of a people's homes (or a town's countries), the hit the article points to: the country
        named in its phrase ("Druze of the Syrian Golan"), else the nearest in its sentence, else
        the nearest before it, else the first; names in ``skip`` (the name itself) do not count."""
        countries = {h.country for h in homes}
        sent_start, sent_end = self._sent[at]
        lo, hi = phrase
        n = len(self.doc)
        near = [(abs(i - at) if lo <= i < hi else n + abs(i - at) if sent_start <= i < sent_end else 2 * n + at - i, iso)
                for i, iso in self._named() if iso in countries and (i < at or i < sent_end)
                and not skip[0] <= i <= skip[1]]
        if near:
            iso = min(near)[1]
            return next(h for h in homes if h.country == iso)
        return homes[0]

    def _named(self) -> list[tuple[int, str]]:
        """(token, iso3) of every country, capital or place name among the document's entities."""
        if self._named_cache is None:
            self._named_cache = []
            for ent in self._ents:
                if ent.label_ not in ("GPE", "NORP", "LOC"):
                    continue
                key = tuple(w for i in range(ent.start, ent.end) for w in self._norm[i])
                if key[:1] == ("the",):
                    key = key[1:]
                # the whole name, else its words one by one ("the Syrian Golan Heights")
                for i, part in [(ent.root.i, key)] + [(i, self._norm[i]) for i in range(ent.start, ent.end)] * (len(ent) > 1):
                    iso = next((c for h in self.kb.lookup(part) if (c := self._place_country(h))), None) if part else None
                    if iso is not None:
                        self._named_cache.append((i, iso))
                        break
        return self._named_cache

    def _place_country(self, hit: NameHit) -> str | None:
        """The country a name hit stands for as a place on the article date (Phoenix keeps many
        states as actors with a dated bare country code: "Iraq"), or None."""
        if hit.actor is None:
            return hit.country if hit.kind in ("country", "capital", "place") and hit.active(self.date) else None
        role = hit.actor.role(self.date)
        return role.country if role is not None and role.sector is None and role.code == role.country else None

    def _agent(self, start: int, end: int, head: Token, matches: list[Match]) -> tuple[str | None, str | None]:
        """(sector, title) from the sector nouns in the phrase; the head's noun wins."""
        named = {i for m in matches for i in range(m.start, m.end)}
        best: tuple[int, int, int, str] | None = None  # (covers head, length, position, sector)
        agents = self.kb.agents
        openers = self.kb.agent_openers
        doc = self.doc
        tokens = self._tokens
        for i in range(start, end):
            tok = tokens[i]
            if i in named or tok.pos_ not in ("NOUN", "PROPN", "ADJ", "VERB"):
                continue
            if tok.lower_ not in openers and tok.lemma_.lower() not in openers:
                continue  # no sector noun starts here (most words)
            for length in (4, 3, 2, 1):
                if i + length > end:
                    continue
                toks = tokens[i : i + length]
                if any(t.i in named for t in toks):
                    continue
                last = toks[-1]
                key = tuple([t.lower_ for t in toks[:-1]] + [last.lemma_.lower()])
                sector = agents.get(key) or agents.get(tuple(t.lower_ for t in toks))
                if sector:
                    cand = (int(i <= head.i < i + length), length, i, sector)
                    if best is None or cand[:2] > best[:2] or (cand[:2] == best[:2] and cand[2] > best[2]):
                        best = (cand[0], cand[1], i, sector)
                    break
        if best is None:
            return None, None
        covers, length, i, sector = best
        # a title belongs to a named person ("Foreign Minister Park Jin"); "the military" has none
        named_person = any(tokens[j].ent_type_ == "PERSON" for j in range(start, end))
        title = doc[i : i + length].text if named_person and tokens[i + length - 1].ent_type_ != "PERSON" else None
        if title and tokens[i + length - 1].tag_ in ("NNS", "NNPS"):
            title = None  # a group ("officials"), not a title
        return sector, title

    def _actor_match(self, matches: list[Match], head: Token, *, titled: bool,
                     placed: frozenset[int] = frozenset()) -> Match | None:
        """The match naming a known person or body: the head's, else the last one that is not a country.

        A name inside a place phrase after the head ("Osgiliath soldiers in south Ithilen")
        counts only when no other name does ("soldiers in X").
        """
        cands = []
        doc = self._tokens
        countries: set[str | None] | None = None  # the phrase's country words, on first need
        for m in matches:
            person = doc[m.start].ent_type_ == "PERSON"
            hits = [h for h in m.hits if h.actor is not None and (h.kind != "surname" or person or titled)]
            if not hits:
                continue  # a bare surname that the text does not mark as a person ("Ferrari")
            if country_hit(m) and not person:
                continue  # "Jordan" the country unless NER says it is a person
            if m.end - m.start == 1 and m.end < len(doc) and doc[m.end].ent_iob_ == "I" and person:
                continue  # one word of a longer name ("Hassan" in "Omar Hassan al-Bashir")
            if person and self._other_given_name(m, hits):
                continue  # "Mark Hassan" is not Prince Hassan: a surname shared across people
            if m.end - m.start == 1 and countries is None:
                countries = {best_country_hit(m.hits).country for m in matches if country_hit(m)}
            if m.end - m.start == 1 and countries:
                role = pick_actor(hits, self.date).role(self.date)
                if role is not None and role.country and role.country not in countries:
                    continue  # "King Hassan of Morocco" is not Jordan's Prince Hassan
            cands.append(Match(m.start, m.end, hits))
        cands = [m for m in cands if m.start not in placed] or cands
        for m in cands:
            if m.start <= head.i < m.end:
                return m
        return cands[-1] if cands else None

    def _other_given_name(self, m: Match, hits: list[NameHit]) -> bool:
        """True when the person's name has a given name that the known actor's full name does not.

        ``m`` matched only the surname (or one word) of a longer name in the text: had the
        given name been the known actor's, the longer name would have matched (aliases carry
        the usual forms). Titles ("President", "Mr.") and initials are not given names.
        """
        if m.end - m.start > 1 and not all(h.kind == "surname" for h in hits):
            return False
        ent = self._ent_of.get(m.start)
        if ent is None:
            return False
        for i in range(ent.start, m.start):
            tok = self.doc[i]
            if (tok.pos_ == "PROPN" and tok.is_alpha and len(tok) > 1 and tok.text[:1].isupper()
                    and not self.kb.agents.get((tok.lower_,)) and tok.lower_ not in _PARTICLES):
                # the first given name decides (middle names are often left out of the KB's forms)
                known = {w for h in hits if h.actor is not None for w in words(h.actor.canonical)}
                return tok.lower_ not in known
        return False

    def _modifier_countries(self, matches: list[Match], head: Token) -> list[tuple[str, Match]]:
        """Countries named in the phrase, those before the head first."""
        out = [(best_country_hit(m.hits).country, m) for m in matches if country_hit(m)]
        # "Israel's militia ally": the ally is not Israel's own (unless nothing else says whose)
        out = [x for x in out if not other_side(self.doc, x[1])] or [x for x in out if x[1].start > head.i]
        before = [x for x in out if x[1].start < head.i]
        after = [x for x in out if x[1].start >= head.i]
        return [(c, m) for c, m in before + after if c]

    def _modifier_country(self, matches: list[Match], head: Token) -> str | None:
        countries = self._modifier_countries(matches, head)
        return countries[0][0] if countries else None

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
        own = _clause_token(token)
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

    def _known_person(self, ent: Span, actor: Actor) -> bool:
        """True when an entity is a person the KB knows: its last word alone names the same actor.

        People are known by their surname ("Scholz" for "Olaf Scholz"), bodies hardly ever by
        their last word; the actor must hold a titled role or have a surname entry.
        """
        if len(ent) < 2 or not actor.canonical or actor.members:
            return False
        last = self._norm[ent.end - 1]
        for hit in self.kb.lookup(last) if last else ():
            known = hit.actor
            if known is not None and known.canonical == actor.canonical and (
                    hit.kind == "surname" or any(r.title for r in known.roles)):
                return True
        return False

    def _place_name(self, start: int, end: int) -> bool:
        """True when the name in [start, end) is only a place (country, capital, town) on the article date."""
        key = tuple(w for i in range(start, end) for w in self._norm[i])
        hits = [h for h in self.kb.lookup(key) if h.active(self.date)] if key else []
        # a state kept as an actor has only bare country roles; a person out of office has
        # one too on the date, but titled or sector roles besides
        # (country words are left alone: "Britons", "Welsh" are peoples, and "Jordan" often a person)
        return bool(hits) and all(self._place_country(h) is not None and h.kind != "country" and (h.actor is None or all(
            r.sector is None and r.title is None and r.code == r.country for r in h.actor.roles)) for h in hits)

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
            self._people.append((first_char, named, _clause_token(root)))
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
