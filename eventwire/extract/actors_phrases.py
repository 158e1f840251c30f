"""The rules that resolve one phrase to an actor, in the order of ``actors.py``'s docstring.

Known people and bodies in their dated roles, country words with sector nouns, capitals and
seats, peoples and ethnic groups, "its"/"their" with what they own, and the fall-back on
context. A mixin of ``DocumentActors`` (see ``actors.py``): it reads the document state set
up there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from ..records import Actor
from .actors_rules import (
    PERSON_PRONOUNS,
    POSSESSIVE,
    Match,
    actor_from_role,
    acts,
    best_country_hit,
    compound,
    coordinated_modifiers,
    country_hit,
    is_country_name,
    is_epithet_head,
    locative,
    other_side,
    pick_actor,
    placed_tokens,
    within,
)
from .kb import SECTORS

#: Sectors whose members belong where they are ("protesters outside the US embassy in Seoul").
_LOCAL_SECTORS = frozenset({"CVL", "OPP", "COP"})
#: Sectors under which an owner's country passes to what it owns ("France ... its troops").
_STATE_SECTORS = frozenset({None, "GOV"})
#: Nouns that, owned, name another party ("its counterpart").
_OTHERS = frozenset({"counterpart", "counterparts"})
#: Code prefixes of actors that have no country by nature (bodies, movements, sector-only codes).
_NO_COUNTRY = frozenset({"IGO", "NGO", "IMG", "MNC"}) | SECTORS
#: Sectors of bodies that stand outside any one country: coded bare ("NGO", "IGO") without a country word.
_INTERNATIONAL_SECTORS = frozenset({"NGO", "IGO"})
#: A demonym after this word names an ethnic group, coded by where it lives (CAMEO practice).
_ETHNIC = frozenset({"ethnic"})
#: Nouns that make a demonym before them a people living somewhere ("the Albanian minority").
_ETHNIC_NOUNS = frozenset({"minority", "population", "community", "diaspora"})


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


class PhraseRules:
    """The resolution rules for one phrase."""

    def _resolve(self, start: int, end: int, head: Token) -> Actor | None:
        """Resolve the token range [start, end) whose syntactic head is ``head``.

        The rules run in the order of ``actors.py``'s docstring; the first that applies wins.
        """
        doc = self._tokens
        text_start, text_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        p = _Phrase(start, end, head, text_start, text_end, self._text[text_start:text_end])
        lower = head.lower_
        if lower in PERSON_PRONOUNS and end - start == 1:
            person = self._pronoun(head)
            return replace(person, text=p.text, start=p.char_start, end=p.char_end) if person else None
        if lower in POSSESSIVE and end - start == 1:
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
        pron = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE
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

    def _country_actor(self, iso: str | None, sector: str | None, p: _Phrase) -> Actor:
        country = self.kb.countries.get(iso or "")
        return Actor(text=p.text, code=self.kb.code(iso, sector), country=iso, sector=sector,
                     canonical=country.name if country else None, start=p.char_start, end=p.char_end, title=p.title)

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
